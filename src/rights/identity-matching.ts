import type { Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import * as identities from './identity-matching.repository.ts';

/**
 * What the public request routes act as. The person filing is nobody we know yet; the portal does the work
 * staff would otherwise type in, limited by its routes to filing and proving one's own request. It has the
 * role that handles data-subject requests (the dpo's), because the law does not suspend the rights of a
 * person whose data is restricted or who objected (see the guard's restriction and objection checks).
 */
export const PORTAL_ACTOR: Actor = { kind: 'system', id: 'privacy-portal', role: 'dpo' };

/**
 * Who looks up the subject behind a request, in every flow: the lookup is part of handling the request
 * (Art. 12(2), 12(6)), logged as a consultation naming the subjects found, and must work for a restricted
 * person too, whose request may be exactly to lift or erase.
 */
export const IDENTITY_MATCHER: Actor = { kind: 'system', id: 'identity-matching', role: 'dpo' };

/** A subject whose contact details on file a code may go to. */
export interface Candidate {
  id: string;
  /** The address as we have it on file: the code goes here, never to a spelling only the requester gave. */
  email: string;
}

/** Subjects with this e-mail address on file, compared without regard to case (RFC 5321 local parts rarely differ by case). */
export async function subjectsWithAddress(guard: Guard, trx: Transaction<DB>, email: string | null): Promise<Candidate[]> {
  return guard.processIn(trx, { actor: IDENTITY_MATCHER, operation: 'consult', recordType: 'subject' }, async (ctx) => {
    if (email === null) return [];
    const rows = await identities.subjectsByEmail(ctx.trx, email);
    const found = rows.flatMap((r) => (r.email === null ? [] : [{ id: r.id, email: r.email }]));
    for (const c of found) ctx.touch('subject', c.id, c.id);
    return found;
  });
}

/** The e-mail address on file of one subject, when it has one. */
export async function addressOnFile(guard: Guard, trx: Transaction<DB>, subjectId: string): Promise<Candidate | undefined> {
  return guard.processIn(
    trx,
    { actor: IDENTITY_MATCHER, operation: 'consult', recordType: 'subject', subjectId },
    async (ctx) => {
      const row = await identities.emailOf(ctx.trx, subjectId);
      return row === undefined || row.email === null ? undefined : { id: row.id, email: row.email };
    },
  );
}

/**
 * The second way to prove identity, for the kinds that allow it: two facts of one issued invoice of the
 * person's, its number and its total (VAT included). Returns the subject among the candidates it belongs to.
 */
export async function subjectKnowing(
  guard: Guard,
  trx: Transaction<DB>,
  candidates: Candidate[],
  facts: { invoiceNumber: string; totalCents: number },
): Promise<string | undefined> {
  const ids = candidates.map((c) => c.id);
  return guard.processIn(trx, { actor: IDENTITY_MATCHER, operation: 'consult', recordType: 'invoice' }, async (ctx) => {
    if (ids.length === 0) return undefined;
    const row = await identities.issuedInvoiceMatching(ctx.trx, ids, facts);
    if (row === undefined || row.subject_id === null) return undefined;
    ctx.touch('invoice', row.id, row.subject_id);
    return row.subject_id;
  });
}

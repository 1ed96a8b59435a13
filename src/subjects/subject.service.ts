import { randomInt, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AddressRow, DB } from '../db/types.ts';
import { conflict, notFound } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { withheldByObjection } from '../restrictions-objections/objection-check.ts';
import { withheldByRestriction } from '../restrictions-objections/restriction-check.ts';
import type { Guard } from '../guard/guard.ts';
import { parse } from '../shared/parse.ts';
import { refuseUndeclaredGender } from './gender.ts';
import { presentSubject } from './subject.presenter.ts';
import * as subjects from './subject.repository.ts';
import {
  type NewSubject,
  type Subject,
  type SubjectPatch,
  type SubjectSummary,
  newSubjectSchema,
  subjectPatchSchema,
  subjectSearchSchema,
} from './subject.schema.ts';

/** Data subjects: the customers and contacts whose personal data Kluis keeps. */
export class SubjectService {
  private readonly guard: Guard;

  constructor(guard: Guard) {
    this.guard = guard;
  }

  async create(actor: Actor, input: NewSubject, purpose?: string): Promise<Subject> {
    const data = parse(newSubjectSchema, input, 'subject');
    refuseUndeclaredGender(this.guard.policy, 'subject', data.gender);
    return this.guard.process({ actor, operation: 'collect', recordType: 'subject', purpose }, async (ctx) => {
      const { trx } = ctx;
      const now = ctx.clock.now().toISOString();
      const id = randomUUID();
      if (data.reference !== undefined && (await subjects.getByReference(trx, data.reference))) {
        throw conflict(`The reference ${data.reference} is in use`);
      }
      const reference = data.reference ?? (await freeReference(trx));
      const row = {
        id,
        reference,
        first_name: data.firstName,
        last_name: data.lastName,
        gender: data.gender ?? null,
        email: data.email ?? null,
        phone: data.phone ?? null,
        language: data.language,
        source: data.source,
        source_organisation: data.sourceOrganisation ?? null,
        created_at: now,
        updated_at: now,
      };
      await subjects.create(trx, row);
      const addresses = addressRows(id, data.addresses, now);
      await subjects.replaceAddresses(trx, id, addresses);
      ctx.touch('subject', id, id);
      return presentSubject(row, addresses);
    });
  }

  async get(actor: Actor, id: string, purpose?: string): Promise<Subject> {
    return this.guard.process(
      { actor, operation: 'consult', recordType: 'subject', subjectId: id, purpose, readOnly: true },
      async (ctx) => {
        const row = await subjects.getById(ctx.trx, id);
        if (row === undefined) throw notFound('Subject', id);
        ctx.touch('subject', id, id);
        return presentSubject(row, await subjects.listAddresses(ctx.trx, id));
      },
    );
  }

  /** Rectification or completion (Art. 16): the old value is not kept anywhere but in the past backups. */
  async update(actor: Actor, id: string, input: SubjectPatch, purpose?: string): Promise<Subject> {
    const patch = parse(subjectPatchSchema, input, 'subject change');
    refuseUndeclaredGender(this.guard.policy, 'subject', patch.gender);
    return this.guard.process({ actor, operation: 'modify', recordType: 'subject', subjectId: id, purpose }, async (ctx) => {
      const { trx } = ctx;
      const current = await subjects.getById(trx, id);
      if (current === undefined) throw notFound('Subject', id);
      const now = ctx.clock.now().toISOString();
      const changes = {
        ...(patch.firstName === undefined ? {} : { first_name: patch.firstName }),
        ...(patch.lastName === undefined ? {} : { last_name: patch.lastName }),
        ...(patch.gender === undefined ? {} : { gender: patch.gender }),
        ...(patch.email === undefined ? {} : { email: patch.email }),
        ...(patch.phone === undefined ? {} : { phone: patch.phone }),
        ...(patch.language === undefined ? {} : { language: patch.language }),
        ...(patch.source === undefined ? {} : { source: patch.source }),
        ...(patch.sourceOrganisation === undefined ? {} : { source_organisation: patch.sourceOrganisation }),
        updated_at: now,
      };
      await subjects.update(trx, id, changes);
      if (patch.addresses !== undefined) await subjects.replaceAddresses(trx, id, addressRows(id, patch.addresses, now));
      ctx.touch('subject', id, id);
      const row = await subjects.getById(trx, id);
      return presentSubject(row ?? { ...current, ...changes }, await subjects.listAddresses(trx, id));
    });
  }

  /**
   * One search is one consultation; every subject it returns is named in the log entry. A match this actor
   * may not consult (a restriction, Art. 18(2); an upheld objection to the purpose, Art. 21(1)) is left out
   * and not touched, so one such person does not make the search fail for every other customer.
   */
  async search(actor: Actor, input: unknown): Promise<SubjectSummary[]> {
    const criteria = parse(subjectSearchSchema, input, 'search');
    // No criterion: every customer, by name, a page at a time (issue 19: an empty search lists them all).
    return this.guard.process(
      { actor, operation: 'consult', recordType: 'subject', purpose: criteria.purpose, readOnly: true },
      async (ctx) => {
        const found = await subjects.search(ctx.trx, criteria);
        const ids = found.map((r) => r.id);
        const withheld = new Set([
          ...(await withheldByRestriction(this.guard.policy, ctx.processing, ids, ctx.trx)),
          ...(await withheldByObjection(this.guard.policy, ctx.processing, ids, ctx.trx)),
        ]);
        const rows = found.filter((r) => !withheld.has(r.id));
        for (const r of rows) ctx.touch('subject', r.id, r.id);
        return rows.map((r) => ({
          id: r.id,
          reference: r.reference,
          firstName: r.first_name,
          lastName: r.last_name,
          email: r.email,
          phone: r.phone,
        }));
      },
    );
  }
}

/** The address rows of a subject, new ids, as a create or an update stores them. */
export function addressRows(subjectId: string, addresses: NewSubject['addresses'], now: string): AddressRow[] {
  return (addresses ?? []).map((a) => ({
    id: randomUUID(),
    subject_id: subjectId,
    kind: a.kind,
    street: a.street,
    postal_code: a.postalCode,
    city: a.city,
    country: a.country,
    created_at: now,
  }));
}

/** A customer reference that is not in use. Random, not sequential: it is also a proof of identity later. */
export async function freeReference(trx: Transaction<DB>): Promise<string> {
  for (;;) {
    const candidate = `K-${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
    if ((await subjects.getByReference(trx, candidate)) === undefined) return candidate;
  }
}

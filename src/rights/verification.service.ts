import type { Transaction } from 'kysely';
import type { DB, RightsRequestRow, VerificationChallengeRow } from '../db/types.ts';
import { KluisError, conflict, forbidden, notFound, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import { isoNow } from '../shared/clock.ts';
import { parse } from '../shared/parse.ts';
import { MAX_ATTEMPTS, type ProofMethod, closedReason } from './challenges.ts';
import { type Candidate, PORTAL_ACTOR, subjectKnowing, subjectsWithAddress } from './identity-matching.ts';
import { LIMITS, type Limit, type RateLimiter, countEvent, eventsInWindow, rateLimited } from './rate-limit.ts';
import { isRight } from '../shared/request-kind.ts';
import { presentRequest } from './request.presenter.ts';
import * as requests from './request.repository.ts';
import {
  type KnowledgeProof,
  type PublicProof,
  type PublicStatus,
  type RightsRequest,
  publicProofSchema,
  staffVerificationSchema,
} from './request.schema.ts';
import { asStatus, nextStatus, publicStage } from './request-status.ts';
import { matchesHash } from './secrets.ts';
import * as challenges from './verification.repository.ts';
import { dayOfReceipt } from './deadline.ts';
import { KNOWLEDGE_FAILURES, amountInCents, knowledgeSuffices } from './verification-knowledge.ts';

type Refusal = 'wrong' | 'used' | 'expired' | 'locked' | 'knowledge_not_accepted' | 'knowledge_locked';
type Outcome = { verified: RightsRequestRow } | { refused: Refusal };

/**
 * Proof of identity (Art. 12(2) and 12(6), EDPB 01/2022): the code or link sent to the address on file,
 * two facts of an invoice for the kinds that allow knowledge (verification-knowledge.ts), or a method staff record. Never a copy of an
 * identity document: staff record at most that one was seen.
 */
export class VerificationService {
  private readonly guard: Guard;
  private readonly limiter: RateLimiter;

  constructor(guard: Guard, limiter: RateLimiter) {
    this.guard = guard;
    this.limiter = limiter;
  }

  /**
   * A proof given on the portal. A failed attempt is counted and committed before the refusal is answered;
   * the fifth locks the challenge. Someone who is no customer meets the same challenges, which can never
   * succeed, so no answer tells a customer's address from another.
   */
  async verifyPublic(reference: string, input: unknown, origin: { ip: string }): Promise<PublicStatus> {
    const proof = parse(publicProofSchema, input, 'proof');
    await this.limiter.hit([LIMITS.proofPerIp, origin.ip]);
    const outcome = await this.guard.process(
      { actor: PORTAL_ACTOR, operation: 'modify', recordType: 'case' },
      async (ctx): Promise<Outcome> => {
        const row = await requests.getByReference(ctx.trx, reference);
        if (row === undefined) throw notFound('Request', reference);
        ctx.touch('rights_request', row.id);
        // Verifying twice: only someone who held the code can get here, so this says nothing about membership.
        if (row.verified_at !== null) throw conflict(`Request ${reference} is verified already`);
        return this.tryProof(ctx.trx, row, proof);
      },
    );
    if ('refused' in outcome) throw refusal(outcome.refused);
    return publicStatusOf(outcome.verified);
  }

  /** Staff record how they established the identity (a known contact, a phone call, an ID document seen). */
  async verifyByStaff(actor: Actor, id: string, input: unknown): Promise<RightsRequest> {
    const data = parse(staffVerificationSchema, input, 'verification');
    return this.guard.process({ actor, operation: 'modify', recordType: 'case' }, async (ctx) => {
      const { trx } = ctx;
      const row = await requests.getById(trx, id);
      if (row === undefined) throw notFound('Request', id);
      ctx.touch('rights_request', id);
      if (data.subjectId !== undefined) await ctx.requireSubject(data.subjectId);
      const note =
        data.method === 'id_document_seen' ? `An identity document was seen; no copy was kept. ${data.note}` : data.note;
      return presentRequest(
        await markVerified(
          trx,
          row,
          { method: `staff:${data.method}`, subjectId: data.subjectId ?? null, note },
          isoNow(this.guard.clock),
        ),
        dayOfReceipt(this.guard.clock.now()),
      );
    });
  }

  private async tryProof(trx: Transaction<DB>, row: RightsRequestRow, proof: PublicProof): Promise<Outcome> {
    const now = this.guard.clock.now();
    const method: ProofMethod = 'code' in proof ? 'email_code' : 'token' in proof ? 'email_link' : 'knowledge';
    // Decided by the kind alone, before anything is looked up: the same answer whoever filed the request.
    if (method === 'knowledge' && !knowledgeSuffices(row.kind)) return { refused: 'knowledge_not_accepted' };
    const challenge = await challenges.latest(trx, row.id, method);
    const closed = closedReason(challenge, now);
    if (closed !== null || challenge === undefined) return { refused: closed ?? 'used' };
    if ('invoiceNumber' in proof) return this.tryKnowledge(trx, row, challenge, proof, now);
    if (!matchesHash(challenge.id, 'code' in proof ? proof.code : proof.token, challenge.secret_hash)) {
      await challenges.countAttempt(trx, challenge.id);
      return { refused: challenge.attempts + 1 >= MAX_ATTEMPTS ? 'locked' : 'wrong' };
    }
    if (!(await challenges.consume(trx, challenge.id, now.toISOString()))) return { refused: 'used' };
    // The person controls the address on file: answers about this request go there, not to the spelling the
    // requester typed (which may differ, or be another mailbox altogether when staff chose the subject).
    const subject = single(await subjectsWithAddress(this.guard, trx, challenge.sent_to));
    return {
      verified: await markVerified(
        trx,
        row,
        { method, subjectId: subject.id, note: subject.note, email: challenge.sent_to },
        now.toISOString(),
      ),
    };
  }

  /**
   * Two facts of an invoice of the person's. Wrong proofs count against the request's challenge and against
   * the address and every person behind it, across requests (KNOWLEDGE_FAILURES): once over the limit even
   * the right facts are refused. An address nobody has on file counts alike, so the answers stay the same.
   */
  private async tryKnowledge(
    trx: Transaction<DB>,
    row: RightsRequestRow,
    challenge: VerificationChallengeRow,
    proof: KnowledgeProof,
    now: Date,
  ): Promise<Outcome> {
    const candidates = await subjectsWithAddress(this.guard, trx, row.requester_email);
    const counters: [Limit, string][] = [
      ...(row.requester_email === null ? [] : [[KNOWLEDGE_FAILURES.perAddress, row.requester_email] as [Limit, string]]),
      ...candidates.map((c): [Limit, string] => [KNOWLEDGE_FAILURES.perSubject, c.id]),
    ];
    const at = now.getTime();
    for (const [limit, value] of counters) {
      if ((await eventsInWindow(trx, limit, value, at)) >= limit.max) return { refused: 'knowledge_locked' };
    }
    const totalCents = amountInCents(proof.invoiceTotal);
    const known =
      totalCents === null
        ? undefined
        : await subjectKnowing(this.guard, trx, candidates, { invoiceNumber: proof.invoiceNumber, totalCents });
    if (known === undefined) {
      await challenges.countAttempt(trx, challenge.id);
      let lockedNow = false;
      for (const [limit, value] of counters) if ((await countEvent(trx, limit, value, at)) >= limit.max) lockedNow = true;
      return { refused: lockedNow ? 'knowledge_locked' : challenge.attempts + 1 >= MAX_ATTEMPTS ? 'locked' : 'wrong' };
    }
    if (!(await challenges.consume(trx, challenge.id, now.toISOString()))) return { refused: 'used' };
    return {
      verified: await markVerified(trx, row, { method: 'knowledge', subjectId: known, note: null }, isoNow(this.guard.clock)),
    };
  }
}

/** The subject behind an address: one, or none with a note for staff when several share it. */
function single(candidates: Candidate[]): { id: string | null; note: string | null } {
  if (candidates.length === 1) return { id: candidates[0]?.id ?? null, note: null };
  return {
    id: null,
    note: `${candidates.length} subjects have this e-mail address on file; staff must say which one the request is about.`,
  };
}

/** Moves the request to verified and links its subject; every open challenge ends. Refuses verifying twice. */
async function markVerified(
  trx: Transaction<DB>,
  row: RightsRequestRow,
  how: { method: string; subjectId: string | null; note: string | null; email?: string | null },
  now: string,
): Promise<RightsRequestRow> {
  const status = asStatus(row.status);
  const next = nextStatus(status, 'verify', !isRight(row.kind));
  if (next === null || row.verified_at !== null)
    throw conflict(`Request ${row.reference} is ${row.status}; it cannot be verified now`);
  await challenges.retireOpen(trx, row.id, now);
  const changes = {
    status: next,
    verified_at: now,
    verification_method: how.method,
    verification_note: how.note,
    subject_id: how.subjectId,
    requester_email: how.email ?? row.requester_email ?? null,
    updated_at: now,
  };
  if (!(await requests.updateIfStatus(trx, row.id, status, changes)))
    throw conflict(`Request ${row.reference} changed meanwhile; try again`);
  return { ...row, ...changes };
}

/** The refusal of a proof; `details.reason` lets a page say it in its own language. */
function refusal(reason: Refusal): KluisError {
  const details = { reason };
  switch (reason) {
    case 'wrong':
      return validationFailed(
        'That is not the right code, or those are not the facts of an invoice of yours; check them and try again',
        [{ path: 'proof', message: 'wrong' }],
      );
    case 'used':
      return new KluisError('expired', 'This code or link can no longer be used; ask for a new code', details);
    case 'expired':
      return new KluisError('expired', 'This code or link has expired; ask for a new code', details);
    case 'locked':
      return rateLimited(`Too many wrong attempts (at most ${MAX_ATTEMPTS}); ask for a new code`, details);
    case 'knowledge_not_accepted':
      return forbidden(
        'This request changes or deletes data: confirm it with the code or link we mailed to the address on file, or contact us',
        details,
      );
    case 'knowledge_locked':
      return rateLimited(
        'Too many wrong invoice details; confirm with the code we mailed to the address on file, or try again tomorrow',
        details,
      );
  }
}

/** The public view: stage and dates, nothing personal (see publicStage). */
export function publicStatusOf(row: RightsRequestRow): PublicStatus {
  const verified = row.verified_at !== null;
  return {
    reference: row.reference,
    stage: publicStage(asStatus(row.status), verified),
    receivedOn: dayOfReceipt(new Date(row.received_at)),
    // An extension is shown only once the identity is proven; before that nothing may differ between requests.
    dueOn: verified ? (row.extended_to ?? row.due_on) : row.due_on,
  };
}

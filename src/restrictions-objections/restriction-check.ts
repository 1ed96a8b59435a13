import { precompiled } from '../db/precompiled.ts';
import { restricted } from '../errors.ts';
import type { Policy } from '../policy/policy.ts';
import type { ResolvedProcessing } from '../guard/guard.ts';
import { handlesRequests } from '../guard/request-handler.ts';
import type { Executor } from '../db/executor.ts';

/** The reason written on a restriction that keeps what an erasure could not delete (Art. 17(3)(b)). */
export const ERASURE_RESTRICTION_REASON = 'kept under Art. 17(3)(b) after erasure';

export interface ActiveRestriction {
  id: string;
  subject_id: string;
  purpose: string | null;
  reason: string;
}

const activeOfSubject = precompiled((db: Executor, subjectId: string) =>
  db
    .selectFrom('restrictions')
    .select(['id', 'subject_id', 'purpose', 'reason'])
    .where('subject_id', '=', subjectId)
    .where('lifted_at', 'is', null),
);

/** Restrictions in force on these subjects (purpose null: every purpose). */
export async function activeRestrictions(db: Executor, subjectIds: string[]): Promise<ActiveRestriction[]> {
  if (subjectIds.length === 1) return activeOfSubject(db, subjectIds[0] ?? '');
  if (subjectIds.length === 0) return [];
  return db
    .selectFrom('restrictions')
    .select(['id', 'subject_id', 'purpose', 'reason'])
    .where('subject_id', 'in', subjectIds)
    .where('lifted_at', 'is', null)
    .execute();
}

/**
 * Whether a processing may touch restricted data. Art. 18(2): "such personal data shall, with the exception
 * of storage, only be processed with the data subject's consent or for the establishment, exercise or
 * defence of legal claims". Decided here:
 *  - 'store' is always allowed: it is the one operation the law leaves open;
 *  - a processing that carries an exception (consent, legal claims, or a legal demand of an authority, which
 *    Art. 18(2) allows for an important public interest) is allowed, its reason logged;
 *  - the request handler (dpo) may consult and export, to answer the person's own requests (Art. 12, 15:
 *    a restriction does not take away the right of access), erase, to carry out an erasure the person
 *    asked for (Art. 17; the restriction then has nothing left to protect), and modify consents, because a
 *    withdrawal of consent (Art. 7(3)) only ever narrows the processing;
 *  - what an erasure kept because the law demands it (Art. 17(3)(b)) may be consulted and exported for a
 *    purpose whose legal basis is that legal obligation (the accountant's fiscal records, a tax audit):
 *    compliance with the obligation is the very reason it was kept; and anyone may erase it, since the
 *    person asked for it to go and the retention sweep deletes it when its period ends;
 *  - everything else is refused: collect, modify, disclose, and staff consultation, which is processing too
 *    (Art. 4(2)); a rectification of restricted data waits until the restriction is lifted, after the person
 *    has been told (Art. 18(3)).
 */
export function allowedWhileRestricted(policy: Policy, p: ResolvedProcessing, restrictions: ActiveRestriction[]): boolean {
  if (p.operation === 'store' || p.exception !== undefined) return true;
  const handler = handlesRequests(policy, p.actor.role);
  const keptByErasure = restrictions.every((r) => r.reason === ERASURE_RESTRICTION_REASON);
  switch (p.operation) {
    case 'consult':
    case 'export':
      return handler || (keptByErasure && policy.document.purposes[p.purpose]?.legalBasis === 'dpv:LegalObligation');
    case 'erase':
      return handler || keptByErasure;
    case 'modify':
      return handler && p.recordType === 'consent' && (p.includes ?? []).length === 0;
    case 'collect':
    case 'disclose':
      return false;
  }
}

/**
 * The subjects among these whose data this processing may not reach because of a restriction: what
 * `restrictionCheck` would refuse, decided per person. A listing that must go on for everyone else (the
 * outbox) shows these persons' rows without their content and does not touch them.
 */
export async function withheldByRestriction(
  policy: Policy,
  p: ResolvedProcessing,
  subjectIds: string[],
  trx: Executor,
): Promise<Set<string>> {
  const matching = (await activeRestrictions(trx, [...new Set(subjectIds)])).filter(
    (r) => r.purpose === null || r.purpose === p.purpose,
  );
  const withheld = new Set<string>();
  for (const subjectId of new Set(matching.map((r) => r.subject_id))) {
    if (
      !allowedWhileRestricted(
        policy,
        p,
        matching.filter((r) => r.subject_id === subjectId),
      )
    )
      withheld.add(subjectId);
  }
  return withheld;
}

/**
 * Refuses a processing that may not reach restricted data (Art. 18): `restrictions` are those in force on the
 * persons it reaches, of every purpose; the ones of its purpose (or of every purpose) count.
 */
export function refuseIfRestricted(policy: Policy, p: ResolvedProcessing, restrictions: ActiveRestriction[]): void {
  const matching = restrictions.filter((r) => r.purpose === null || r.purpose === p.purpose);
  if (matching.length === 0 || allowedWhileRestricted(policy, p, matching)) return;
  throw restricted(
    `The processing of this person's data is restricted (Art. 18): ${p.operation} is not allowed while the restriction holds`,
    { restrictions: matching.map((r) => r.id) },
  );
}

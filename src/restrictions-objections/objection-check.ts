import { precompiled } from '../db/precompiled.ts';
import { objected } from '../errors.ts';
import type { Policy } from '../policy/policy.ts';
import type { ResolvedProcessing } from '../guard/guard.ts';
import { handlesRequests } from '../guard/request-handler.ts';
import type { Executor } from '../db/executor.ts';

const upheldOfSubject = precompiled((db: Executor, subjectId: string, purpose: string) =>
  db
    .selectFrom('objections')
    .select(['id', 'subject_id'])
    .where('subject_id', '=', subjectId)
    .where('purpose', '=', purpose)
    .where('status', '=', 'upheld'),
);

export async function upheldObjections(
  db: Executor,
  subjectIds: string[],
  purpose: string,
): Promise<{ id: string; subject_id: string }[]> {
  if (subjectIds.length === 1) return upheldOfSubject(db, subjectIds[0] ?? '', purpose);
  return db
    .selectFrom('objections')
    .select(['id', 'subject_id'])
    .where('subject_id', 'in', subjectIds)
    .where('purpose', '=', purpose)
    .where('status', '=', 'upheld')
    .execute();
}

/**
 * Whether a purpose is direct marketing, for which an objection is absolute (Art. 21(2)-(3)): the policy says so
 * with `kind: direct_marketing`, whatever the purpose is called (the linter warns about one named so without it).
 */
export function isDirectMarketing(policy: Policy, purpose: string): boolean {
  const declared = Object.hasOwn(policy.document.purposes, purpose) ? policy.document.purposes[purpose] : undefined;
  return declared?.kind === 'direct_marketing';
}

// Art. 21(1) covers processing based on Art. 6(1)(e) (public task) or (f) (legitimate interests) only.
const OBJECTABLE_BASES: ReadonlySet<string> = new Set(['dpv:PublicTask', 'dpv:LegitimateInterest']);

/**
 * Whether the person has a right to object to processing for this purpose: its legal basis is Art. 6(1)(e) or (f)
 * (Art. 21(1)), or it is direct marketing (Art. 21(2)). Letters offer an objection only where this holds, so they
 * never promise a right that does not apply (Art. 12(1)).
 */
export function objectionApplies(policy: Policy, purpose: string): boolean {
  const declared = Object.hasOwn(policy.document.purposes, purpose) ? policy.document.purposes[purpose] : undefined;
  return isDirectMarketing(policy, purpose) || OBJECTABLE_BASES.has(declared?.legalBasis ?? '');
}

/**
 * Whether a processing may go on for a purpose the person objected to. Art. 21(1): after an upheld objection
 * the controller "shall no longer process" the data for that purpose, unless for legal claims (an exception
 * with that ground), which never applies to direct marketing (Art. 21(3)). Erasure is what the objection
 * leads to (Art. 17(1)(c)) and is allowed; so are the dpo's consultation and export to answer the person's
 * requests (Art. 12, 15). A disclosure the law demands (a legal demand, exception `legal_obligation`) rests on
 * Art. 6(1)(c), which the right to object (Art. 21(1): points (e) and (f) only) does not reach.
 */
export function allowedDespiteObjection(policy: Policy, p: ResolvedProcessing): boolean {
  if (p.operation === 'erase' || p.exception?.ground === 'legal_obligation') return true;
  if (handlesRequests(policy, p.actor.role) && (p.operation === 'consult' || p.operation === 'export')) return true;
  return p.exception?.ground === 'legal_claims' && !isDirectMarketing(policy, p.purpose);
}

/**
 * The subjects among these whose data this processing may not reach because of an upheld objection: what
 * `objectionCheck` would refuse, decided per person, for a listing that must go on for everyone else.
 */
export async function withheldByObjection(
  policy: Policy,
  p: ResolvedProcessing,
  subjectIds: string[],
  trx: Executor,
): Promise<Set<string>> {
  if (subjectIds.length === 0 || allowedDespiteObjection(policy, p)) return new Set();
  return new Set((await upheldObjections(trx, [...new Set(subjectIds)], p.purpose)).map((o) => o.subject_id));
}

/** Refuses a processing for a purpose with an upheld objection (`upheld`: those of its purpose), Art. 21. */
export function refuseIfObjected(policy: Policy, p: ResolvedProcessing, upheld: { id: string }[]): void {
  if (upheld.length === 0 || allowedDespiteObjection(policy, p)) return;
  throw objected(`The person objected to processing for the purpose ${p.purpose} and the objection was upheld (Art. 21)`, {
    objections: upheld.map((o) => o.id),
  });
}

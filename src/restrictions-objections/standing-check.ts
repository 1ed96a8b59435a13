import { sql } from 'kysely';
import type { Executor } from '../db/executor.ts';
import { precompiled } from '../db/precompiled.ts';
import type { ProcessingCheck, ResolvedProcessing } from '../guard/guard.ts';
import type { Policy } from '../policy/policy.ts';
import { refuseIfObjected, upheldObjections } from './objection-check.ts';
import { activeRestrictions, refuseIfRestricted } from './restriction-check.ts';

/**
 * What stands in the way of processing a person's data, read in one query: the restrictions in force on them
 * (Art. 18) and their upheld objections to this purpose (Art. 21). One query instead of two because every
 * processing of a named person asks it, a page view included: on PostgreSQL each query is a round trip, and
 * round trips are most of what a page view costs there (BENCHMARKS.md, issue 21).
 */
const standingOfSubject = precompiled((db: Executor, subjectId: string, sameSubjectId: string, purpose: string) =>
  db
    .selectFrom('restrictions')
    .select([sql<string>`'restriction'`.as('kind'), 'id', 'subject_id', 'purpose', 'reason'])
    .where('subject_id', '=', subjectId)
    .where('lifted_at', 'is', null)
    .unionAll(
      db
        .selectFrom('objections')
        .select([sql<string>`'objection'`.as('kind'), 'id', 'subject_id', 'purpose', sql<string>`''`.as('reason')])
        .where('subject_id', '=', sameSubjectId)
        .where('purpose', '=', purpose)
        .where('status', '=', 'upheld'),
    ),
);

async function refuseIfStanding(policy: Policy, p: ResolvedProcessing, subjectIds: string[], trx: Executor): Promise<void> {
  if (subjectIds.length === 1) {
    const subjectId = subjectIds[0] ?? '';
    const rows = await standingOfSubject(trx, subjectId, subjectId, p.purpose);
    refuseIfRestricted(
      policy,
      p,
      rows.filter((r) => r.kind === 'restriction'),
    );
    refuseIfObjected(
      policy,
      p,
      rows.filter((r) => r.kind === 'objection'),
    );
    return;
  }
  // Several persons at once (a search, a listing touched them): rare enough for two queries.
  refuseIfRestricted(policy, p, await activeRestrictions(trx, subjectIds));
  refuseIfObjected(policy, p, await upheldObjections(trx, subjectIds, p.purpose));
}

/**
 * The guard check of Art. 18 and Art. 21 together: restricted data is only stored unless an exception of
 * Art. 18(2) applies (restriction-check.ts), and an upheld objection ends the processing for its purpose
 * (objection-check.ts). A restriction is reported before an objection, as when they were two checks.
 */
export function standingCheck(policy: Policy): ProcessingCheck {
  return {
    name: 'restriction and objection',
    check: async (p, trx) => {
      if (p.subjectId !== undefined) await refuseIfStanding(policy, p, [p.subjectId], trx);
    },
    checkTouched: (p, subjectIds, trx) => refuseIfStanding(policy, p, subjectIds, trx),
  };
}

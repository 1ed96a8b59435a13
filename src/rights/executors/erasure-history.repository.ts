import type { Executor } from '../../db/executor.ts';

/** A person's granted erasure requests, oldest first. */
export const listGrantedErasures = (db: Executor, subjectId: string) =>
  db
    .selectFrom('rights_requests')
    .select(['id', 'reference', 'decision', 'decided_at'])
    .where('subject_id', '=', subjectId)
    .where('kind', '=', 'erasure')
    .where('decision', 'in', ['granted', 'partly_granted'])
    .orderBy('decided_at')
    .orderBy('id')
    .execute();

/** How many records the ledger names as erased for each of these requests. */
export async function erasedPerRequest(db: Executor, requestIds: string[]): Promise<Map<string, number>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('erasure_ledger')
    .select((eb) => ['request_id', eb.fn.countAll<number | string>().as('n')])
    .where('request_id', 'in', requestIds)
    .groupBy('request_id')
    .execute();
  return new Map(rows.map((r) => [r.request_id ?? '', Number(r.n)]));
}

import type { Executor } from '../db/executor.ts';
import { SWEPT_TABLES, type SweptType } from './retention-plan.ts';

// The writes of the stored retention (retain-until.ts): each record's `retain_until` and `retain_rule`, a subject's
// `reduce_on`, and the fingerprint of the rules the stored dates were computed under (`retention_basis`).

/** Stores a record's effective retention. */
export async function setRetention(
  db: Executor,
  type: SweptType,
  id: string,
  retention: { until: string | null; rule: string | null },
): Promise<void> {
  await db
    .updateTable(SWEPT_TABLES[type])
    .set({ retain_until: retention.until, retain_rule: retention.rule })
    .where('id', '=', id)
    .execute();
}

/** Stores the day only fiscal records keep the subject (reduction.ts); null when there is none. */
export async function setReduceOn(db: Executor, subjectId: string, reduceOn: string | null): Promise<void> {
  await db.updateTable('subjects').set({ reduce_on: reduceOn }).where('id', '=', subjectId).execute();
}

/** The fingerprint the stored dates were computed under, if they ever were. */
export const basisFingerprint = async (db: Executor): Promise<string | undefined> =>
  (await db.selectFrom('retention_basis').select('fingerprint').where('id', '=', 1).executeTakeFirst())?.fingerprint;

/** The ids of the next subjects after `after`, in id order: a batch of the recomputation. */
export const subjectIdsAfter = async (db: Executor, after: string, limit: number): Promise<string[]> =>
  (await db.selectFrom('subjects').select('id').where('id', '>', after).orderBy('id').limit(limit).execute()).map((r) => r.id);

/** Records the fingerprint the stored dates are now computed under. */
export async function setBasis(db: Executor, fingerprint: string, computedAt: string): Promise<void> {
  await db
    .insertInto('retention_basis')
    .values({ id: 1, fingerprint, computed_at: computedAt })
    .onConflict((oc) => oc.column('id').doUpdateSet({ fingerprint, computed_at: computedAt }))
    .execute();
}

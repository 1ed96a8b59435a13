import { type Transaction, sql } from 'kysely';
import { idsIn, isPostgres } from '../db/bulk.ts';
import type { DB } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';

/** Ids per `in (...)` list. */
const CHUNK = 1000;

/** Entries after `after`, in order, with what pruning needs: when, the hash, and whom they name. */
export const entriesAfter = (db: Executor, after: number, limit: number) =>
  db
    .selectFrom('processing_log')
    .select(['seq', 'at', 'hash', 'subject_ids'])
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();

/**
 * The first entry after `after` naming a person with a legal hold in force on `today` (on the person or one of
 * their records): pruning stops before it, since a hold keeps evidence for legal claims (Art. 17(3)(e)).
 */
export async function firstHeldEntry(db: Executor, after: number, today: string): Promise<number | null> {
  const row = await db
    .selectFrom('processing_log_subjects')
    .select((eb) => eb.fn.min('log_seq').as('seq'))
    .where('log_seq', '>', after)
    .where('subject_id', 'in', (eb) =>
      eb
        .selectFrom('legal_holds')
        .select('subject_id')
        .where('released_at', 'is', null)
        .where((w) => w.or([w('ends_on', 'is', null), w('ends_on', '>', today)])),
    )
    .executeTakeFirst();
  return row?.seq === null || row?.seq === undefined ? null : Number(row.seq);
}

/**
 * Takes the head row's lock (PostgreSQL; SQLite's write lock is taken by BEGIN IMMEDIATE): every append waits,
 * and so does a second pruning, which then reads the checkpoint this one wrote.
 */
export async function lockHead(trx: Transaction<DB>): Promise<void> {
  if (isPostgres(trx)) await sql`select seq from processing_log_head where id = 1 for update`.execute(trx);
}

/**
 * Deletes entries first..last and their subject links. The links go by their key (subject, seq), found from
 * the subjects the entries name, which are exactly the links the append wrote (processing-log.repository.ts).
 */
export async function deleteEntries(trx: Transaction<DB>, first: number, last: number, subjectIds: string[]): Promise<void> {
  for (let i = 0; i < subjectIds.length; i += CHUNK) {
    const ids = subjectIds.slice(i, i + CHUNK);
    await trx
      .deleteFrom('processing_log_subjects')
      .where('subject_id', 'in', idsIn(trx, ids))
      .where('log_seq', '>=', first)
      .where('log_seq', '<=', last)
      .execute();
  }
  await trx.deleteFrom('processing_log').where('seq', '>=', first).where('seq', '<=', last).execute();
}

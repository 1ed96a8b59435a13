import { CompiledQuery, type Kysely, type Transaction, sql } from 'kysely';
import { isPostgres } from '../db/bulk.ts';
import type { DB, ProcessingLogRow } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';

/**
 * PostgreSQL: the highest entry number drawn so far, and the transactions that may still commit an entry numbered
 * up to it. A number is drawn only while its transaction holds the log's row-exclusive lock (an insert takes it
 * before it runs; the bulk append takes it first), so every transaction that drew a number up to `drawn` held that
 * lock when it was read, and is either among `writers`, read just after, or already ended.
 */
export async function drawnHorizon(db: Kysely<DB>): Promise<{ drawn: number; writers: string[] }> {
  const seq = await sql<{ last_value: string; is_called: boolean }>`select last_value, is_called from processing_log_seq`.execute(
    db,
  );
  const row = seq.rows[0];
  const drawn = row === undefined ? 0 : Number(row.last_value) - (row.is_called ? 0 : 1);
  const locks = await sql<{ vxid: string }>`
    select virtualtransaction as vxid from pg_locks
    where locktype = 'relation' and relation = 'processing_log'::regclass and mode = 'RowExclusiveLock' and granted and pid <> pg_backend_pid()`.execute(
    db,
  );
  return { drawn, writers: locks.rows.map((r) => r.vxid) };
}

/**
 * Which of these transactions still hold the log's lock. A transaction lets its locks go only after it became
 * visible as committed (or rolled back) to every new snapshot, so once it is not listed here its entries are final.
 */
export async function stillWriting(db: Kysely<DB>, writers: string[]): Promise<number> {
  if (writers.length === 0) return 0;
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from pg_locks
    where locktype = 'relation' and relation = 'processing_log'::regclass and mode = 'RowExclusiveLock' and virtualtransaction = any(${writers}::text[])`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

/** The head, locked until the caller's transaction ends (PostgreSQL; SQLite's write lock is held from BEGIN IMMEDIATE). */
export async function lockedHead(trx: Transaction<DB>): Promise<{ seq: number; hash: string }> {
  const suffix = isPostgres(trx) ? ' for update' : '';
  const { rows } = await trx.executeQuery<{ seq: number | string; hash: string }>(
    CompiledQuery.raw(`select seq, hash from processing_log_head where id = 1${suffix}`, []),
  );
  const head = rows[0];
  if (head === undefined) throw new Error('The processing log has no head row');
  return { seq: Number(head.seq), hash: head.hash };
}

/** The committed entries after the head, up to `upTo`, in order: what the sealer chains next. */
export async function unsealedAfter(db: Executor, after: number, upTo: number, limit: number): Promise<ProcessingLogRow[]> {
  const rows = await db
    .selectFrom('processing_log')
    .selectAll()
    .where('seq', '>', after)
    .where('seq', '<=', upTo)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** Writes the hashes of sealed entries and moves the head to the last of them, in the caller's transaction. */
export async function writeSeals(trx: Transaction<DB>, seals: { seq: number; prev_hash: string; hash: string }[]): Promise<void> {
  const last = seals.at(-1);
  if (last === undefined) return;
  if (isPostgres(trx)) {
    await sql`update processing_log p set prev_hash = u.prev_hash, hash = u.hash
      from unnest(${seals.map((s) => s.seq)}::bigint[], ${seals.map((s) => s.prev_hash)}::text[], ${seals.map((s) => s.hash)}::text[]) as u(seq, prev_hash, hash)
      where p.seq = u.seq`.execute(trx);
  } else {
    // One prepared statement per entry: rowid lookups on the log's last pages, in a transaction already holding the write lock.
    for (const s of seals)
      await trx.executeQuery(
        CompiledQuery.raw('update processing_log set prev_hash = ?, hash = ? where seq = ?', [s.prev_hash, s.hash, s.seq]),
      );
  }
  await trx.updateTable('processing_log_head').set({ seq: last.seq, hash: last.hash }).where('id', '=', 1).execute();
}

/** The oldest entry not sealed yet, if any: what `verifyChain` holds against the bound. */
export async function oldestUnsealed(db: Executor, after: number): Promise<{ seq: number; at: string; count: number } | null> {
  const row = await db
    .selectFrom('processing_log')
    .select((eb) => [eb.fn.min('seq').as('seq'), eb.fn.min('at').as('at'), eb.fn.countAll().as('count')])
    .where('seq', '>', after)
    .executeTakeFirst();
  if (row === undefined || row.seq === null || Number(row.count) === 0) return null;
  return { seq: Number(row.seq), at: String(row.at), count: Number(row.count) };
}

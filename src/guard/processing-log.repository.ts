import type { Kysely, Transaction } from 'kysely';
import type { DB, ProcessingLogRow } from '../db/types.ts';
import { type BulkColumn, insertRows } from '../db/bulk.ts';
import { precompiled } from '../db/precompiled.ts';
import { type ChainedEntry, entryHash } from './chain.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export type NewLogEntry = Omit<ChainedEntry, 'seq'>;

const LOG_COLUMNS = [
  'seq',
  'at',
  'actor_kind',
  'actor_id',
  'actor_role',
  'operation',
  'purpose',
  'record_type',
  'subject_ids',
  'records',
  'outcome',
  'reason',
  'prev_hash',
  'hash',
] as const;

/**
 * Appends one entry at the head of the chain. Must run inside the transaction of the operation it records:
 * the head row's lock orders concurrent appenders (PostgreSQL) and the entry commits or rolls back with
 * the operation.
 */
export async function appendEntry(trx: Transaction<DB>, entry: NewLogEntry, subjectIds: string[]): Promise<number> {
  // Increment first: this takes the row lock before we read the previous hash.
  const [head] = await advanceHead(trx);
  if (head === undefined) throw new Error('The processing log has no head row');
  const seq = Number(head.seq);
  const hash = entryHash(head.hash, { ...entry, seq });
  const e = entry;
  await insertEntry(trx, seq, e.at, e.actor_kind, e.actor_id, e.actor_role, e.operation, e.purpose, e.record_type, e.subject_ids, e.records, e.outcome, e.reason, head.hash, hash);
  if (subjectIds.length === 1) {
    await linkSubject(trx, subjectIds[0] ?? '', seq);
  } else if (subjectIds.length > 1) {
    await trx
      .insertInto('processing_log_subjects')
      .values(subjectIds.map((subject_id) => ({ subject_id, log_seq: seq })))
      .execute();
  }
  await setHeadHash(trx, hash);
  return seq;
}

const text = (name: string): BulkColumn => ({ name, pgType: 'text' });
const ENTRY_COLUMNS: BulkColumn[] = [{ name: 'seq', pgType: 'bigint' }, ...LOG_COLUMNS.filter((c) => c !== 'seq').map(text)];
const LINK_COLUMNS: BulkColumn[] = [text('subject_id'), { name: 'log_seq', pgType: 'bigint' }];

/**
 * Appends many entries at once, in order, in the caller's transaction: the head advances by their number
 * in one statement (taking its lock once), the hashes are chained here, and the rows go in bulk
 * inserts (src/db/bulk.ts: one parameter on PostgreSQL). The chain is the same as from as many `appendEntry` calls.
 */
export async function appendEntries(trx: Transaction<DB>, items: { entry: NewLogEntry; subjectIds: string[] }[]): Promise<void> {
  if (items.length === 0) return;
  const head = await trx
    .updateTable('processing_log_head')
    .set((eb) => ({ seq: eb('seq', '+', items.length) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirst();
  if (head === undefined) throw new Error('The processing log has no head row');
  let seq = Number(head.seq) - items.length;
  let prev = head.hash;
  const rows = items.map(({ entry }) => {
    seq += 1;
    const hash = entryHash(prev, { ...entry, seq });
    const row = { ...entry, seq, prev_hash: prev, hash };
    prev = hash;
    return row;
  });
  const links = items.flatMap(({ subjectIds }, i) => subjectIds.map((subject_id) => ({ subject_id, log_seq: rows[i]?.seq ?? 0 })));
  await insertRows(trx, 'processing_log', ENTRY_COLUMNS, rows);
  await insertRows(trx, 'processing_log_subjects', LINK_COLUMNS, links);
  await setHeadHash(trx, prev);
}

// Every processing appends, so these statements are compiled once (see precompiled.ts).
const advanceHead = precompiled((trx: Transaction<DB>) =>
  trx
    .updateTable('processing_log_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash']),
);
const insertEntry = precompiled(
  (
    trx: Transaction<DB>,
    seq: number,
    at: string,
    actor_kind: string,
    actor_id: string,
    actor_role: string,
    operation: string,
    purpose: string,
    record_type: string,
    subject_ids: string,
    records: string,
    outcome: string,
    reason: string | null,
    prev_hash: string,
    hash: string,
  ) =>
    trx.insertInto('processing_log').values({ seq, at, actor_kind, actor_id, actor_role, operation, purpose, record_type, subject_ids, records, outcome, reason, prev_hash, hash }),
);
const linkSubject = precompiled((trx: Transaction<DB>, subject_id: string, log_seq: number) =>
  trx.insertInto('processing_log_subjects').values({ subject_id, log_seq }),
);
const setHeadHash = precompiled((trx: Transaction<DB>, hash: string) => trx.updateTable('processing_log_head').set({ hash }).where('id', '=', 1));

export interface LogFilter {
  subjectId?: string | undefined;
  actorId?: string | undefined;
  operation?: string | undefined;
  outcome?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Entries with a seq below this (for paging backwards from the newest). */
  before?: number | undefined;
  limit: number;
}

/** The newest entries first, filtered; personal data is not in the log, only ids. */
export async function listEntries(db: Executor, filter: LogFilter): Promise<ProcessingLogRow[]> {
  let query = db.selectFrom('processing_log').select(LOG_COLUMNS.map((c) => `processing_log.${c}` as const));
  if (filter.subjectId !== undefined) {
    query = query
      .innerJoin('processing_log_subjects', 'processing_log_subjects.log_seq', 'processing_log.seq')
      .where('processing_log_subjects.subject_id', '=', filter.subjectId);
  }
  if (filter.actorId !== undefined) query = query.where('processing_log.actor_id', '=', filter.actorId);
  if (filter.operation !== undefined) query = query.where('processing_log.operation', '=', filter.operation);
  if (filter.outcome !== undefined) query = query.where('processing_log.outcome', '=', filter.outcome);
  if (filter.from !== undefined) query = query.where('processing_log.at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('processing_log.at', '<', filter.to);
  if (filter.before !== undefined) query = query.where('processing_log.seq', '<', filter.before);
  const rows = await query.orderBy('processing_log.seq', 'desc').limit(filter.limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** A page of the chain in order, for verification; `after` is the last seq already checked. */
export async function chainPage(db: Executor, after: number, limit: number): Promise<ProcessingLogRow[]> {
  const rows = await db
    .selectFrom('processing_log')
    .select(LOG_COLUMNS)
    .where('seq', '>', after)
    .orderBy('seq', 'asc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function getHead(db: Executor): Promise<{ seq: number; hash: string }> {
  const head = await db.selectFrom('processing_log_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
}

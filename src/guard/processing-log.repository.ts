import type { Kysely, Transaction } from 'kysely';
import type { DB, ProcessingLogRow } from '../db/types.ts';
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
  const head = await trx
    .updateTable('processing_log_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const seq = Number(head.seq);
  const hash = entryHash(head.hash, { ...entry, seq });
  await trx.insertInto('processing_log').values({ ...entry, seq, prev_hash: head.hash, hash }).execute();
  if (subjectIds.length > 0) {
    await trx
      .insertInto('processing_log_subjects')
      .values(subjectIds.map((subject_id) => ({ subject_id, log_seq: seq })))
      .execute();
  }
  await trx.updateTable('processing_log_head').set({ hash }).where('id', '=', 1).execute();
  return seq;
}

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

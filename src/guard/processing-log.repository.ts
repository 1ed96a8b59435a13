import { CompiledQuery, type Kysely, type Transaction, sql } from 'kysely';
import type { DB, ProcessingLogRow } from '../db/types.ts';
import { type BulkColumn, insertRows, isPostgres } from '../db/bulk.ts';
import type { ChainedEntry } from './chain.ts';
import type { Executor } from '../db/executor.ts';
import { prepareOnEachConnection } from '../db/prepared.ts';
import type { LogOutcome } from '../db/vocabulary.ts';

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
 * Appends one entry, unsealed, in the transaction of the operation it records: it commits or rolls back with
 * the operation. Its number comes without waiting for anyone (the rowid under SQLite's write lock, a sequence on
 * PostgreSQL); the hashes are filled in shortly after, in order, by the sealer (log-sealer.ts). One statement on
 * PostgreSQL (a round trip), two on SQLite (the entry and its subjects' links).
 */
export async function appendEntry(trx: Transaction<DB>, entry: NewLogEntry, subjectIds: string[]): Promise<number> {
  const e = entry;
  const values = [
    e.at,
    e.actor_kind,
    e.actor_id,
    e.actor_role,
    e.operation,
    e.purpose,
    e.record_type,
    e.subject_ids,
    e.records,
    e.outcome,
    e.reason,
  ];
  if (isPostgres(trx)) {
    const { rows } = await trx.executeQuery<{ seq: string }>(CompiledQuery.raw(PG_APPEND, [...values, subjectIds]));
    return Number(rows[0]?.seq);
  }
  const { rows } = await trx.executeQuery<{ seq: number }>(CompiledQuery.raw(SQLITE_APPEND, values));
  const seq = Number(rows[0]?.seq);
  if (subjectIds.length === 1) await trx.executeQuery(CompiledQuery.raw(SQLITE_LINK, [subjectIds[0], seq]));
  // The parameters in the order of the statement: the entry's number, then the list json_each reads.
  else if (subjectIds.length > 1) await trx.executeQuery(CompiledQuery.raw(SQLITE_LINKS, [seq, JSON.stringify(subjectIds)]));
  return seq;
}

// Written as text, not built by Kysely: every processing runs them (see precompiled.ts for why that matters).
const ENTRY_FIELDS =
  'at, actor_kind, actor_id, actor_role, operation, purpose, record_type, subject_ids, records, outcome, reason, prev_hash, hash';
// The entry and its links in one round trip. The sequence is read while the insert holds its lock on the log,
// which is what lets the sealer know when every number it saw drawn has been committed or rolled back.
const PG_APPEND = `with e as (insert into processing_log (${ENTRY_FIELDS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '', '') returning seq),
l as (insert into processing_log_subjects (subject_id, log_seq) select s, e.seq from e, unnest($12::text[]) s)
select seq from e`;
prepareOnEachConnection(PG_APPEND);
// After the highest entry, and never at or below the head: a pruning may have emptied the log, and the rowid
// alone would start again at 1.
const SQLITE_NEXT =
  'max(coalesce((select max(seq) from processing_log), 0), (select seq from processing_log_head where id = 1)) + 1';
const SQLITE_APPEND = `insert into processing_log (seq, ${ENTRY_FIELDS}) values (${SQLITE_NEXT}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '') returning seq`;
const SQLITE_LINK = 'insert into processing_log_subjects (subject_id, log_seq) values (?, ?)';
const SQLITE_LINKS = 'insert into processing_log_subjects (subject_id, log_seq) select value, ? from json_each(?)';

const text = (name: string): BulkColumn => ({ name, pgType: 'text' });
const ENTRY_COLUMNS: BulkColumn[] = [{ name: 'seq', pgType: 'bigint' }, ...LOG_COLUMNS.filter((c) => c !== 'seq').map(text)];
const LINK_COLUMNS: BulkColumn[] = [text('subject_id'), { name: 'log_seq', pgType: 'bigint' }];

/**
 * Appends many entries at once, unsealed and in order, in the caller's transaction (the retention sweep): their
 * numbers are drawn in one statement and the rows go in bulk inserts (src/db/bulk.ts: one parameter on
 * PostgreSQL). The sealer chains them like any others.
 */
export async function appendEntries(trx: Transaction<DB>, items: { entry: NewLogEntry; subjectIds: string[] }[]): Promise<void> {
  if (items.length === 0) return;
  const seqs = await drawNumbers(trx, items.length);
  const rows = items.map(({ entry }, i) => ({ ...entry, seq: seqs[i], prev_hash: '', hash: '' }));
  const links = items.flatMap(({ subjectIds }, i) => subjectIds.map((subject_id) => ({ subject_id, log_seq: seqs[i] })));
  await insertRows(trx, 'processing_log', ENTRY_COLUMNS, rows);
  await insertRows(trx, 'processing_log_subjects', LINK_COLUMNS, links);
}

/**
 * `count` new entry numbers, ascending. PostgreSQL: from the sequence, after taking the log's row-exclusive lock
 * (as an insert does) so the sealer waits for this transaction before it seals past these numbers. SQLite: after
 * the highest, under the write lock every transaction holds from its start (BEGIN IMMEDIATE).
 */
async function drawNumbers(trx: Transaction<DB>, count: number): Promise<number[]> {
  if (isPostgres(trx)) {
    await sql`lock table processing_log in row exclusive mode`.execute(trx);
    const { rows } = await sql<{
      seq: string;
    }>`select nextval('processing_log_seq') as seq from generate_series(1, ${count})`.execute(trx);
    return rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
  }
  const { rows } = await trx.executeQuery<{ seq: number }>(CompiledQuery.raw(`select ${SQLITE_NEXT} as seq`, []));
  const last = Number(rows[0]?.seq ?? 1) - 1;
  return Array.from({ length: count }, (_, i) => last + 1 + i);
}

/**
 * Appends entries in a commit of their own (the entry batch of read-only processings, entry-batch.ts): on
 * PostgreSQL in one statement (a lone entry as `appendEntry` does it, several as PG_APPEND_MANY), on SQLite in one
 * transaction. All or none.
 */
export async function appendCommitted(db: Kysely<DB>, items: { entry: NewLogEntry; subjectIds: string[] }[]): Promise<void> {
  const [first] = items;
  if (first === undefined) return;
  if (isPostgres(db)) {
    if (items.length === 1)
      await db.connection().execute((c) => appendEntry(c as Transaction<DB>, first.entry, first.subjectIds));
    else
      await db.executeQuery(
        CompiledQuery.raw(
          PG_APPEND_MANY,
          ENTRY_VALUES.map((f) => items.map((i) => i.entry[f])),
        ),
      );
    return;
  }
  await db.transaction().execute(async (trx) => {
    if (items.length === 1) await appendEntry(trx, first.entry, first.subjectIds);
    else await appendEntries(trx, items);
  });
}

// The fields an append gives, in the order of the statements' parameters.
const ENTRY_VALUES = LOG_COLUMNS.filter(
  (c): c is Exclude<(typeof LOG_COLUMNS)[number], 'seq' | 'prev_hash' | 'hash'> =>
    c !== 'seq' && c !== 'prev_hash' && c !== 'hash',
);
// Several entries in one statement, one array a field: numbered by the sequence as each row is inserted, while the
// insert holds the log's row-exclusive lock (what the sealer waits on, as for one entry); the links come from each
// entry's own list of subjects.
const PG_APPEND_MANY = `with e as (
  insert into processing_log (${ENTRY_VALUES.join(', ')}, prev_hash, hash)
  select ${ENTRY_VALUES.join(', ')}, '', '' from unnest(${ENTRY_VALUES.map((_, i) => `$${i + 1}::text[]`).join(', ')}) as t(${ENTRY_VALUES.join(', ')})
  returning seq, subject_ids
),
l as (insert into processing_log_subjects (subject_id, log_seq) select s, e.seq from e, json_array_elements_text(e.subject_ids::json) s)
select count(*) from e`;
prepareOnEachConnection(PG_APPEND_MANY);

export interface LogFilter {
  subjectId?: string | undefined;
  actorId?: string | undefined;
  operation?: string | undefined;
  outcome?: LogOutcome | undefined;
  recordType?: string | undefined;
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
  if (filter.recordType !== undefined) query = query.where('processing_log.record_type', '=', filter.recordType);
  if (filter.from !== undefined) query = query.where('processing_log.at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('processing_log.at', '<', filter.to);
  if (filter.before !== undefined) query = query.where('processing_log.seq', '<', filter.before);
  const rows = await query.orderBy('processing_log.seq', 'desc').limit(filter.limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/**
 * The names of the actors of some entries, by `kind:id`: a user's display name, an API token's name. The CLI's
 * operating-system user and the jobs have no row to name them (the back office says what a job is in words).
 */
export async function actorNames(
  db: Executor,
  rows: Pick<ProcessingLogRow, 'actor_kind' | 'actor_id'>[],
): Promise<Map<string, string>> {
  const ids = (kind: string) => [...new Set(rows.filter((r) => r.actor_kind === kind).map((r) => r.actor_id))];
  const names = new Map<string, string>();
  const users = ids('user');
  if (users.length > 0) {
    const found = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', users).execute();
    for (const u of found) names.set(`user:${u.id}`, u.display_name);
  }
  const tokens = ids('token');
  if (tokens.length > 0) {
    const found = await db.selectFrom('api_tokens').select(['id', 'name']).where('id', 'in', tokens).execute();
    for (const t of found) names.set(`token:${t.id}`, t.name);
  }
  return names;
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

import { type BulkColumn, insertRows } from '../db/bulk.ts';
import type { Executor } from '../db/executor.ts';
import type { ErasureLedgerTable } from '../db/types.ts';

// The queries of the erasure ledger (erasure-ledger.ts): its rows written with the deletions, and read in order.

/** A ledger row as written: everything but the sequence number the database gives. */
export type NewLedgerRow = Omit<ErasureLedgerTable, 'seq' | 'records_with'> & { records_with: number };

const LEDGER_COLUMNS: BulkColumn[] = [
  ...['at', 'kind', 'record_type', 'record_id', 'subject_id', 'request_id'].map((name): BulkColumn => ({ name, pgType: 'text' })),
  { name: 'records_with', pgType: 'integer' },
];

/** Inserts the rows in one statement, in the caller's transaction (the one that deletes the records). */
export async function insertEntries(db: Executor, rows: NewLedgerRow[]): Promise<void> {
  await insertRows(db, 'erasure_ledger', LEDGER_COLUMNS, rows);
}

/** At most `limit` rows after the sequence number `after` (and at or after `since`, if given), by sequence. */
export async function listAfter(db: Executor, after: number, since: string | undefined, limit: number) {
  let query = db
    .selectFrom('erasure_ledger')
    .select(['seq', 'at', 'kind', 'record_type', 'record_id', 'subject_id', 'request_id', 'records_with'])
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit);
  if (since !== undefined) query = query.where('at', '>=', since);
  return query.execute();
}

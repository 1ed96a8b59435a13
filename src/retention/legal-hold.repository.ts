import type { Kysely, Transaction } from 'kysely';
import type { DB, LegalHoldRow } from '../db/types.ts';
import type { HOLD_RECORD_TYPES } from './legal-hold.schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

const COLUMNS = [
  'id',
  'subject_id',
  'record_type',
  'record_id',
  'reason',
  'placed_by',
  'placed_at',
  'ends_on',
  'review_on',
  'released_at',
  'released_by',
  'release_reason',
] as const;

const TABLES = { agreement: 'agreements', invoice: 'invoices', case: 'cases', consent: 'consents' } as const;

export async function insert(db: Executor, row: LegalHoldRow): Promise<void> {
  await db.insertInto('legal_holds').values(row).execute();
}

export const getById = (db: Executor, id: string): Promise<LegalHoldRow | undefined> =>
  db.selectFrom('legal_holds').select(COLUMNS).where('id', '=', id).executeTakeFirst();

export const listOfSubject = (db: Executor, subjectId: string): Promise<LegalHoldRow[]> =>
  db.selectFrom('legal_holds').select(COLUMNS).where('subject_id', '=', subjectId).orderBy('placed_at').orderBy('id').execute();

/** Releases a hold still in place; false when it was released already (by someone else meanwhile, too). */
export async function release(db: Executor, id: string, at: string, by: string, reason: string): Promise<boolean> {
  const result = await db
    .updateTable('legal_holds')
    .set({ released_at: at, released_by: by, release_reason: reason })
    .where('id', '=', id)
    .where('released_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether the record of the type exists and belongs to the subject. */
export async function recordOfSubject(db: Executor, type: (typeof HOLD_RECORD_TYPES)[number], id: string, subjectId: string): Promise<boolean> {
  const row = await db.selectFrom(TABLES[type]).select('id').where('id', '=', id).where('subject_id', '=', subjectId).executeTakeFirst();
  return row !== undefined;
}

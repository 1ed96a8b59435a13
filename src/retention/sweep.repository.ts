import type { Transaction } from 'kysely';
import { idsIn } from '../db/bulk.ts';
import type { Executor } from '../db/executor.ts';
import type { DB } from '../db/types.ts';
import { SWEPT_TABLES, type SweptType } from './retention-plan.ts';

// The queries of the retention sweep (sweep.ts): what is due, table by table, and what a batch takes with it.

/** Where a page of due records ends: the next page starts after it. */
export type Cursor = { until: string; id: string } | null;

/** One page of due records of a table, in (retain_until, id) order after the cursor: a person's own records. */
export async function duePage(db: Executor, type: SweptType, today: string, cursor: Cursor, limit: number) {
  // A sole trader's or partnership's records (no subject_id) are the owners' and come through dueOwnedPage; the
  // condition leaves them to it and says so to the types.
  let query = db
    .selectFrom(SWEPT_TABLES[type])
    .select(['id', 'subject_id', 'retain_until'])
    .where('retain_until', '<=', today)
    .where('subject_id', 'is not', null)
    .$narrowType<{ subject_id: string }>();
  if (cursor !== null) query = query.where((eb) => eb(eb.refTuple('retain_until', 'id'), '>', eb.tuple(cursor.until, cursor.id)));
  return query.orderBy('retain_until').orderBy('id').limit(limit).execute();
}

/**
 * One page of a sole trader's or partnership's due agreements or invoices, each with an owner they are planned
 * for (owned-organisations.repository.ts). Only such an organisation has owners, so a legal entity's records never come up.
 */
export async function dueOwnedPage(db: Executor, type: 'agreement' | 'invoice', today: string, cursor: Cursor, limit: number) {
  // Both tables have the columns read here; the types are told one of them, as a union of two tables is not callable.
  const table = SWEPT_TABLES[type] as 'invoices';
  let query = db
    .selectFrom(`${table} as r`)
    .innerJoin('contact_roles as owner', (join) =>
      join.onRef('owner.organisation_id', '=', 'r.organisation_id').on('owner.owner', '=', 1),
    )
    .select(['r.id', 'owner.subject_id', 'r.retain_until'])
    .where('r.retain_until', '<=', today);
  if (cursor !== null)
    query = query.where((eb) => eb(eb.refTuple('r.retain_until', 'r.id'), '>', eb.tuple(cursor.until, cursor.id)));
  return query.orderBy('r.retain_until').orderBy('r.id').limit(limit).execute();
}

/** PostgreSQL: locks the subjects of a batch, so a second sweep at the same moment waits for this one. */
export async function lockSubjects(trx: Transaction<DB>, subjectIds: string[]): Promise<void> {
  await trx.selectFrom('subjects').select('id').where('id', 'in', idsIn(trx, subjectIds)).forUpdate().execute();
}

/** The messages of cases (at most one `in` list of ids). */
export const messagesOfCases = (trx: Transaction<DB>, caseIds: string[]) =>
  trx.selectFrom('messages').select(['id', 'case_id', 'subject_id']).where('case_id', 'in', idsIn(trx, caseIds)).execute();

/** The attachments of messages (at most one `in` list of ids). */
export const attachmentsOfMessages = (trx: Transaction<DB>, messageIds: string[]) =>
  trx.selectFrom('attachments').select(['id', 'subject_id']).where('message_id', 'in', idsIn(trx, messageIds)).execute();

/** How many records of a table are due by `to`, per stored date and rule: the forecast's numbers. */
export const dueCounts = (db: Executor, table: (typeof SWEPT_TABLES)[SweptType], to: string) =>
  db
    .selectFrom(table)
    .select((eb) => ['retain_rule', 'retain_until', eb.fn.countAll<number | string>().as('n')])
    .where('retain_until', '<=', to)
    .groupBy(['retain_until', 'retain_rule'])
    .execute();

/** Of these organisations, those that still have an agreement or an invoice. */
export async function organisationsWithRecords(db: Executor, organisationIds: string[]): Promise<Set<string | null>> {
  const ids = idsIn(db, organisationIds);
  const [agreements, invoices] = await Promise.all([
    db.selectFrom('agreements').select('organisation_id').distinct().where('organisation_id', 'in', ids).execute(),
    db.selectFrom('invoices').select('organisation_id').distinct().where('organisation_id', 'in', ids).execute(),
  ]);
  return new Set([...agreements, ...invoices].map((r) => r.organisation_id));
}

// The contact reduction's (sweep-reduction.ts): the persons whose `reduce_on` has come, and what goes with them.

/** Where a page of due reductions ends: the next page starts after it. */
export type ReductionCursor = { on: string; id: string } | null;

/** One page of subjects whose `reduce_on` has come, in (reduce_on, id) order after the cursor. */
export async function dueReductionPage(db: Executor, today: string, cursor: ReductionCursor, limit: number) {
  let query = db.selectFrom('subjects').select(['id', 'reduce_on']).where('reduce_on', '<=', today);
  if (cursor !== null) query = query.where((eb) => eb(eb.refTuple('reduce_on', 'id'), '>', eb.tuple(cursor.on, cursor.id)));
  return query.orderBy('reduce_on').orderBy('id').limit(limit).execute();
}

/** How many persons are due for reduction per `reduce_on` up to `to`. */
export const reductionCounts = (db: Executor, to: string) =>
  db
    .selectFrom('subjects')
    .select((eb) => ['reduce_on', eb.fn.countAll<number | string>().as('n')])
    .where('reduce_on', '<=', to)
    .groupBy('reduce_on')
    .execute();

/** The addresses of the subjects, for the ledger of what the reduction deletes. */
export const subjectAddressesOf = (db: Executor, subjectIds: string[]) =>
  db.selectFrom('subject_addresses').select(['id', 'subject_id']).where('subject_id', 'in', idsIn(db, subjectIds)).execute();

/** Takes the subjects out of the index of due reductions: they are reduced. */
export async function clearReduceOn(db: Executor, subjectIds: string[]): Promise<void> {
  await db.updateTable('subjects').set({ reduce_on: null }).where('id', 'in', idsIn(db, subjectIds)).execute();
}

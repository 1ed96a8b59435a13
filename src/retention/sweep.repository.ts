import type { Transaction } from 'kysely';
import { idsIn } from '../db/bulk.ts';
import type { Executor } from '../db/executor.ts';
import type { DB } from '../db/types.ts';
import { SWEPT_TABLES, type SweptType } from './retention-plan.ts';

// The queries of the retention sweep (sweep.ts): what is due, table by table, and what a batch takes with it.

/** One page of due records of a table, in (retain_until, id) order after the cursor. */
export async function duePage(
  db: Executor,
  type: SweptType,
  today: string,
  cursor: { until: string; id: string } | null,
  limit: number,
) {
  // An organisation's records get no retain_until (docs/organisations.md); the condition says so to the types.
  let query = db
    .selectFrom(SWEPT_TABLES[type])
    .select(['id', 'subject_id', 'retain_until'])
    .where('retain_until', '<=', today)
    .where('subject_id', 'is not', null)
    .$narrowType<{ subject_id: string }>();
  if (cursor !== null) query = query.where((eb) => eb(eb.refTuple('retain_until', 'id'), '>', eb.tuple(cursor.until, cursor.id)));
  return query.orderBy('retain_until').orderBy('id').limit(limit).execute();
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

import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.ts';

// Only dates and counts leave these queries: never a name, an address or an id.

/** Receipt, answer and deadline of the requests received since `since` (ISO moment). */
export const listRequestTimes = (db: Kysely<DB>, since: string) =>
  db
    .selectFrom('rights_requests')
    .select(['received_at', 'answered_at', 'due_on', 'extended_to'])
    .where('received_at', '>=', since)
    .execute();

/**
 * Records deleted since `since`, per month (the first 7 characters of the ISO moment) and kind: each ledger row,
 * and the records that went with it without a row of their own (a subject the sweep removed).
 */
export const countDeletions = (db: Kysely<DB>, since: string) =>
  db
    .selectFrom('erasure_ledger')
    .select([
      sql<string>`substr(at, 1, 7)`.as('month'),
      'kind',
      sql<string>`case when record_type = 'subject' then 1 else 0 end`.as('is_subject'),
      (eb) => eb.fn.countAll<number | string>().as('rows'),
      sql<number | string>`sum(1 + records_with)`.as('records'),
    ])
    .where('at', '>=', since)
    .groupBy([sql`substr(at, 1, 7)`, 'kind', sql`case when record_type = 'subject' then 1 else 0 end`])
    .execute();

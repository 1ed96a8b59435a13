import { type Transaction, sql } from 'kysely';
import type { DB } from '../db/types.ts';

/**
 * Makes sure a row exists for each key and locks it for the transaction (PostgreSQL's ON CONFLICT DO UPDATE
 * takes the row lock; SQLite's transactions hold the write lock), so concurrent attempts count one by one.
 */
export async function lockRows(trx: Transaction<DB>, keys: string[], at: string) {
  await trx
    .insertInto('login_throttles')
    .values(keys.map((key) => ({ key, failures: 0, last_failure_at: at })))
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures: sql<number>`login_throttles.failures` }))
    .execute();
  return trx.selectFrom('login_throttles').select(['key', 'failures', 'last_failure_at']).where('key', 'in', keys).execute();
}

export async function setFailures(trx: Transaction<DB>, key: string, failures: number, at: string): Promise<void> {
  await trx.updateTable('login_throttles').set({ failures, last_failure_at: at }).where('key', '=', key).execute();
}

/** Takes back one counted attempt that turned out not to be a failure. */
export async function uncount(trx: Transaction<DB>, key: string): Promise<void> {
  await trx
    .updateTable('login_throttles')
    .set({ failures: sql<number>`case when failures > 0 then failures - 1 else 0 end` })
    .where('key', '=', key)
    .execute();
}

export async function remove(trx: Transaction<DB>, key: string): Promise<void> {
  await trx.deleteFrom('login_throttles').where('key', '=', key).execute();
}

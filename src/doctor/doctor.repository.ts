import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

/** Accounts that can still sign in. */
export const activeAccounts = (db: Kysely<DB>) =>
  db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'created_at', 'last_login_at'])
    .where('disabled_at', 'is', null)
    .orderBy('email')
    .execute();

/** API tokens that are not revoked. */
export const activeTokens = (db: Kysely<DB>) =>
  db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'role', 'created_at', 'last_used_at'])
    .where('revoked_at', 'is', null)
    .orderBy('name')
    .execute();

/** The active dpo accounts and when each confirmed a second factor (null: none). */
export const dpoSecondFactors = (db: Kysely<DB>) =>
  db
    .selectFrom('users')
    .select(['email', 'totp_confirmed_at'])
    .where('role', '=', 'dpo')
    .where('disabled_at', 'is', null)
    .orderBy('email')
    .execute();

/** The pending messages due before the moment: how many, and since when the oldest waits. */
export async function duePending(db: Kysely<DB>, before: string): Promise<{ count: number; oldest: string | null }> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('next_attempt_at').as('oldest')])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<', before)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), oldest: row.oldest ?? null };
}

/**
 * The newest moment something the checks read was changed in the database: an account added, given a second
 * factor or disabled (the dpo's second factor, unused accounts), a processor agreement registered or superseded,
 * a recipient changed (each change of the register writes a history row). Null: nothing yet.
 */
export async function lastChangeAffectingChecks(db: Kysely<DB>): Promise<string | null> {
  const rows = await Promise.all([
    db
      .selectFrom('users')
      .select((eb) => [eb.fn.max('created_at').as('a'), eb.fn.max('totp_confirmed_at').as('b'), eb.fn.max('disabled_at').as('c')])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('processor_agreements')
      .select((eb) => [eb.fn.max('created_at').as('a'), eb.fn.max('superseded_at').as('b')])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('recipient_history')
      .select((eb) => [eb.fn.max('changed_at').as('a')])
      .executeTakeFirstOrThrow(),
  ]);
  const moments = rows.flatMap((r) => Object.values(r)).filter((m): m is string => typeof m === 'string');
  return moments.length === 0 ? null : moments.reduce((a, b) => (a > b ? a : b));
}

import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/executor.ts';

/** Only the code checks read the secret; nothing else selects it. */
export const getFactor = (db: Executor, userId: string) =>
  db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'totp_secret', 'totp_confirmed_at', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirst();

/** Starts (or starts again) an enrolment; never replaces a confirmed factor. */
export async function setPendingSecret(db: Executor, userId: string, secret: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_secret: secret, totp_last_step: null })
    .where('id', '=', userId)
    .where('totp_confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function confirm(db: Executor, userId: string, at: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_confirmed_at: at, totp_last_step: step })
    .where('id', '=', userId)
    .where('totp_confirmed_at', 'is', null)
    .where('totp_secret', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records the time step of an accepted code, only if it is newer than the last: of two requests with the
 * same code, on any instance, one wins.
 */
export async function useStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function clear(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: null, totp_confirmed_at: null, totp_last_step: null })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

export async function replaceRecoveryCodes(db: Executor, userId: string, hashes: string[], at: string): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_codes')
    .values(hashes.map((code_hash) => ({ id: randomUUID(), user_id: userId, code_hash, created_at: at, used_at: null })))
    .execute();
}

/** Spends a recovery code: true only for an unused code of this user, and only once. */
export async function useRecoveryCode(db: Executor, userId: string, hash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function unusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

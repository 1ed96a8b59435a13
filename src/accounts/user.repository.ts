import type { Insertable } from 'kysely';
import type { UserRow, UsersTable } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';

const USER_COLUMNS = [
  'id',
  'email',
  'display_name',
  'role',
  'created_at',
  'disabled_at',
  'last_login_at',
  'totp_confirmed_at',
  'password_change_required',
  'language',
  'reminders',
] as const;
export type UserSummaryRow = Omit<UserRow, 'password_hash' | 'totp_secret' | 'totp_last_step'>;

export const getById = (db: Executor, id: string): Promise<UserSummaryRow | undefined> =>
  db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();

export const getByEmail = (db: Executor, email: string): Promise<UserSummaryRow | undefined> =>
  db.selectFrom('users').select(USER_COLUMNS).where('email', '=', email).executeTakeFirst();

/** Only the login and a password change need the hash; nothing else selects it. */
export const getCredentials = (db: Executor, email: string) =>
  db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'password_hash', 'disabled_at', 'totp_confirmed_at', 'password_change_required'])
    .where('email', '=', email)
    .executeTakeFirst();

export const list = (db: Executor): Promise<UserSummaryRow[]> =>
  db.selectFrom('users').select(USER_COLUMNS).orderBy('email').execute();

export async function create(db: Executor, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function disable(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('users').set({ disabled_at: at }).where('id', '=', id).execute();
}

/** A new password; `changeRequired`: someone else chose it, so its owner must replace it at the next sign-in. */
export async function setPasswordHash(db: Executor, id: string, hash: string, changeRequired = false): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: hash, password_change_required: changeRequired ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

export async function recordLogin(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', id).execute();
}

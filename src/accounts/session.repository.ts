import { precompiled } from '../db/precompiled.ts';
import type { Executor } from '../db/executor.ts';

export async function create(
  db: Executor,
  row: { id: string; user_id: string; created_at: string; last_seen_at: string; expires_at: string },
): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The session with its user, if the session exists and the user is not disabled. Checked on every request. */
const activeSession = precompiled((db: Executor, id: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id as user_id',
      'users.role',
      'users.email',
      'users.totp_confirmed_at',
      'users.password_change_required',
    ])
    .where('sessions.id', '=', id)
    .where('users.disabled_at', 'is', null),
);
export const getActive = async (db: Executor, id: string) => (await activeSession(db, id))[0];

export async function touch(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function remove(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function removeAllOfUser(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

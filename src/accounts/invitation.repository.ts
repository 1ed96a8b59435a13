import type { Executor } from '../db/executor.ts';

export interface InvitationRow {
  id: string;
  user_id: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export async function create(db: Executor, row: InvitationRow): Promise<void> {
  await db.insertInto('account_invitations').values(row).execute();
}

export const getById = (db: Executor, id: string): Promise<InvitationRow | undefined> =>
  db
    .selectFrom('account_invitations')
    .select(['id', 'user_id', 'created_by', 'created_at', 'expires_at', 'used_at', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst();

/** The open (unused, not revoked) invitations' expiry per user, for the list of accounts. */
export const openExpiries = (db: Executor): Promise<{ user_id: string; expires_at: string }[]> =>
  db
    .selectFrom('account_invitations')
    .select(['user_id', 'expires_at'])
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();

/** Every open invitation of the user is withdrawn (a new one replaces it, or the account is disabled). */
export async function revokeOpen(db: Executor, userId: string, at: string): Promise<void> {
  await db
    .updateTable('account_invitations')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Uses the invitation if it is still open and unexpired; false when another request used it first. */
export async function use(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('account_invitations')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

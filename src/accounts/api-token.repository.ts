import type { ApiTokenRow } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';

const TOKEN_COLUMNS = ['id', 'name', 'role', 'created_by', 'created_at', 'last_used_at', 'revoked_at', 'revoked_by'] as const;
export type ApiTokenSummaryRow = Omit<ApiTokenRow, 'token_hash'>;

export async function create(db: Executor, row: ApiTokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export const getById = (db: Executor, id: string): Promise<ApiTokenSummaryRow | undefined> =>
  db.selectFrom('api_tokens').select(TOKEN_COLUMNS).where('id', '=', id).executeTakeFirst();

export const list = (db: Executor): Promise<ApiTokenSummaryRow[]> =>
  db.selectFrom('api_tokens').select(TOKEN_COLUMNS).orderBy('created_at', 'desc').orderBy('id').execute();

/** The token that is not revoked with this hash; checked on every request that carries one. */
export const getActiveByHash = (db: Executor, hash: string) =>
  db
    .selectFrom('api_tokens')
    .select(['id', 'role', 'last_used_at'])
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();

export async function touch(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function revoke(db: Executor, id: string, at: string, by: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

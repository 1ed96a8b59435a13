import type { ConsentRow } from '../db/types.ts';
import { precompiled } from '../db/precompiled.ts';
import type { Executor } from '../db/executor.ts';

export const CONSENT_COLUMNS = [
  'id',
  'subject_id',
  'purpose',
  'given_at',
  'withdrawn_at',
  'method',
  'evidence',
  'created_at',
] as const;

export const listBySubject: (db: Executor, subjectId: string) => Promise<ConsentRow[]> = precompiled(
  (db: Executor, subjectId: string) =>
    db.selectFrom('consents').select(CONSENT_COLUMNS).where('subject_id', '=', subjectId).orderBy('given_at').orderBy('id'),
);

export const getById = (db: Executor, id: string): Promise<ConsentRow | undefined> =>
  db.selectFrom('consents').select(CONSENT_COLUMNS).where('id', '=', id).executeTakeFirst();

/** The subject's consent for the purpose that has not been withdrawn, if any. */
export const getActive = (db: Executor, subjectId: string, purpose: string): Promise<ConsentRow | undefined> =>
  db
    .selectFrom('consents')
    .select(CONSENT_COLUMNS)
    .where('subject_id', '=', subjectId)
    .where('purpose', '=', purpose)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();

export async function create(db: Executor, row: ConsentRow): Promise<void> {
  await db.insertInto('consents').values(row).execute();
}

/** Marks the consent withdrawn unless it already was; true when this call withdrew it. */
export async function withdraw(db: Executor, id: string, withdrawnAt: string): Promise<boolean> {
  const result = await db
    .updateTable('consents')
    .set({ withdrawn_at: withdrawnAt })
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

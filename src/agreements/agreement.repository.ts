import type { Updateable } from 'kysely';
import type { AgreementRow, AgreementsTable } from '../db/types.ts';
import { precompiled } from '../db/precompiled.ts';
import type { Executor } from '../db/executor.ts';

export type AgreementUpdate = Updateable<AgreementsTable>;

export const AGREEMENT_COLUMNS = [
  'id',
  'subject_id',
  'organisation_id',
  'contact_id',
  'kind',
  'title',
  'status',
  'start_date',
  'end_date',
  'created_at',
  'updated_at',
] as const;

export const listBySubject: (db: Executor, subjectId: string) => Promise<AgreementRow[]> = precompiled(
  (db: Executor, subjectId: string) =>
    db.selectFrom('agreements').select(AGREEMENT_COLUMNS).where('subject_id', '=', subjectId).orderBy('created_at').orderBy('id'),
);

export const getById = (db: Executor, id: string): Promise<AgreementRow | undefined> =>
  db.selectFrom('agreements').select(AGREEMENT_COLUMNS).where('id', '=', id).executeTakeFirst();

export async function create(db: Executor, row: AgreementRow): Promise<void> {
  await db.insertInto('agreements').values(row).execute();
}

export async function update(db: Executor, id: string, changes: AgreementUpdate): Promise<void> {
  await db.updateTable('agreements').set(changes).where('id', '=', id).execute();
}

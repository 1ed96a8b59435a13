import type { Kysely, Transaction } from 'kysely';
import type { AgreementRow, DB } from '../db/types.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export const AGREEMENT_COLUMNS = ['id', 'subject_id', 'kind', 'title', 'status', 'start_date', 'end_date', 'created_at', 'updated_at'] as const;

export const listBySubject = (db: Executor, subjectId: string): Promise<AgreementRow[]> =>
  db.selectFrom('agreements').select(AGREEMENT_COLUMNS).where('subject_id', '=', subjectId).orderBy('created_at').orderBy('id').execute();

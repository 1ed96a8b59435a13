import type { Kysely, Transaction } from 'kysely';
import type { ConsentRow, DB } from '../db/types.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export const CONSENT_COLUMNS = ['id', 'subject_id', 'purpose', 'given_at', 'withdrawn_at', 'method', 'evidence', 'created_at'] as const;

export const listBySubject = (db: Executor, subjectId: string): Promise<ConsentRow[]> =>
  db.selectFrom('consents').select(CONSENT_COLUMNS).where('subject_id', '=', subjectId).orderBy('given_at').orderBy('id').execute();

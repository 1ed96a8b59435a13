import type { RecipientNoticeRow } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';

export const NOTICE_COLUMNS = [
  'id',
  'request_id',
  'subject_id',
  'recipient_id',
  'company_id',
  'kind',
  'created_at',
  'outbox_id',
  'status',
  'note',
  'resolved_at',
  'resolved_by',
  'resolution',
] as const;

export const listNotices = (db: Executor, subjectId: string): Promise<RecipientNoticeRow[]> =>
  db
    .selectFrom('recipient_notices')
    .select(NOTICE_COLUMNS)
    .where('subject_id', '=', subjectId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export async function insertNotice(db: Executor, row: RecipientNoticeRow): Promise<void> {
  await db.insertInto('recipient_notices').values(row).execute();
}

export const getById = (db: Executor, id: string): Promise<RecipientNoticeRow | undefined> =>
  db.selectFrom('recipient_notices').select(NOTICE_COLUMNS).where('id', '=', id).executeTakeFirst();

/** Notices in a status, oldest first: the dpo's list of what still waits for an answer. */
export const listByStatus = (db: Executor, status: string, limit: number): Promise<RecipientNoticeRow[]> =>
  db
    .selectFrom('recipient_notices')
    .select(NOTICE_COLUMNS)
    .where('status', '=', status)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();

/** Resolves a queued notice; false when it was resolved already. */
export async function resolve(
  db: Executor,
  id: string,
  status: 'confirmed' | 'impossible',
  at: string,
  by: string,
  resolution: string,
): Promise<boolean> {
  const result = await db
    .updateTable('recipient_notices')
    .set({ status, resolved_at: at, resolved_by: by, resolution })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The delivery state of the notices' messages. */
export async function messages(db: Executor, outboxIds: string[]) {
  if (outboxIds.length === 0) return [];
  return db.selectFrom('outbox').select(['id', 'status', 'sent_at']).where('id', 'in', outboxIds).execute();
}

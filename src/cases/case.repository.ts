import type { AttachmentRow, CaseRow, MessageRow } from '../db/types.ts';
import { precompiled } from '../db/precompiled.ts';
import type { Executor } from '../db/executor.ts';

export const CASE_COLUMNS = [
  'id',
  'subject_id',
  'kind',
  'title',
  'reference',
  'status',
  'opened_at',
  'closed_at',
  'created_at',
  'updated_at',
] as const;
export const MESSAGE_COLUMNS = [
  'id',
  'case_id',
  'subject_id',
  'channel',
  'direction',
  'occurred_at',
  'from_address',
  'to_address',
  'title',
  'body',
  'created_at',
] as const;
/** Everything about an attachment but its content, which is only read when downloaded. */
export const ATTACHMENT_SUMMARY_COLUMNS = [
  'id',
  'message_id',
  'subject_id',
  'filename',
  'content_type',
  'size_bytes',
  'sha256',
  'created_at',
  'scan_status',
  'scanned_at',
  'scan_problem',
] as const;
export type AttachmentSummaryRow = Omit<AttachmentRow, 'content'>;

export const listBySubject: (db: Executor, subjectId: string) => Promise<CaseRow[]> = precompiled(
  (db: Executor, subjectId: string) =>
    db.selectFrom('cases').select(CASE_COLUMNS).where('subject_id', '=', subjectId).orderBy('opened_at').orderBy('id'),
);

export const listMessagesBySubject: (db: Executor, subjectId: string) => Promise<MessageRow[]> = precompiled(
  (db: Executor, subjectId: string) =>
    db.selectFrom('messages').select(MESSAGE_COLUMNS).where('subject_id', '=', subjectId).orderBy('occurred_at').orderBy('id'),
);

export const listAttachmentsBySubject: (db: Executor, subjectId: string) => Promise<AttachmentSummaryRow[]> = precompiled(
  (db: Executor, subjectId: string) =>
    db
      .selectFrom('attachments')
      .select(ATTACHMENT_SUMMARY_COLUMNS)
      .where('subject_id', '=', subjectId)
      .orderBy('created_at')
      .orderBy('id'),
);

export const getById = (db: Executor, id: string): Promise<CaseRow | undefined> =>
  db.selectFrom('cases').select(CASE_COLUMNS).where('id', '=', id).executeTakeFirst();

/** Inserts the case unless its reference is taken (also by a transaction still running); true when inserted. */
export async function createIfReferenceFree(db: Executor, row: CaseRow): Promise<boolean> {
  const result = await db
    .insertInto('cases')
    .values(row)
    .onConflict((oc) => oc.column('reference').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Changes the case only if it still has the status `from`; true when it did. */
export async function changeStatus(
  db: Executor,
  id: string,
  from: CaseRow['status'],
  changes: Pick<CaseRow, 'status' | 'closed_at' | 'updated_at'>,
): Promise<boolean> {
  const result = await db.updateTable('cases').set(changes).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setUpdatedAt(db: Executor, id: string, updatedAt: string): Promise<void> {
  await db.updateTable('cases').set({ updated_at: updatedAt }).where('id', '=', id).execute();
}

export const listMessagesByCase = (db: Executor, caseId: string): Promise<MessageRow[]> =>
  db.selectFrom('messages').select(MESSAGE_COLUMNS).where('case_id', '=', caseId).orderBy('occurred_at').orderBy('id').execute();

export const listAttachmentsByCase = (db: Executor, caseId: string): Promise<AttachmentSummaryRow[]> =>
  db
    .selectFrom('attachments')
    .select(ATTACHMENT_SUMMARY_COLUMNS)
    .where('message_id', 'in', (eb) => eb.selectFrom('messages').select('id').where('case_id', '=', caseId))
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export async function createMessage(db: Executor, row: MessageRow): Promise<void> {
  await db.insertInto('messages').values(row).execute();
}

export async function createAttachments(db: Executor, rows: AttachmentRow[]): Promise<void> {
  // One row per statement: a multi-row insert of ten 5 MiB blobs would be one 50 MiB statement.
  for (const row of rows) await db.insertInto('attachments').values(row).execute();
}

/** The one query that reads an attachment's content: the download. */
export const getAttachmentWithContent = (db: Executor, id: string): Promise<AttachmentRow | undefined> =>
  db
    .selectFrom('attachments')
    .select([...ATTACHMENT_SUMMARY_COLUMNS, 'content'])
    .where('id', '=', id)
    .executeTakeFirst();

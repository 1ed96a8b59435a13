import type { Kysely, Transaction } from 'kysely';
import type { AttachmentRow, CaseRow, DB, MessageRow } from '../db/types.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export const CASE_COLUMNS = ['id', 'subject_id', 'kind', 'title', 'reference', 'status', 'opened_at', 'closed_at', 'created_at', 'updated_at'] as const;
export const MESSAGE_COLUMNS = ['id', 'case_id', 'subject_id', 'channel', 'direction', 'occurred_at', 'from_address', 'to_address', 'title', 'body', 'created_at'] as const;
/** Everything about an attachment but its content, which is only read when downloaded. */
export const ATTACHMENT_SUMMARY_COLUMNS = ['id', 'message_id', 'subject_id', 'filename', 'content_type', 'size_bytes', 'sha256', 'created_at'] as const;
export type AttachmentSummaryRow = Omit<AttachmentRow, 'content'>;

export const listBySubject = (db: Executor, subjectId: string): Promise<CaseRow[]> =>
  db.selectFrom('cases').select(CASE_COLUMNS).where('subject_id', '=', subjectId).orderBy('opened_at').orderBy('id').execute();

export const listMessagesBySubject = (db: Executor, subjectId: string): Promise<MessageRow[]> =>
  db.selectFrom('messages').select(MESSAGE_COLUMNS).where('subject_id', '=', subjectId).orderBy('occurred_at').orderBy('id').execute();

export const listAttachmentsBySubject = (db: Executor, subjectId: string): Promise<AttachmentSummaryRow[]> =>
  db.selectFrom('attachments').select(ATTACHMENT_SUMMARY_COLUMNS).where('subject_id', '=', subjectId).orderBy('created_at').orderBy('id').execute();

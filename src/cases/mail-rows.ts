import { randomUUID } from 'node:crypto';
import type { AttachmentRow, CaseRow, MessageRow } from '../db/types.ts';
import type { ParsedMessage } from '../rights/eml.ts';
import { sha256Hex } from './attachment.ts';

/** The message and attachment rows of an imported mail (.eml) on a case: a case's own or a request's. */
export function mailRows(parent: CaseRow, mail: ParsedMessage, direction: 'inbound' | 'outbound', now: string): { message: MessageRow; attachments: AttachmentRow[] } {
  const message: MessageRow = {
    id: randomUUID(),
    case_id: parent.id,
    subject_id: parent.subject_id,
    channel: 'email',
    direction,
    occurred_at: mail.occurredAt,
    from_address: mail.from,
    to_address: mail.to,
    title: mail.title,
    body: mail.body,
    created_at: now,
  };
  const attachments = mail.attachments.map((a) => ({
    id: randomUUID(),
    message_id: message.id,
    subject_id: message.subject_id,
    filename: a.filename,
    content_type: a.contentType,
    size_bytes: a.content.length,
    sha256: sha256Hex(a.content),
    content: a.content,
    created_at: now,
  }));
  return { message, attachments };
}

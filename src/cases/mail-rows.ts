import { randomUUID } from 'node:crypto';
import type { AttachmentRow, CaseRow, MessageRow } from '../db/types.ts';
import type { ParsedMessage } from '../mail/eml.ts';
import type { ScanColumns } from '../scanner/incoming.ts';
import { attachmentRows } from './attachment.ts';

/**
 * The message and attachment rows of an imported mail (.eml) on a case: a case's own or a request's. `scans`
 * holds what the virus scanner said of each attachment, in order.
 */
export function mailRows(
  parent: CaseRow,
  mail: ParsedMessage,
  direction: 'inbound' | 'outbound',
  scans: ScanColumns[],
  now: string,
): { message: MessageRow; attachments: AttachmentRow[] } {
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
  const attachments = attachmentRows(message, mail.attachments, scans, now);
  return { message, attachments };
}

import { readAuthentication } from '../mail/mail-authentication.schema.ts';
import type { InboxItem, InboxItemSummary } from './inbox.schema.ts';
import type { InboxAttachmentSummary, InboxItemRow } from './inbox.repository.ts';

export function presentInboxSummary(row: InboxItemRow, attachmentCount: number): InboxItemSummary {
  return {
    id: row.id,
    receivedAt: row.received_at,
    from: row.from_address,
    title: row.title,
    reason: row.reason,
    reasonDetail: row.reason_detail,
    attachmentCount,
    authenticated: readAuthentication(row.mail_authentication)?.authenticated ?? null,
  };
}

export function presentInboxItem(row: InboxItemRow, attachments: InboxAttachmentSummary[]): InboxItem {
  return {
    ...presentInboxSummary(row, attachments.length),
    to: row.to_address,
    body: row.body,
    occurredAt: row.occurred_at,
    sizeBytes: Number(row.size_bytes),
    relatedRequestId: row.related_request_id,
    relatedCaseId: row.related_case_id,
    mailAuthentication: readAuthentication(row.mail_authentication),
    attachments: attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      contentType: a.content_type,
      sizeBytes: Number(a.size_bytes),
    })),
  };
}

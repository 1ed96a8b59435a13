import type { DisclosureRow } from '../db/types.ts';
import type { NoticeMessage } from './disclosure.repository.ts';
import type { Disclosure } from './disclosure.schema.ts';

type Names = ReadonlyMap<string, { nl: string; en: string }>;

/**
 * Who received the data, in both languages: the register's name, the authority of a legal demand, or the
 * organisation the person named for a portability transfer (Art. 20(2)).
 */
export function addresseeName(row: Pick<DisclosureRow, 'recipient_id' | 'authority' | 'recipient_name'>, names: Names): { nl: string; en: string } {
  if (row.recipient_id === null) {
    const named = row.authority ?? row.recipient_name ?? '';
    return { nl: named, en: named };
  }
  return names.get(row.recipient_id) ?? { nl: row.recipient_id, en: row.recipient_id };
}

function noticeOf(row: DisclosureRow, message: NoticeMessage | undefined): Disclosure['notice'] {
  const base = { outboxId: row.notice_outbox_id, reason: row.notice_reason };
  if (row.notice === 'suppressed' || row.notice === 'not_required') return { ...base, status: row.notice, sentAt: null };
  if (message === undefined) return { ...base, status: 'queued', sentAt: null };
  const status = message.status === 'sent' ? 'sent' : message.status === 'failed' ? 'failed' : 'queued';
  return { ...base, status, sentAt: message.sent_at };
}

export function presentDisclosure(row: DisclosureRow, names: Names, messages: ReadonlyMap<string, NoticeMessage>): Disclosure {
  return {
    id: row.id,
    subjectId: row.subject_id,
    kind: row.kind as Disclosure['kind'],
    recipient: { id: row.recipient_id, name: addresseeName(row, names) },
    authorityReference: row.authority_reference,
    categories: JSON.parse(row.categories) as string[],
    purpose: row.purpose,
    legalGround: row.legal_ground,
    mode: row.mode as Disclosure['mode'],
    format: row.format,
    description: row.description,
    status: row.status as Disclosure['status'],
    notice: noticeOf(row, row.notice_outbox_id === null ? undefined : messages.get(row.notice_outbox_id)),
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    releasedAt: row.released_at,
    exportedAt: row.exported_at,
    cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason,
  };
}

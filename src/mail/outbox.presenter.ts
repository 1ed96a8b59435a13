import type { OutboxRow } from '../db/types.ts';
import { OUTBOX_STATUSES, RESTRICTED_TITLE, type OutboxMessage, type OutboxStatus } from './outbox.schema.ts';

const isStatus = (s: string): s is OutboxStatus => (OUTBOX_STATUSES as readonly string[]).includes(s);

export function presentMessage(row: OutboxRow): OutboxMessage {
  const status = isStatus(row.status) ? row.status : 'pending';
  return {
    id: row.id,
    createdAt: row.created_at,
    kind: row.kind,
    restricted: false,
    to: row.to_address,
    title: row.title,
    // Art. 5(1)(e): some days after delivery the text is gone; what remains is who, what about, when and how it went.
    text: row.body_removed_at === null ? row.body_text : null,
    html: row.body_removed_at === null ? row.body_html : null,
    textRemovedAt: row.body_removed_at,
    language: row.language,
    related: row.related_type === null || row.related_id === null ? null : { type: row.related_type, id: row.related_id },
    subjectId: row.subject_id,
    status,
    attempts: row.attempts,
    // Only a pending message has a next attempt; for the others the column is history.
    nextAttemptAt: status === 'pending' ? row.next_attempt_at : null,
    lastError: row.last_error,
    sentAt: row.sent_at,
    messageId: row.message_id,
  };
}

/**
 * A message about a restricted person (Art. 18) as a listing shows it to someone who may not consult it:
 * its delivery state only. The address, the letter, what it relates to, whom it is about and the last error
 * (which often quotes the address) are left out.
 */
export function presentRestrictedMessage(row: OutboxRow): OutboxMessage {
  return {
    ...presentMessage(row),
    restricted: true,
    to: null,
    title: RESTRICTED_TITLE,
    text: null,
    html: null,
    related: null,
    subjectId: null,
    lastError: null,
  };
}

/** The cursor for the page after this row. */
export const cursorOf = (row: OutboxRow): string => `${row.created_at}_${row.id}`;

export function parseCursor(cursor: string): { createdAt: string; id: string } {
  const at = cursor.lastIndexOf('_');
  return { createdAt: cursor.slice(0, at), id: cursor.slice(at + 1) };
}

// The mailbox read over IMAP (issue 17): what became of each mail, and the triage inbox.
// Dates are ISO 8601 text on both dialects (see src/db/types.ts).

/** What a mail read from the mailbox became. */
export type MailOutcome = 'request' | 'request_message' | 'case_message' | 'inbox' | 'refused';

/**
 * Why a mail was not taken in, for the people who read the triage inbox (the English message, with numbers, is
 * in `mailbox_reads.problem`). `attachment_refused`: the gate before storage (the virus scanner) refused a file.
 */
export const MAIL_REFUSALS = [
  'too_large',
  'too_many_parts',
  'not_a_mail',
  'text_too_long',
  'too_many_attachments',
  'attachment_too_large',
  'attachment_refused',
  'other',
] as const;
export type MailRefusal = (typeof MAIL_REFUSALS)[number];

/** Why a mail waits in the triage inbox instead of being filed by itself. */
export type InboxReason =
  'not_addressed' | 'no_sender' | 'automatic' | 'bulk' | 'closed' | 'dmarc_failed' | 'restricted' | 'refused';

export interface MailboxReadsTable {
  id: string;
  folder: string;
  /** The folder's UIDVALIDITY when the mail was read (a 32-bit number, as text). */
  uid_validity: string;
  uid: number;
  /** SHA-256 of the message as read; null for a mail refused before it was downloaded. */
  fingerprint: string | null;
  /** The server's INTERNALDATE: when the mail arrived. */
  arrived_at: string;
  size_bytes: number;
  outcome: MailOutcome;
  /** For a refused mail: what was wrong with it, in words that name no person. */
  problem: string | null;
  request_id: string | null;
  case_id: string | null;
  message_id: string | null;
  inbox_item_id: string | null;
  read_at: string;
  /** The folder the mail was moved to, and when; null until the move succeeded. */
  moved_to: string | null;
  moved_at: string | null;
}

export interface InboxItemsTable {
  id: string;
  /** When the mail arrived in the mailbox (INTERNALDATE). */
  received_at: string;
  from_address: string | null;
  to_address: string | null;
  title: string | null;
  body: string;
  /** The mail's Date header, or its arrival when that is missing or unreadable. */
  occurred_at: string;
  reason: InboxReason;
  /** A word more on the reason: the reference of the closed case or request, the failing domain, the MailRefusal of a refused mail. */
  reason_detail: string | null;
  /** The request or case the mail seems to be about (a reply to a closed one), for staff to look at. */
  related_request_id: string | null;
  related_case_id: string | null;
  size_bytes: number;
  /** JSON: what DKIM, SPF and DMARC said (src/mailbox/mail-authentication.ts). */
  mail_authentication: string | null;
  created_at: string;
}

export interface InboxAttachmentsTable {
  id: string;
  item_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
}

// Requests of data subjects and what they cause: mail, restrictions, objections, access packages, notices.
// Dates are ISO 8601 text on both dialects (see src/db/types.ts).

import type { Generated } from 'kysely';
import type { Lang } from '../../shared/lang.ts';
import type {
  Decision,
  NOTICE_STATUSES,
  NoticeKind,
  OBJECTION_STATUSES,
  OutboxStatus,
  PACKAGE_KINDS,
  PACKAGE_REVIEW_STATUSES,
  RequestChannel,
  RequestKind,
  RequestStatus,
} from '../vocabulary.ts';

/** A file a message carries (an invoice's PDF and UBL); removed with the message's text (src/mail/mail-retention.ts). */
export interface OutboxAttachmentsTable {
  id: string;
  outbox_id: string;
  position: number;
  filename: string;
  content_type: string;
  content: Uint8Array;
}

export interface OutboxTable {
  id: string;
  created_at: string;
  /** What the message is: verification_code, request_answer, recipient_notice, statement_change, … */
  kind: string;
  to_address: string;
  title: string;
  body_text: string;
  body_html: string | null;
  language: string;
  related_type: string | null;
  related_id: string | null;
  subject_id: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
  message_id: string | null;
  /** The instance sending it while status is 'sending'. */
  claimed_by: string | null;
  claimed_at: string | null;
  /**
   * The secrets the placeholders of body_text and body_html stand for, sealed with the mail key
   * (src/mail/mail-secrets.ts); null for a message without secrets and once it was sent. Never selected
   * outside delivery.
   */
  sealed_secrets: string | null;
  /** When body_text and body_html were emptied, some days after delivery (Art. 5(1)(e)); null while kept. */
  body_removed_at: string | null;
}

export interface JobLeasesTable {
  name: string;
  holder: string;
  expires_at: string;
}

export interface RightsRequestsTable {
  id: string;
  reference: string;
  kind: RequestKind;
  channel: RequestChannel;
  language: Lang;
  received_at: string;
  /** Art. 12(3): one calendar month after receipt. */
  due_on: string;
  extended_to: string | null;
  extension_reason: string | null;
  extension_notified_at: string | null;
  requester_name: string;
  requester_email: string | null;
  requester_address: string | null;
  details: string;
  purpose: string | null;
  /** JSON: the changes asked for in a rectification. */
  changes: string | null;
  subject_id: string | null;
  case_id: string | null;
  status: RequestStatus;
  verification_method: string | null;
  verified_at: string | null;
  verification_note: string | null;
  decision: Decision | null;
  decision_ground: string | null;
  decision_motivation: string | null;
  decided_at: string | null;
  decided_by: string | null;
  /** Art. 12(5): what shows a request manifestly unfounded or excessive. */
  decision_evidence: string | null;
  answered_at: string | null;
  /** The answer to a question or complaint, or why the request was withdrawn or found unverifiable. */
  closing_note: string | null;
  /** Attachments of mail imported for the request, dropped unread (never kept: they may be ID copies). */
  attachments_dropped: Generated<number>;
  /** Art. 20(2): the organisation a portability request asks us to send the data to, and its e-mail address. */
  transfer_organisation: string | null;
  transfer_email: string | null;
  /** When the person confirmed that address through the mailbox we hold for them; only then does anything go there. */
  transfer_confirmed_at: string | null;
  /** For a request read from the mailbox: JSON of what DKIM, SPF and DMARC said (src/mailbox/mail-authentication.ts). */
  mail_authentication: Generated<string | null>;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface VerificationChallengesTable {
  id: string;
  request_id: string;
  method: string;
  secret_hash: string | null;
  sent_to: string | null;
  expires_at: string;
  attempts: number;
  consumed_at: string | null;
  created_at: string;
}

export interface RateLimitsTable {
  key: string;
  window_start: string;
  count: number;
}

export interface RestrictionsTable {
  id: string;
  subject_id: string;
  request_id: string | null;
  /** null: every purpose. */
  purpose: string | null;
  reason: string;
  started_at: string;
  lifted_at: string | null;
  /** When the notice of Art. 18(3) was delivered (not queued): lifting waits for it plus the lead time. */
  lift_notice_sent_at: string | null;
  /** Lifting announced by the dpo (Art. 18(3)): when, by whom, why; null while the restriction simply stands. */
  lift_announced_at: string | null;
  lift_announced_by: string | null;
  lift_reason: LiftReason | null;
  lift_motivation: string | null;
  /** The outbox message that tells the person; the restriction is lifted after it was sent. */
  lift_notice_outbox_id: string | null;
}

/**
 * Why a restriction of Art. 18(1) ends: (a) the accuracy was checked, (d) our grounds override the objection,
 * (c) the person no longer needs the data kept for legal claims, or the person asked to end it.
 */
export type LiftReason = 'accuracy_verified' | 'grounds_override' | 'claims_ended' | 'person_asked';

export interface ObjectionsTable {
  id: string;
  subject_id: string;
  purpose: string;
  request_id: string | null;
  /** pending | upheld | rejected */
  status: (typeof OBJECTION_STATUSES)[number];
  reason: string | null;
  created_at: string;
  decided_at: string | null;
}

export interface AccessPackagesTable {
  id: string;
  request_id: string;
  subject_id: string;
  created_at: string;
  expires_at: string;
  token_hash: string;
  content: Uint8Array;
  size_bytes: number;
  /** pending_review | awaiting_confirmation (a transfer waits for the person to confirm the address) | released */
  review_status: (typeof PACKAGE_REVIEW_STATUSES)[number];
  reviewed_by: string | null;
  released_at: string | null;
  downloaded_at: string | null;
  /** access (Art. 15) | portability (Art. 20) */
  kind: Generated<(typeof PACKAGE_KINDS)[number]>;
  /** Where the link went when not to the person: the organisation named for a transfer (Art. 20(2)). */
  deliver_to: string | null;
  /** The disclosure that recorded the transfer. */
  disclosure_id: string | null;
}

export interface RecipientNoticesTable {
  id: string;
  request_id: string | null;
  subject_id: string;
  recipient_id: string;
  /** The company of the recipient category that received the data; null when the category names none. */
  company_id: string | null;
  kind: NoticeKind;
  created_at: string;
  outbox_id: string | null;
  /** queued | confirmed | impossible */
  status: (typeof NOTICE_STATUSES)[number];
  note: string | null;
  resolved_at: string | null;
  /** Who confirmed the notice or marked it impossible ("user:<id>"). */
  resolved_by: string | null;
  /** What the recipient confirmed, or why telling them proved impossible (Art. 19). */
  resolution: string | null;
}

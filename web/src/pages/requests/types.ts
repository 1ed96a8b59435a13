// The API's shapes of requests (src/rights/request.schema.ts, src/rights/access-packages/access-package.schema.ts).

import type { MailAuthentication } from '../inbox/types.ts';

export const REQUEST_STATUSES = [
  'received',
  'verification_sent',
  'verified',
  'decided',
  'awaiting_release',
  'answered',
  'withdrawn',
  'unverifiable',
] as const;
export const DECISIONS = ['granted', 'partly_granted', 'refused', 'manifestly_unfounded', 'excessive'] as const;
export const VERIFICATION_METHODS = ['known_contact', 'phone_call', 'in_person', 'id_document_seen', 'other'] as const;
// A granted access stays open until the link to its package went out (awaiting_release).
export const OPEN_STATUSES: string[] = ['received', 'verification_sent', 'verified', 'decided', 'awaiting_release'];

export type { RequestListItem, RequestSummary } from '../../../../src/rights/request.schema.ts';
import type { RequestSummary } from '../../../../src/rights/request.schema.ts';

export const REQUEST_KINDS = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'objection',
  'withdraw_consent',
  'question',
  'complaint',
] as const;

export interface RightsRequest extends RequestSummary {
  language: string;
  /** The legal end of the first month: the last day the deadline can be extended. */
  extendableUntil: string;
  extensionReason: string | null;
  requesterEmail: string | null;
  requesterAddress: string | null;
  details: string;
  purpose: string | null;
  changes: Record<string, string> | null;
  caseId: string | null;
  verificationMethod: string | null;
  verifiedAt: string | null;
  verificationNote: string | null;
  decision: string | null;
  decisionGround: string | null;
  decisionMotivation: string | null;
  decisionEvidence: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  answeredAt: string | null;
  closingNote: string | null;
  /** Attachments of imported mail, dropped unread: Kluis keeps none on a request. */
  attachmentsDropped: number;
  /** Portability (Art. 20(2)): the organisation the customer asked us to send the data to, and its address. */
  transferOrganisation: string | null;
  transferEmail: string | null;
  /** When the customer confirmed that address from the mailbox we hold for them. */
  transferConfirmedAt: string | null;
  /** For a request read from the mailbox: what DKIM, SPF and DMARC said of its sender's domain. */
  mailAuthentication: MailAuthentication | null;
}

/** One request as its page loads it: with the name of its customer, null when unmatched or withheld (request.schema.ts). */
export interface RequestDetail extends RightsRequest {
  customerName: string | null;
}

export type SentLetter =
  | { channel: 'email'; to: string; outboxId: string; title: string }
  | { channel: 'post'; to: string | null; title: string; text: string };

export interface RequestOutcome {
  request: RightsRequest;
  letter: SentLetter | null;
}

export interface AccessPackage {
  id: string;
  requestId: string;
  subjectId: string;
  createdAt: string;
  expiresAt: string;
  sizeBytes: number;
  /** access (Art. 15) or portability (Art. 20). */
  kind: 'access' | 'portability';
  /** A transfer (Art. 20(2)) waits for the customer to confirm the organisation's address before its link goes out. */
  reviewStatus: 'pending_review' | 'awaiting_confirmation' | 'released';
  /** Where the link went when not to the customer: the organisation they named. */
  deliverTo: string | null;
  reviewedBy: string | null;
  releasedAt: string | null;
  downloadedAt: string | null;
}

/** Questions and complaints are answered; the rights are decided first (src/rights/request-kind.ts). */
export const isRight = (kind: string) => kind !== 'question' && kind !== 'complaint';

// The API's shapes of the triage inbox (src/mailbox/inbox.schema.ts).

export const INBOX_REASONS = [
  'not_addressed',
  'no_sender',
  'automatic',
  'bulk',
  'closed',
  'dmarc_failed',
  'restricted',
  'refused',
] as const;

export interface MailAuthentication {
  authenticated: boolean;
  dmarcFailed: boolean;
  fromDomain: string | null;
  dkim: string;
  dkimDomain: string | null;
  dkimAligned: boolean;
  spf: string;
  dmarc: string;
}

export interface InboxItemSummary {
  id: string;
  receivedAt: string;
  from: string | null;
  title: string | null;
  reason: string;
  /** The reference of a closed case or request, the domain that failed DMARC, or why a mail was refused. */
  reasonDetail: string | null;
  attachmentCount: number;
  authenticated: boolean | null;
}

export interface InboxItem extends InboxItemSummary {
  to: string | null;
  body: string;
  occurredAt: string;
  sizeBytes: number;
  relatedRequestId: string | null;
  relatedCaseId: string | null;
  mailAuthentication: MailAuthentication | null;
  attachments: { id: string; filename: string; contentType: string; sizeBytes: number }[];
}

export interface CaseSummary {
  id: string;
  reference: string;
  title: string;
  kind: string;
  status: string;
}

import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// Dates are ISO 8601 text on both dialects: 'YYYY-MM-DD' for calendar dates, full UTC timestamps
// ('2026-11-25T10:00:00.000Z') for moments. They sort correctly as text and read the same everywhere.

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  last_login_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the session token; the token itself is only ever in the cookie. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface SubjectsTable {
  id: string;
  reference: string;
  first_name: string;
  last_name: string;
  gender: string | null;
  email: string | null;
  phone: string | null;
  language: string;
  created_at: string;
  updated_at: string;
}

export interface SubjectAddressesTable {
  id: string;
  subject_id: string;
  kind: string;
  street: string;
  postal_code: string;
  city: string;
  country: string;
  created_at: string;
}

export interface AgreementsTable {
  id: string;
  subject_id: string;
  kind: string;
  title: string;
  status: string;
  start_date: string | null;
  end_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface InvoicesTable {
  id: string;
  subject_id: string;
  agreement_id: string | null;
  credit_for_id: string | null;
  number: string | null;
  status: string;
  issue_date: string | null;
  completed_on: string | null;
  billing_name: string;
  billing_gender: string | null;
  billing_street: string;
  billing_postal_code: string;
  billing_city: string;
  billing_country: string;
  reference: string | null;
  currency: string;
  total_excl_cents: number;
  vat_cents: number;
  total_incl_cents: number;
  created_at: string;
  updated_at: string;
}

export interface InvoiceLinesTable {
  id: string;
  invoice_id: string;
  position: number;
  description: string;
  quantity: number;
  unit_price_cents: number;
  vat_rate: number;
  amount_cents: number;
}

export interface CasesTable {
  id: string;
  subject_id: string;
  kind: string;
  title: string;
  reference: string;
  status: string;
  opened_at: string;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MessagesTable {
  id: string;
  case_id: string;
  subject_id: string;
  channel: string;
  direction: string;
  occurred_at: string;
  from_address: string | null;
  to_address: string | null;
  title: string | null;
  body: string;
  created_at: string;
}

export interface AttachmentsTable {
  id: string;
  message_id: string;
  subject_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  created_at: string;
}

export interface ConsentsTable {
  id: string;
  subject_id: string;
  purpose: string;
  given_at: string;
  withdrawn_at: string | null;
  method: string;
  evidence: string;
  created_at: string;
}

export interface ProcessingLogTable {
  seq: number;
  at: string;
  actor_kind: string;
  actor_id: string;
  actor_role: string;
  operation: string;
  purpose: string;
  record_type: string;
  /** JSON array of subject ids this operation touched. */
  subject_ids: string;
  /** JSON array of "type:id" references. */
  records: string;
  outcome: string;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface ProcessingLogSubjectsTable {
  subject_id: string;
  log_seq: number;
}

export interface ProcessingLogHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface RecipientsTable {
  id: string;
  name_nl: string;
  name_en: string;
  role: string;
  purpose: string;
  /** JSON array of data categories the recipient may receive. */
  categories: string;
  country: string;
  transfer_mechanism: string | null;
  notice_per_disclosure: number;
  contact_email: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface RecipientHistoryTable {
  id: string;
  recipient_id: string;
  changed_at: string;
  changed_by: string;
  change: string;
  /** JSON of the recipient row after the change. */
  snapshot: string;
}

export interface ProcessorAgreementsTable {
  id: string;
  recipient_id: string;
  signed_on: string;
  expires_on: string | null;
  document_reference: string;
  created_at: string;
  created_by: string;
  superseded_at: string | null;
}

export interface StatementVersionsTable {
  version: number;
  published_at: string;
  published_by: string;
  content_hash: string;
  markdown_nl: string;
  markdown_en: string;
  html_nl: string;
  html_en: string;
  material_change: number;
  change_summary: string | null;
  customer_notice: string;
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
  /** pending | sending (claimed by an instance) | sent | failed (gave up after the last retry) */
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
  message_id: string | null;
  /** The instance sending it while status is 'sending'. */
  claimed_by: string | null;
  claimed_at: string | null;
}

export interface JobLeasesTable {
  name: string;
  holder: string;
  expires_at: string;
}

export interface RightsRequestsTable {
  id: string;
  reference: string;
  /** access | rectification | erasure | restriction | objection | withdraw_consent | question | complaint */
  kind: string;
  /** portal | email | letter */
  channel: string;
  language: string;
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
  status: string;
  verification_method: string | null;
  verified_at: string | null;
  verification_note: string | null;
  decision: string | null;
  decision_ground: string | null;
  decision_motivation: string | null;
  decided_at: string | null;
  decided_by: string | null;
  /** Art. 12(5): what shows a request manifestly unfounded or excessive. */
  decision_evidence: string | null;
  answered_at: string | null;
  /** The answer to a question or complaint, or why the request was withdrawn or found unverifiable. */
  closing_note: string | null;
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
  lift_notice_sent_at: string | null;
}

export interface ObjectionsTable {
  id: string;
  subject_id: string;
  purpose: string;
  request_id: string | null;
  /** pending | upheld | rejected */
  status: string;
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
  /** pending_review | released */
  review_status: string;
  reviewed_by: string | null;
  released_at: string | null;
  downloaded_at: string | null;
}

export interface RecipientNoticesTable {
  id: string;
  request_id: string | null;
  subject_id: string;
  recipient_id: string;
  /** rectification | erasure | restriction */
  kind: string;
  created_at: string;
  outbox_id: string | null;
  /** queued | confirmed | impossible */
  status: string;
  note: string | null;
  resolved_at: string | null;
}

export interface LegalHoldsTable {
  id: string;
  subject_id: string;
  /** With record_id: the one record held; both null: the whole subject. */
  record_type: string | null;
  record_id: string | null;
  reason: string;
  placed_by: string;
  placed_at: string;
  ends_on: string | null;
  review_on: string | null;
  released_at: string | null;
  released_by: string | null;
  release_reason: string | null;
}

export interface ErasureLedgerTable {
  seq: Generated<number>;
  at: string;
  kind: 'erasure' | 'retention';
  record_type: string;
  record_id: string;
  subject_id: string;
  request_id: string | null;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  subjects: SubjectsTable;
  subject_addresses: SubjectAddressesTable;
  agreements: AgreementsTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  cases: CasesTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  consents: ConsentsTable;
  processing_log: ProcessingLogTable;
  processing_log_subjects: ProcessingLogSubjectsTable;
  processing_log_head: ProcessingLogHeadTable;
  recipients: RecipientsTable;
  recipient_history: RecipientHistoryTable;
  processor_agreements: ProcessorAgreementsTable;
  statement_versions: StatementVersionsTable;
  outbox: OutboxTable;
  job_leases: JobLeasesTable;
  rights_requests: RightsRequestsTable;
  verification_challenges: VerificationChallengesTable;
  rate_limits: RateLimitsTable;
  restrictions: RestrictionsTable;
  objections: ObjectionsTable;
  access_packages: AccessPackagesTable;
  recipient_notices: RecipientNoticesTable;
  legal_holds: LegalHoldsTable;
  erasure_ledger: ErasureLedgerTable;
}

export type UserRow = Selectable<UsersTable>;
export type SubjectRow = Selectable<SubjectsTable>;
export type NewSubjectRow = Insertable<SubjectsTable>;
export type SubjectUpdate = Updateable<SubjectsTable>;
export type AddressRow = Selectable<SubjectAddressesTable>;
export type AgreementRow = Selectable<AgreementsTable>;
export type InvoiceRow = Selectable<InvoicesTable>;
export type InvoiceLineRow = Selectable<InvoiceLinesTable>;
export type CaseRow = Selectable<CasesTable>;
export type MessageRow = Selectable<MessagesTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
export type ConsentRow = Selectable<ConsentsTable>;
export type ProcessingLogRow = Selectable<ProcessingLogTable>;
export type RecipientRow = Selectable<RecipientsTable>;
export type RecipientHistoryRow = Selectable<RecipientHistoryTable>;
export type ProcessorAgreementRow = Selectable<ProcessorAgreementsTable>;
export type StatementVersionRow = Selectable<StatementVersionsTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type RightsRequestRow = Selectable<RightsRequestsTable>;
export type VerificationChallengeRow = Selectable<VerificationChallengesTable>;
export type RestrictionRow = Selectable<RestrictionsTable>;
export type ObjectionRow = Selectable<ObjectionsTable>;
export type AccessPackageRow = Selectable<AccessPackagesTable>;
export type RecipientNoticeRow = Selectable<RecipientNoticesTable>;
export type LegalHoldRow = Selectable<LegalHoldsTable>;
export type ErasureLedgerRow = Selectable<ErasureLedgerTable>;

import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  UsersTable,
  SessionsTable,
  RecoveryCodesTable,
  LoginThrottlesTable,
  ApiTokensTable,
  AccountInvitationsTable,
  RemindersSentTable,
} from './tables/accounts.ts';
import type {
  SubjectsTable,
  SubjectAddressesTable,
  AgreementsTable,
  InvoicesTable,
  InvoiceLinesTable,
  InvoicePaymentsTable,
  CasesTable,
  MessagesTable,
  AttachmentsTable,
  ConsentsTable,
} from './tables/records.ts';
import type {
  ProcessingLogTable,
  ProcessingLogSubjectsTable,
  ProcessingLogHeadTable,
  ProcessingLogCheckpointsTable,
} from './tables/processing-log.ts';
import type {
  RecipientsTable,
  RecipientCompaniesTable,
  RecipientHistoryTable,
  ProcessorAgreementsTable,
  StatementVersionsTable,
} from './tables/registers.ts';
import type {
  OutboxTable,
  OutboxAttachmentsTable,
  JobLeasesTable,
  RightsRequestsTable,
  VerificationChallengesTable,
  RateLimitsTable,
  RestrictionsTable,
  ObjectionsTable,
  AccessPackagesTable,
  RecipientNoticesTable,
} from './tables/rights.ts';
import type { LegalHoldsTable, ErasureLedgerTable, OneTimeJobsTable, RetentionBasisTable } from './tables/retention.ts';
import type { DisclosuresTable } from './tables/disclosures.ts';
import type { BreachesTable, BreachEvidenceTable, BreachNotificationsTable } from './tables/breaches.ts';
import type { SelfCheckRunsTable, SelfCheckResultsTable } from './tables/self-checks.ts';
import type { MailboxReadsTable, InboxItemsTable, InboxAttachmentsTable } from './tables/mailbox.ts';
import type { OrganisationsTable, OrganisationAddressesTable, ContactRolesTable } from './tables/organisations.ts';

export type {
  UsersTable,
  SessionsTable,
  RecoveryCodesTable,
  LoginThrottlesTable,
  ApiTokensTable,
  AccountInvitationsTable,
} from './tables/accounts.ts';
export type {
  SubjectsTable,
  SubjectAddressesTable,
  AgreementsTable,
  InvoicesTable,
  InvoiceLinesTable,
  InvoicePaymentsTable,
  CasesTable,
  MessagesTable,
  AttachmentsTable,
  ConsentsTable,
  ScanStatus,
  ScanProblem,
} from './tables/records.ts';
export type {
  ProcessingLogTable,
  ProcessingLogSubjectsTable,
  ProcessingLogHeadTable,
  ProcessingLogCheckpointsTable,
} from './tables/processing-log.ts';
export type {
  RecipientsTable,
  RecipientCompaniesTable,
  RecipientHistoryTable,
  ProcessorAgreementsTable,
  StatementVersionsTable,
} from './tables/registers.ts';
export type {
  OutboxTable,
  OutboxAttachmentsTable,
  JobLeasesTable,
  RightsRequestsTable,
  VerificationChallengesTable,
  RateLimitsTable,
  RestrictionsTable,
  ObjectionsTable,
  AccessPackagesTable,
  RecipientNoticesTable,
  LiftReason,
} from './tables/rights.ts';
export type { LegalHoldsTable, ErasureLedgerTable, OneTimeJobsTable, RetentionBasisTable } from './tables/retention.ts';
export type { DisclosuresTable } from './tables/disclosures.ts';
export type { BreachesTable, BreachEvidenceTable, BreachNotificationsTable } from './tables/breaches.ts';
export type { SelfCheckRunsTable, SelfCheckResultsTable } from './tables/self-checks.ts';
export type {
  MailboxReadsTable,
  InboxItemsTable,
  InboxAttachmentsTable,
  MailOutcome,
  InboxReason,
  MailRefusal,
} from './tables/mailbox.ts';
export type {
  OrganisationsTable,
  OrganisationAddressesTable,
  ContactRolesTable,
  OrganisationKind,
} from './tables/organisations.ts';

// The tables, one file per area in ./tables/. Dates are ISO 8601 text on both dialects: 'YYYY-MM-DD' for
// calendar dates, full UTC timestamps ('2026-11-25T10:00:00.000Z') for moments. They sort correctly as text
// and read the same everywhere.

export interface DB {
  users: UsersTable;
  account_invitations: AccountInvitationsTable;
  reminders_sent: RemindersSentTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
  login_throttles: LoginThrottlesTable;
  api_tokens: ApiTokensTable;
  subjects: SubjectsTable;
  subject_addresses: SubjectAddressesTable;
  agreements: AgreementsTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  invoice_payments: InvoicePaymentsTable;
  cases: CasesTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  consents: ConsentsTable;
  processing_log: ProcessingLogTable;
  processing_log_subjects: ProcessingLogSubjectsTable;
  processing_log_head: ProcessingLogHeadTable;
  processing_log_checkpoints: ProcessingLogCheckpointsTable;
  recipients: RecipientsTable;
  recipient_companies: RecipientCompaniesTable;
  recipient_history: RecipientHistoryTable;
  processor_agreements: ProcessorAgreementsTable;
  statement_versions: StatementVersionsTable;
  outbox: OutboxTable;
  outbox_attachments: OutboxAttachmentsTable;
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
  retention_basis: RetentionBasisTable;
  one_time_jobs: OneTimeJobsTable;
  disclosures: DisclosuresTable;
  breaches: BreachesTable;
  breach_notifications: BreachNotificationsTable;
  breach_evidence: BreachEvidenceTable;
  self_check_runs: SelfCheckRunsTable;
  self_check_results: SelfCheckResultsTable;
  mailbox_reads: MailboxReadsTable;
  inbox_items: InboxItemsTable;
  inbox_attachments: InboxAttachmentsTable;
  organisations: OrganisationsTable;
  organisation_addresses: OrganisationAddressesTable;
  contact_roles: ContactRolesTable;
}

export type UserRow = Selectable<UsersTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
// `reduce_on` is derived, kept by src/retention/retain-until.ts like the records' retention dates below.
// The import's columns (external reference, source) are read by the import and the export only.
export type SubjectRow = Omit<Selectable<SubjectsTable>, 'reduce_on' | 'external_reference' | 'import_source'>;
export type NewSubjectRow = Insertable<SubjectsTable>;
export type SubjectUpdate = Updateable<SubjectsTable>;
export type AddressRow = Selectable<SubjectAddressesTable>;
// The retention dates are derived columns, kept by src/retention/retain-until.ts; the records' own rows leave them out.
type Derived = 'retain_until' | 'retain_rule';
export type AgreementRow = Omit<Selectable<AgreementsTable>, Derived>;
// An imported invoice's source is read by the import, the number series and the export only.
export type InvoiceRow = Omit<Selectable<InvoicesTable>, Derived | 'import_source'>;
export type InvoiceLineRow = Selectable<InvoiceLinesTable>;
export type InvoicePaymentRow = Selectable<InvoicePaymentsTable>;
// A case's organisation (the one the person wrote for) is read by src/organisations/, not by the case's own code.
export type CaseRow = Omit<Selectable<CasesTable>, Derived | 'organisation_id'>;
export type MessageRow = Selectable<MessagesTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
export type ConsentRow = Omit<Selectable<ConsentsTable>, Derived>;
export type ProcessingLogRow = Selectable<ProcessingLogTable>;
export type RecipientRow = Selectable<RecipientsTable>;
export type CompanyRow = Selectable<RecipientCompaniesTable>;
export type RecipientHistoryRow = Selectable<RecipientHistoryTable>;
export type ProcessorAgreementRow = Selectable<ProcessorAgreementsTable>;
export type StatementVersionRow = Selectable<StatementVersionsTable>;
/** A message as everything but delivery reads it: without its sealed secrets. */
export type OutboxRow = Omit<Selectable<OutboxTable>, 'sealed_secrets'>;
export type RightsRequestRow = Selectable<RightsRequestsTable>;
export type VerificationChallengeRow = Selectable<VerificationChallengesTable>;
export type RestrictionRow = Selectable<RestrictionsTable>;
export type ObjectionRow = Selectable<ObjectionsTable>;
export type AccessPackageRow = Selectable<AccessPackagesTable>;
export type RecipientNoticeRow = Selectable<RecipientNoticesTable>;
export type LegalHoldRow = Selectable<LegalHoldsTable>;
export type ErasureLedgerRow = Selectable<ErasureLedgerTable>;
export type DisclosureRow = Selectable<DisclosuresTable>;
export type BreachRow = Selectable<BreachesTable>;
export type BreachNotificationRow = Selectable<BreachNotificationsTable>;
export type BreachEvidenceRow = Selectable<BreachEvidenceTable>;
export type SelfCheckRunRow = Selectable<SelfCheckRunsTable>;
export type SelfCheckResultRow = Selectable<SelfCheckResultsTable>;
export type OrganisationRow = Omit<Selectable<OrganisationsTable>, 'external_reference' | 'import_source'>;
export type OrganisationAddressRow = Selectable<OrganisationAddressesTable>;
export type ContactRoleRow = Selectable<ContactRolesTable>;

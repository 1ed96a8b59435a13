import { AgreementService } from './agreements/agreement.service.ts';
import { BreachService } from './breaches/breach.service.ts';
import { BreachEvidenceService } from './breaches/breach-evidence.service.ts';
import { CaseMailImportService } from './cases/case-mail-import.service.ts';
import { CaseService } from './cases/case.service.ts';
import { ConsentService } from './consents/consent.service.ts';
import { InvoiceService } from './invoices/invoice.service.ts';
import { InvoiceMailService } from './invoices/invoice-mail.service.ts';
import type { InvoicingConfig } from './config/invoicing-config.ts';
import { invoicingSettings } from './invoices/invoicing-settings.ts';
import { PaymentService } from './invoices/payment.service.ts';
import { type AccountServices, createAccountServices } from './accounts/account-services.ts';
import { ReminderService } from './today/reminder.service.ts';
import { StartService } from './today/start.service.ts';
import type { Database } from './db/database.ts';
import { type DisclosureServices, createDisclosureServices } from './disclosures/disclosure-services.ts';
import { behindTheDoor } from './guard/door.ts';
import { Guard } from './guard/guard.ts';
import { type DeliveryOptions, MailDelivery } from './mail/delivery.ts';
import { OutboxService } from './mail/outbox.service.ts';
import { type MailConfig, mailSettings } from './mail/settings.ts';
import { type MailboxOptions, type MailboxServices, createMailboxServices } from './mailbox/mailbox-services.ts';
import { ProcessingLogService } from './guard/processing-log.service.ts';
import type { Policy } from './policy/policy.ts';
import { RecipientService } from './registers/recipient.service.ts';
import { CompanyService } from './registers/company.service.ts';
import { RegisterService } from './registers/register.service.ts';
import { ObjectionService } from './restrictions-objections/objection.service.ts';
import { standingCheck } from './restrictions-objections/standing-check.ts';
import { RestrictionService } from './restrictions-objections/restriction.service.ts';
import { type RightsServices, createRightsServices } from './rights/rights-services.ts';
import { ErasureLedgerService } from './retention/erasure-ledger.ts';
import { LegalHoldService } from './retention/legal-hold.service.ts';
import { retentionFollowUp } from './retention/retain-until.ts';
import { RetentionService } from './retention/sweep.ts';
import { type Clock, systemClock } from './shared/clock.ts';
import { RetentionDueService } from './subjects/retention-due.ts';
import { StatementService } from './statement/statement.service.ts';
import { SubjectService } from './subjects/subject.service.ts';
import { SubjectViewService } from './subjects/subject-view.service.ts';
import { SelfCheckService } from './doctor/self-check.service.ts';
import { StatisticsService } from './statistics/statistics.service.ts';
import { NO_SCANNER, type Scanner } from './scanner/scanner.ts';
import { QuarantineService } from './scanner/quarantine.service.ts';
import { LogRetentionService } from './guard/log-retention.ts';
import { MailRetentionService } from './mail/mail-retention.ts';
import { RequestRetentionService } from './rights/request-retention.ts';
import { type OrganisationServices, createOrganisationServices } from './organisations/organisation-services.ts';
import { recordContacts } from './organisations/record-contacts.ts';
import { IMPORT_BATCH, ImportService } from './import/import.service.ts';
import { ExportService } from './export/export.service.ts';
import { logRefusal } from './guard/capability.ts';
import type { Operation } from './policy/policy.schema.ts';

/** Every service of the app, wired once. Each gets only what it uses. */
export interface Services extends AccountServices {
  database: Database;
  policy: Policy;
  /** Logs, once the request is over, an administration `requireCapability` refused (capability.ts). */
  logRefusal: (error: unknown, operation: Operation) => Promise<void>;
  /** ClamAV's daemon (KLUIS_CLAMD_URL), which every file passes before it is stored; NO_SCANNER without it. */
  scanner: Scanner;
  /** Files kept while the scanner could not check them, scanned again by the `quarantine` job. */
  quarantine: QuarantineService;
  guard: Guard;
  processingLog: ProcessingLogService;
  subjects: SubjectService;
  subjectViews: SubjectViewService;
  agreements: AgreementService;
  invoices: InvoiceService;
  /** Invoices that go out: PDF, UBL, sending by mail, reminders (by staff and on the schedule). */
  invoiceMail: InvoiceMailService;
  /** Payments received on invoices, and the overdue list. */
  payments: PaymentService;
  cases: CaseService;
  /** A mail saved as .eml, imported as a message of a case. */
  caseMailImport: CaseMailImportService;
  consents: ConsentService;
  recipients: RecipientService;
  /** The companies within a recipient category, and their processor agreements. */
  companies: CompanyService;
  registers: RegisterService;
  statement: StatementService;
  /** Sends the outbox over SMTP; the scheduler and `kluis mail send` run it. */
  mailDelivery: MailDelivery;
  outbox: OutboxService;
  /** Requests of data subjects, from intake to answer (Art. 12-22), with the access and portability packages. */
  rights: RightsServices;
  /** Restrictions of processing (Art. 18): listing them, and lifting one after telling the person (Art. 18(3)). */
  restrictions: RestrictionService;
  /** Objections per purpose (Art. 21). */
  objections: ObjectionService;
  /** Legal holds (Art. 17(3)(e)): the dpo keeps a subject or record from erasure and retention. */
  legalHolds: LegalHoldService;
  /** Every deletion by erasure or retention, as opaque ids, for the backup restore. */
  erasureLedger: ErasureLedgerService;
  /** The retention sweep and its forecast (issue 5): deletes what has expired, through the guard. */
  retention: RetentionService;
  /** Whose data the sweep deletes, named, for the dpo's retention page (a logged consultation per page). */
  retentionDue: RetentionDueService;
  /** Disclosures to recipients and legal demands (P7-P9), their release, exports and the Art. 19 notices. */
  disclosures: DisclosureServices;
  /** The breach register (Art. 33(5)) with the 72-hour clock, notifications to the AP and Art. 34 letters. */
  breaches: BreachService;
  /** Files that document a breach, scanned for viruses before they are stored. */
  breachEvidence: BreachEvidenceService;
  /** The self-check of the security measures (BEVEILIGING), run daily and by `kluis doctor`, its runs kept. */
  selfChecks: SelfCheckService;
  /** Aggregated counts per month for the dashboard's plots (requests, deletions): no personal data. */
  statistics: StatisticsService;
  /** The start page of each role: what needs doing today (issue 19, part 4). */
  start: StartService;
  /** Reminders by mail to the people who must act, each sent once; the accounts' choice of them. */
  reminders: ReminderService;
  /** Deletes requests of data subjects after their period (a right: five years after the answer), with what hangs on them (Art. 5(1)(e)). */
  requestRetention: RequestRetentionService;
  /** Removes the text of mail thirty days after it was delivered or given up (Art. 5(1)(e)). */
  mailRetention: MailRetentionService;
  /** Prunes the processing log after its period, from a recorded checkpoint (Art. 5(1)(e)). */
  logRetention: LogRetentionService;
  /** The organisation's mailbox read over IMAP (issue 17): requests and replies by mail, and the triage inbox. */
  mailbox: MailboxServices;
  /** Organisations as customers, their contact persons and records (issue 20). */
  organisations: OrganisationServices;
  /** Import of organisations, persons and contact persons from CSV or vCard (issue 20, part 3). */
  imports: ImportService;
  /** Export of everything held, JSON or CSV (issue 20, part 3). */
  exports: ExportService;
}

export interface ServiceOptions {
  /** SMTP_URL, MAIL_FROM and the mail key; with no SMTP URL, messages wait in the outbox. Tests add delivery options. */
  mail?: MailConfig & { delivery?: DeliveryOptions };
  /** KLUIS_PUBLIC_URL: the address links in mail point to (the verification link of a request). */
  publicUrl?: string | undefined;
  /** The one clock of the guard and every service (sign-ins, deadlines, log entries, retention); tests fix or move it. */
  clock?: Clock;
  /** KLUIS_DISCLOSURE_NOTICE_LEAD_HOURS: the advance notice (P9) goes out at least this long before the data. */
  disclosureNoticeLeadMs?: number | undefined;
  /** KLUIS_RETENTION_BATCH: records the retention sweep deletes per transaction. */
  retentionBatch?: number | undefined;
  /** KLUIS_RESTRICTION_LIFT_NOTICE_DAYS: days between the delivered notice of Art. 18(3) and lifting a restriction. */
  restrictionLiftNoticeDays?: number | undefined;
  /** KLUIS_CLAMD_URL's scanner; none by default (files are stored unscanned, the self-check says so). */
  scanner?: Scanner;
  /** KLUIS_IMAP_*: the mailbox to read; tests add their own DNS records and attachment gate. */
  mailbox?: Omit<MailboxOptions, 'mailFrom'> | undefined;
  /** KLUIS_SELLER_*, KLUIS_PAYMENT_TERM_DAYS, KLUIS_INVOICE_REMINDER_DAYS; the seller from the policy alone by default. */
  invoicing?: InvoicingConfig | undefined;
  /** KLUIS_REMINDER_DEADLINE_DAYS: a request's deadline this many days ahead is reminded of; 7 by default. */
  reminderDeadlineDays?: number | undefined;
}

export function createServices(database: Database, policy: Policy, options: ServiceOptions = {}): Services {
  // Every service reaches the database through the door: personal data only inside a processing (door.ts).
  const db = behindTheDoor(database.db);
  const clock = options.clock ?? systemClock;
  const guard = new Guard(db, policy, [], clock);
  // Art. 18 and Art. 21: restricted data is only stored, an upheld objection ends its purpose.
  guard.addCheck(standingCheck(policy));
  // Every write keeps its subject's retention dates current, in its own transaction (issue 5, point 1).
  guard.addFollowUp(retentionFollowUp(policy));
  const mail = mailSettings(policy, options.mail ?? {});
  const mailDelivery = new MailDelivery(db, mail, { clock, ...options.mail?.delivery });
  const scanner = options.scanner ?? NO_SCANNER;
  const invoicing = invoicingSettings(policy, options.invoicing);
  const breaches = new BreachService(db, guard, { clock });
  const selfChecks = new SelfCheckService(db, policy, mailDelivery, { scanner, clock });
  const payments = new PaymentService(guard, clock);
  const rights = createRightsServices(db, guard, {
    publicUrl: options.publicUrl,
    mailSecrets: mail.secrets,
    clock,
    scanner,
  });
  // The sweep deletes what retention makes due, person by person, logged by Guard.recordDecided (SYSTEM_DOORS).
  const sweepDb = behindTheDoor(database.db, 'retention-sweep');
  const retention = new RetentionService(sweepDb, guard, policy, { batchSize: options.retentionBatch });
  return {
    database,
    policy,
    logRefusal: (error, operation) => logRefusal(db, error, operation, clock),
    guard,
    scanner,
    quarantine: new QuarantineService(db, guard, scanner, clock),
    ...createAccountServices(db, policy, clock, { publicUrl: options.publicUrl, mailSecrets: mail.secrets }),
    processingLog: new ProcessingLogService(db, policy, clock),
    subjects: new SubjectService(guard),
    subjectViews: new SubjectViewService(guard),
    organisations: createOrganisationServices(guard),
    imports: new ImportService(guard, { clock, batch: IMPORT_BATCH[database.dialect] }),
    exports: new ExportService(guard),
    agreements: new AgreementService(guard, recordContacts),
    invoices: new InvoiceService(guard, recordContacts, clock, invoicing),
    invoiceMail: new InvoiceMailService(db, guard, invoicing, clock),
    payments,
    cases: new CaseService(guard, scanner, clock),
    caseMailImport: new CaseMailImportService(guard, mail.from.address, scanner, clock),
    consents: new ConsentService(guard),
    recipients: new RecipientService(db, policy, clock),
    companies: new CompanyService(db, policy, clock),
    registers: new RegisterService(db, policy, clock),
    statement: new StatementService(db, policy, clock),
    mailDelivery,
    outbox: new OutboxService(db, guard, policy, mailDelivery),
    rights,
    restrictions: new RestrictionService(db, guard, {
      liftNoticeDays: options.restrictionLiftNoticeDays,
      clock,
    }),
    objections: new ObjectionService(guard),
    legalHolds: new LegalHoldService(guard, policy),
    erasureLedger: new ErasureLedgerService(db, policy),
    retention,
    retentionDue: new RetentionDueService(db, guard, retention),
    disclosures: createDisclosureServices(db, guard, policy, { noticeLeadMs: options.disclosureNoticeLeadMs }),
    breaches,
    breachEvidence: new BreachEvidenceService(db, policy, scanner, clock),
    selfChecks,
    start: new StartService(db, guard, { requests: rights.requests, breaches, selfChecks, payments }),
    reminders: new ReminderService(db, policy, breaches, {
      publicUrl: options.publicUrl,
      deadlineDays: options.reminderDeadlineDays,
      clock,
    }),
    statistics: new StatisticsService(db, policy, clock),
    requestRetention: new RequestRetentionService(db, guard, policy, { clock }),
    mailRetention: new MailRetentionService(db, guard, { clock }),
    logRetention: new LogRetentionService(db, policy, { clock }),
    mailbox: createMailboxServices(db, guard, rights.intake, { ...options.mailbox, mailFrom: mail.from.address }),
  };
}

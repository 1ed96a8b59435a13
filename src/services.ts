import { AgreementService } from './agreements/agreement.service.ts';
import { CaseService } from './cases/case.service.ts';
import { ConsentService } from './consents/consent.service.ts';
import { InvoiceService } from './invoices/invoice.service.ts';
import { SessionService } from './accounts/session.service.ts';
import { UserService } from './accounts/user.service.ts';
import type { Database } from './db/database.ts';
import { Guard } from './guard/guard.ts';
import { type DeliveryOptions, MailDelivery } from './mail/delivery.ts';
import { OutboxService } from './mail/outbox.service.ts';
import { type MailConfig, mailSettings } from './mail/settings.ts';
import { ProcessingLogService } from './guard/processing-log.service.ts';
import type { Policy } from './policy/policy.ts';
import { RecipientService } from './registers/recipient.service.ts';
import { RegisterService } from './registers/register.service.ts';
import type { RightExecutors } from './rights/execution.ts';
import { type RightsExecutionServices, createRightsExecutionServices } from './rights/execution/execution-services.ts';
import { createExecutors } from './rights/execution/index.ts';
import { objectionCheck } from './guard/checks/objection-check.ts';
import { restrictionCheck } from './guard/checks/restriction-check.ts';
import { type RightsServices, createRightsServices } from './rights/rights-services.ts';
import { ErasureLedgerService } from './retention/erasure-ledger.ts';
import { LegalHoldService } from './retention/legal-hold.service.ts';
import { RetentionService } from './retention/sweep.ts';
import { StatementService } from './statement/statement.service.ts';
import { SubjectService } from './subjects/subject.service.ts';
import { SubjectViewService } from './subjects/subject-view.service.ts';

/** Every service of the app, wired once. Each gets only what it uses. */
export interface Services {
  database: Database;
  policy: Policy;
  guard: Guard;
  users: UserService;
  sessions: SessionService;
  processingLog: ProcessingLogService;
  subjects: SubjectService;
  subjectViews: SubjectViewService;
  agreements: AgreementService;
  invoices: InvoiceService;
  cases: CaseService;
  consents: ConsentService;
  recipients: RecipientService;
  registers: RegisterService;
  statement: StatementService;
  /** Sends the outbox over SMTP; the scheduler and `kluis mail send` run it. */
  mailDelivery: MailDelivery;
  outbox: OutboxService;
  /** Requests of data subjects, from intake to answer (Art. 12-22). */
  rights: RightsServices;
  /** Carried-out rights after the decision: the access package's release and download, lifting restrictions. */
  rightsExecution: RightsExecutionServices;
  /** Legal holds (Art. 17(3)(e)): the dpo keeps a subject or record from erasure and retention. */
  legalHolds: LegalHoldService;
  /** Every deletion by erasure or retention, as opaque ids, for the backup restore. */
  erasureLedger: ErasureLedgerService;
  /** The retention sweep and its forecast (issue 5): deletes what has expired, through the guard. */
  retention: RetentionService;
}

export interface ServiceOptions {
  /** SMTP_URL and MAIL_FROM; with no SMTP URL, messages wait in the outbox. Tests add delivery options. */
  mail?: MailConfig & { delivery?: DeliveryOptions };
  /** KLUIS_PUBLIC_URL: the address links in mail point to (the verification link of a request). */
  publicUrl?: string | undefined;
}

export function createServices(database: Database, policy: Policy, options: ServiceOptions = {}): Services {
  const { db } = database;
  const guard = new Guard(db, policy);
  // Art. 18 and Art. 21: restricted data is only stored, an upheld objection ends its purpose.
  guard.addCheck(restrictionCheck(policy));
  guard.addCheck(objectionCheck(policy));
  const mailDelivery = new MailDelivery(db, mailSettings(policy, options.mail ?? {}), options.mail?.delivery);
  // Who carries out each right once decided (src/rights/execution/); a kind without one is only recorded.
  const rightExecutors: RightExecutors = createExecutors({ guard, policy });
  return {
    database,
    policy,
    guard,
    users: new UserService(db, policy),
    sessions: new SessionService(db),
    processingLog: new ProcessingLogService(db, policy),
    subjects: new SubjectService(guard),
    subjectViews: new SubjectViewService(guard),
    agreements: new AgreementService(guard),
    invoices: new InvoiceService(guard),
    cases: new CaseService(guard),
    consents: new ConsentService(guard),
    recipients: new RecipientService(db, policy),
    registers: new RegisterService(db, policy),
    statement: new StatementService(db, policy),
    mailDelivery,
    outbox: new OutboxService(db, guard, policy, mailDelivery),
    rights: createRightsServices(db, guard, rightExecutors, { publicUrl: options.publicUrl }),
    rightsExecution: createRightsExecutionServices(db, guard, { publicUrl: options.publicUrl }),
    legalHolds: new LegalHoldService(guard, policy),
    erasureLedger: new ErasureLedgerService(db, policy),
    retention: new RetentionService(db, guard, policy),
  };
}

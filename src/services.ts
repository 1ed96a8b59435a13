import { AgreementService } from './agreements/agreement.service.ts';
import { CaseService } from './cases/case.service.ts';
import { ConsentService } from './consents/consent.service.ts';
import { InvoiceService } from './invoices/invoice.service.ts';
import { SessionService } from './accounts/session.service.ts';
import { UserService } from './accounts/user.service.ts';
import type { Database } from './db/database.ts';
import { Guard } from './guard/guard.ts';
import { ProcessingLogService } from './guard/processing-log.service.ts';
import type { Policy } from './policy/policy.ts';
import { RecipientService } from './registers/recipient.service.ts';
import { RegisterService } from './registers/register.service.ts';
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
}

export function createServices(database: Database, policy: Policy): Services {
  const { db } = database;
  const guard = new Guard(db, policy);
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
  };
}

import * as agreements from '../../agreements/agreement.repository.ts';
import * as cases from '../../cases/case.repository.ts';
import type { AttachmentSummaryRow } from '../../cases/case.repository.ts';
import * as consents from '../../consents/consent.repository.ts';
import type {
  AddressRow,
  AgreementRow,
  CaseRow,
  ConsentRow,
  InvoiceLineRow,
  InvoicePaymentRow,
  InvoiceRow,
  MessageRow,
  ObjectionRow,
  RecipientNoticeRow,
  RestrictionRow,
  SubjectRow,
} from '../../db/types.ts';
import * as invoices from '../../invoices/invoice.repository.ts';
import * as payments from '../../invoices/payment.repository.ts';
import { type SubjectRoleRow, listRolesOfSubject } from '../../organisations/organisation.repository.ts';
import * as subjects from '../../subjects/subject.repository.ts';
import * as rights from '../../restrictions-objections/restriction-objection.repository.ts';
import * as notices from '../../disclosures/recipient-notice.repository.ts';
import type { Executor } from '../../db/executor.ts';
import * as organisationRecords from '../../organisations/organisation-records.repository.ts';
import { ownedOnlyBy } from '../../retention/owned-organisations.ts';

/** Everything Kluis holds about one person, as rows. */
export interface SubjectRecords {
  subject: SubjectRow;
  addresses: AddressRow[];
  agreements: AgreementRow[];
  invoices: InvoiceRow[];
  invoiceLines: InvoiceLineRow[];
  /** The payments received on the person's own invoices. */
  payments: InvoicePaymentRow[];
  cases: CaseRow[];
  messages: MessageRow[];
  attachments: AttachmentSummaryRow[];
  consents: ConsentRow[];
  restrictions: RestrictionRow[];
  objections: ObjectionRow[];
  recipientNotices: RecipientNoticeRow[];
  /** The organisations the person is a contact person of, with the role (issue 20). */
  contactRoles: SubjectRoleRow[];
}

/**
 * Reads all records of a subject; undefined when there is no such subject. Each query is indexed by
 * subject_id, so this costs in proportion to the person's data, never to the size of the database.
 */
export async function loadSubjectRecords(db: Executor, subjectId: string): Promise<SubjectRecords | undefined> {
  const subject = await subjects.getById(db, subjectId);
  if (subject === undefined) return undefined;
  const [
    addresses,
    agreementRows,
    invoiceRows,
    invoiceLines,
    paymentRows,
    caseRows,
    messages,
    attachments,
    consentRows,
    restrictions,
    objections,
    recipientNotices,
    contactRoles,
  ] = await Promise.all([
    subjects.listAddresses(db, subjectId),
    agreements.listBySubject(db, subjectId),
    invoices.listBySubject(db, subjectId),
    invoices.listLinesBySubject(db, subjectId),
    payments.listBySubject(db, subjectId),
    cases.listBySubject(db, subjectId),
    cases.listMessagesBySubject(db, subjectId),
    cases.listAttachmentsBySubject(db, subjectId),
    consents.listBySubject(db, subjectId),
    rights.listRestrictions(db, subjectId),
    rights.listObjections(db, subjectId),
    notices.listNotices(db, subjectId),
    listRolesOfSubject(db, subjectId),
  ]);
  return {
    subject,
    addresses,
    agreements: agreementRows,
    invoices: invoiceRows,
    invoiceLines,
    payments: paymentRows,
    cases: caseRows,
    messages,
    attachments,
    consents: consentRows,
    restrictions,
    objections,
    recipientNotices,
    contactRoles,
  };
}

/**
 * The agreements and invoices of the sole traders and partnerships the person alone owns: their personal data,
 * which an erasure reaches as it reaches the person's own records (docs/organisations.md, Retention).
 */
export async function ownedBusinessRecords(
  db: Executor,
  subjectId: string,
): Promise<{ organisations: string[]; agreements: AgreementRow[]; invoices: InvoiceRow[] }> {
  const organisations = [...(await ownedOnlyBy(db, [subjectId])).keys()];
  const agreements: AgreementRow[] = [];
  const invoices: InvoiceRow[] = [];
  for (const id of organisations) {
    agreements.push(...(await organisationRecords.listAgreements(db, id)));
    invoices.push(...(await organisationRecords.listInvoices(db, id)));
  }
  return { organisations, agreements, invoices };
}

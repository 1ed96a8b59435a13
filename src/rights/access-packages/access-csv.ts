import { csvField } from '../../shared/csv.ts';
import { AGREEMENT_COLUMNS } from '../../agreements/agreement.repository.ts';
import { ATTACHMENT_SUMMARY_COLUMNS, CASE_COLUMNS, MESSAGE_COLUMNS } from '../../cases/case.repository.ts';
import { CONSENT_COLUMNS } from '../../consents/consent.repository.ts';
import { INVOICE_COLUMNS, LINE_COLUMNS } from '../../invoices/invoice.repository.ts';
import type { DisclosureLine } from '../../disclosures/disclosure-log.ts';
import type { OwnLogEntry } from './access-data.repository.ts';
import { ownRecords, ownReferences } from './access-data.ts';
import { NOTICE_COLUMNS } from '../../disclosures/recipient-notice.repository.ts';
import { OBJECTION_COLUMNS, RESTRICTION_COLUMNS } from '../../restrictions-objections/restriction-objection.repository.ts';
import type { SubjectRecords } from '../executors/subject-records.ts';

type Row = Record<string, unknown>;

function cell(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return '';
}

/** One CSV (RFC 4180, formula-safe cells) with the columns as its header. */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const lines = [columns.map(csvField).join(','), ...rows.map((row) => columns.map((c) => csvField(cell(row[c]))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

const SUBJECT_CSV_COLUMNS = [
  'id',
  'reference',
  'first_name',
  'last_name',
  'gender',
  'email',
  'phone',
  'language',
  'source',
  'source_organisation',
  'created_at',
  'updated_at',
] as const;
const ADDRESS_CSV_COLUMNS = ['id', 'kind', 'street', 'postal_code', 'city', 'country', 'created_at'] as const;
const LOG_CSV_COLUMNS = [
  'seq',
  'at',
  'actor_kind',
  'actor_role',
  'operation',
  'purpose',
  'record_type',
  'records',
  'outcome',
  'reason',
] as const;

/** One CSV file per record type (Art. 20: a structured, commonly used, machine-readable format). */
export function accessCsvFiles(r: SubjectRecords, log: OwnLogEntry[], disclosures: DisclosureLine[]): Record<string, string> {
  const own = ownReferences(r);
  return {
    'csv/subject.csv': toCsv(SUBJECT_CSV_COLUMNS, [r.subject]),
    'csv/addresses.csv': toCsv(ADDRESS_CSV_COLUMNS, r.addresses),
    'csv/agreements.csv': toCsv(AGREEMENT_COLUMNS, r.agreements),
    'csv/invoices.csv': toCsv(INVOICE_COLUMNS, r.invoices),
    'csv/invoice-lines.csv': toCsv(LINE_COLUMNS, r.invoiceLines),
    'csv/payments.csv': toCsv(['id', 'invoice_id', 'paid_on', 'amount_cents', 'reference', 'created_at'], r.payments),
    'csv/cases.csv': toCsv(CASE_COLUMNS, r.cases),
    'csv/messages.csv': toCsv(MESSAGE_COLUMNS, r.messages),
    'csv/attachments.csv': toCsv(ATTACHMENT_SUMMARY_COLUMNS, r.attachments),
    'csv/consents.csv': toCsv(CONSENT_COLUMNS, r.consents),
    'csv/restrictions.csv': toCsv(RESTRICTION_COLUMNS, r.restrictions),
    'csv/objections.csv': toCsv(OBJECTION_COLUMNS, r.objections),
    'csv/recipient-notices.csv': toCsv(NOTICE_COLUMNS, r.recipientNotices),
    'csv/contact-roles.csv': toCsv(
      ['organisation_id', 'reference', 'name', 'kind', 'kvk_number', 'role', 'owner', 'created_at'],
      r.contactRoles,
    ),
    'csv/disclosures.csv': toCsv(
      [
        'id',
        'kind',
        'recipient_id',
        'recipient',
        'company_kvk_number',
        'company_country',
        'disclosed_at',
        'categories',
        'purpose',
        'legal_ground',
      ],
      disclosures.map((d) => ({
        id: d.id,
        kind: d.kind,
        recipient_id: d.recipient.id,
        // The company by its legal name where the register names it (Art. 15(1)(c): the actual recipient).
        recipient: d.recipient.name.en,
        company_kvk_number: d.recipient.company?.kvkNumber ?? null,
        company_country: d.recipient.company?.country ?? null,
        disclosed_at: d.disclosedAt,
        categories: d.categories.join(' '),
        purpose: d.purpose,
        legal_ground: d.legalGround,
      })),
    ),
    'csv/processing-log.csv': toCsv(
      LOG_CSV_COLUMNS,
      log.map((e) => ({ ...e, records: ownRecords(e.records, own).join(' ') })),
    ),
  };
}

import { AGREEMENT_COLUMNS } from '../agreements/agreement.repository.ts';
import { MESSAGE_COLUMNS } from '../cases/case.repository.ts';
import { CONSENT_COLUMNS } from '../consents/consent.repository.ts';
import type { DB } from '../db/types.ts';
import { LINE_COLUMNS } from '../invoices/invoice.repository.ts';
import { PAYMENT_COLUMNS } from '../invoices/payment.repository.ts';

/** One record type of the export: its table and the columns it carries, by name (never `select *`). */
export interface ExportTable {
  /** The file's name without extension: `subjects.csv`, and the key in `data.json`. */
  name: string;
  table: keyof DB;
  columns: readonly string[];
}

const ADDRESS = ['id', 'kind', 'street', 'postal_code', 'city', 'country', 'created_at'];
const RETENTION = ['retain_until', 'retain_rule'];

/**
 * Everything the business holds about its customers, per record type, for its own use or a move to another system.
 * Attachments are listed without their content (a file of files belongs in a backup, not in a spreadsheet). A table
 * whose repository reads what the export carries takes the repository's column list; the others list their own,
 * as the export carries more (the import's references, a case's organisation) or less (no billing gender, no
 * checksum or scan details of a file) or another order than any page reads.
 */
export const EXPORT_TABLES: readonly ExportTable[] = [
  {
    name: 'organisations',
    table: 'organisations',
    columns: [
      'id',
      'reference',
      'name',
      'kind',
      'kvk_number',
      'vat_number',
      'email',
      'phone',
      'external_reference',
      'import_source',
      'created_at',
      'updated_at',
    ],
  },
  { name: 'organisation-addresses', table: 'organisation_addresses', columns: ['organisation_id', ...ADDRESS] },
  { name: 'contact-roles', table: 'contact_roles', columns: ['organisation_id', 'subject_id', 'role', 'owner', 'created_at'] },
  {
    name: 'subjects',
    table: 'subjects',
    columns: [
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
      'external_reference',
      'import_source',
      'created_at',
      'updated_at',
    ],
  },
  { name: 'subject-addresses', table: 'subject_addresses', columns: ['subject_id', ...ADDRESS] },
  { name: 'agreements', table: 'agreements', columns: [...AGREEMENT_COLUMNS, ...RETENTION] },
  {
    name: 'invoices',
    table: 'invoices',
    columns: [
      'id',
      'subject_id',
      'organisation_id',
      'contact_id',
      'agreement_id',
      'credit_for_id',
      'number',
      'status',
      'issue_date',
      'completed_on',
      'billing_name',
      'billing_street',
      'billing_postal_code',
      'billing_city',
      'billing_country',
      'reference',
      'currency',
      'total_excl_cents',
      'vat_cents',
      'total_incl_cents',
      'created_at',
      'import_source',
    ],
  },
  { name: 'invoice-lines', table: 'invoice_lines', columns: LINE_COLUMNS },
  { name: 'payments', table: 'invoice_payments', columns: PAYMENT_COLUMNS },
  { name: 'consents', table: 'consents', columns: [...CONSENT_COLUMNS, ...RETENTION] },
  {
    name: 'cases',
    table: 'cases',
    columns: [
      'id',
      'subject_id',
      'organisation_id',
      'kind',
      'title',
      'reference',
      'status',
      'opened_at',
      'closed_at',
      'created_at',
      'updated_at',
      ...RETENTION,
    ],
  },
  { name: 'messages', table: 'messages', columns: MESSAGE_COLUMNS },
  {
    name: 'attachments',
    table: 'attachments',
    columns: ['id', 'message_id', 'subject_id', 'filename', 'content_type', 'size_bytes', 'scan_status', 'created_at'],
  },
];

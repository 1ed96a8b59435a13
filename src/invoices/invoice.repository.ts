import type { Kysely, Transaction } from 'kysely';
import type { DB, InvoiceLineRow, InvoiceRow } from '../db/types.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export const INVOICE_COLUMNS = [
  'id', 'subject_id', 'agreement_id', 'credit_for_id', 'number', 'status', 'issue_date', 'completed_on',
  'billing_name', 'billing_gender', 'billing_street', 'billing_postal_code', 'billing_city', 'billing_country',
  'reference', 'currency', 'total_excl_cents', 'vat_cents', 'total_incl_cents', 'created_at', 'updated_at',
] as const;
export const LINE_COLUMNS = ['id', 'invoice_id', 'position', 'description', 'quantity', 'unit_price_cents', 'vat_rate', 'amount_cents'] as const;

export const listBySubject = (db: Executor, subjectId: string): Promise<InvoiceRow[]> =>
  db.selectFrom('invoices').select(INVOICE_COLUMNS).where('subject_id', '=', subjectId).orderBy('created_at').orderBy('id').execute();

/** The lines of several invoices in one query, in order. */
export async function listLines(db: Executor, invoiceIds: string[]): Promise<InvoiceLineRow[]> {
  if (invoiceIds.length === 0) return [];
  return db.selectFrom('invoice_lines').select(LINE_COLUMNS).where('invoice_id', 'in', invoiceIds).orderBy('invoice_id').orderBy('position').execute();
}

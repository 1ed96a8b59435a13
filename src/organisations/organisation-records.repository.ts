import { AGREEMENT_COLUMNS } from '../agreements/agreement.repository.ts';
import type { AgreementRow, InvoiceLineRow, InvoiceRow } from '../db/types.ts';
import { INVOICE_COLUMNS, LINE_COLUMNS } from '../invoices/invoice.repository.ts';
import type { Executor } from '../db/executor.ts';

// The records that belong to an organisation (subject_id null) or, for cases, name it.

export const listAgreements = (db: Executor, organisationId: string): Promise<AgreementRow[]> =>
  db
    .selectFrom('agreements')
    .select(AGREEMENT_COLUMNS)
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const listInvoices = (db: Executor, organisationId: string): Promise<InvoiceRow[]> =>
  db
    .selectFrom('invoices')
    .select(INVOICE_COLUMNS)
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const listInvoiceLines = (db: Executor, organisationId: string): Promise<InvoiceLineRow[]> =>
  db
    .selectFrom('invoice_lines')
    .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
    .select(LINE_COLUMNS.map((c) => `invoice_lines.${c}` as const))
    .where('invoices.organisation_id', '=', organisationId)
    .orderBy('invoice_lines.invoice_id')
    .orderBy('invoice_lines.position')
    .execute();

export const listCases = (db: Executor, organisationId: string) =>
  db
    .selectFrom('cases')
    .select(['id', 'subject_id', 'kind', 'title', 'reference', 'status', 'opened_at', 'closed_at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('opened_at')
    .orderBy('id')
    .execute();

/** Marks a case as written for the organisation (the person is its contact). */
export async function linkCase(db: Executor, caseId: string, organisationId: string): Promise<void> {
  await db.updateTable('cases').set({ organisation_id: organisationId }).where('id', '=', caseId).execute();
}

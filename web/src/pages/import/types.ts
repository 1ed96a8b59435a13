import type { ImportKind, RowProblem } from '../../../../src/import/import-kinds.ts';

// The shapes the import page reads (src/import/import.schema.ts; restated where the server's are zod schemas).

export type { ImportKind, RowProblem };

export const IMPORT_KINDS: ImportKind[] = ['organisations', 'persons', 'contacts', 'invoices'];

export interface ImportRow {
  row: number;
  reference: string;
  values: Record<string, string>;
  action: 'create' | 'unchanged' | 'bad';
  problems: RowProblem[];
  /**
   * Of an invoice's line that could be read: its invoice date, the day it was paid (when the file says), and its
   * amount and VAT as Kluis computes them.
   */
  line?: { invoiceDate: string; paidOn?: string; amountCents: number; vatCents: number };
}

export interface ImportResult {
  kind: ImportKind;
  filename: string;
  source: string;
  encoding: 'utf-8' | 'windows-1252';
  separator: ',' | ';' | '\t';
  dryRun: boolean;
  imported: boolean;
  counts: { rows: number; create: number; unchanged: number; bad: number };
  created: number;
  ignoredColumns: string[];
  fileProblems: RowProblem[];
  rows: ImportRow[];
}

/** The columns of each kind as the server reads them (src/import/import-kinds.ts), required ones first. */
export const COLUMNS: Record<ImportKind, { required: string[]; optional: string[] }> = {
  organisations: {
    required: ['reference', 'name', 'kind'],
    optional: ['kvk_number', 'vat_number', 'email', 'phone', 'street', 'postal_code', 'city', 'country'],
  },
  persons: {
    required: ['reference', 'first_name', 'last_name'],
    optional: ['email', 'phone', 'language', 'street', 'postal_code', 'city', 'country'],
  },
  contacts: {
    required: ['reference', 'organisation', 'first_name', 'last_name', 'role'],
    optional: ['email', 'phone', 'owner'],
  },
  invoices: {
    required: ['number', 'invoice_date', 'customer', 'description', 'quantity', 'unit_price', 'vat_rate'],
    optional: ['supply_date', 'paid_on'],
  },
};

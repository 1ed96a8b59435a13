import { computeTotals } from '../invoices/invoice-totals.ts';
import type { ReadTable } from './csv-file.ts';
import {
  type ImportKind,
  type InvoiceRowInput,
  type RowProblem,
  ROW_SCHEMAS,
  columnOf,
  referenceColumn,
  rowInput,
} from './import-kinds.ts';
import { COLUMNS, mapHeader } from './import-columns.ts';

/** What the import does with a row: creates it, leaves it (imported before: same reference), or cannot (problems). */
export type RowAction = 'create' | 'unchanged' | 'bad';

export interface PlannedRow {
  /** The line of the file the row starts on (the header is line 1), as a spreadsheet numbers it. */
  row: number;
  /** The row's external reference; for an invoice's line, the invoice's number. */
  reference: string;
  /** The row's cells by column name, as read. */
  values: Record<string, string>;
  action: RowAction;
  problems: RowProblem[];
  /** The row as its schema parsed it, when it has no problems. */
  input?: unknown;
  /**
   * Of an invoice's line, as read: its invoice date (YYYY-MM-DD), the day the invoice was paid when the file says,
   * and its amount and VAT as Kluis computes them.
   */
  line?: { invoiceDate: string; paidOn?: string; amountCents: number; vatCents: number };
}

export interface FilePlan {
  rows: PlannedRow[];
  /** Problems of the file as a whole (a required column missing): no row can be imported. */
  fileProblems: RowProblem[];
  /** Header cells that are no column of this kind: read past, said in the answer. */
  ignoredColumns: string[];
}

/**
 * Checks every row of the file on its own: the columns it needs, each value against the schema the API uses, and
 * each external reference once. What needs the database (imported before, an organisation that exists) comes after.
 */
export function planFile(kind: ImportKind, table: ReadTable): FilePlan {
  const { mapped, missing, ignored } = mapHeader(kind, table.header);
  const fileProblems: RowProblem[] = missing.map((column) => ({
    row: 1,
    column,
    code: 'column_missing',
    message: `the file has no column ${column}`,
  }));
  const seen = new Map<string, number>();
  const rows = table.rows.map(({ line, cells }): PlannedRow => {
    const values: Record<string, string> = {};
    mapped.forEach((column, i) => {
      if (column !== undefined) values[column] = (cells[i] ?? '').trim();
    });
    const problems: RowProblem[] = [];
    for (const c of COLUMNS[kind]) {
      if (c.required === true && !missing.includes(c.name) && (values[c.name] ?? '') === '')
        problems.push({ row: line, column: c.name, code: 'missing', message: 'is empty' });
    }
    const parsed = ROW_SCHEMAS[kind].safeParse(rowInput(kind, values));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = columnOf(kind, issue.path);
        if (!problems.some((p) => p.column === column))
          problems.push({ row: line, column, code: 'invalid', message: issue.message });
      }
    }
    if (parsed.success && kind === 'invoices') problems.push(...paymentProblems(line, parsed.data as InvoiceRowInput));
    const reference = values[referenceColumn(kind)] ?? '';
    const first = seen.get(reference);
    // The lines of one invoice share its number; any other record is in the file once.
    if (kind !== 'invoices' && reference !== '' && first !== undefined)
      problems.push({ row: line, column: 'reference', code: 'duplicate', message: `also on line ${first}` });
    else if (first === undefined) seen.set(reference, line);
    return {
      row: line,
      reference,
      values,
      action: problems.length > 0 || fileProblems.length > 0 ? 'bad' : 'create',
      problems,
      ...(parsed.success && problems.length === 0 ? { input: parsed.data } : {}),
      ...(parsed.success && kind === 'invoices' ? { line: lineRead(parsed.data as InvoiceRowInput) } : {}),
    };
  });
  if (kind === 'invoices') {
    checkInvoicesWhole(rows);
    spreadOverInvoices(rows);
  }
  return { rows, fileProblems, ignoredColumns: ignored };
}

/** An invoice's line as the preview shows it: the amounts computed as Kluis computes an invoice's (invoice-totals.ts). */
function lineRead(input: InvoiceRowInput): PlannedRow['line'] {
  const [computed] = computeTotals([input.line]).lines;
  return {
    invoiceDate: input.invoiceDate,
    ...(input.paidOn === undefined ? {} : { paidOn: input.paidOn }),
    amountCents: computed?.amountCents ?? 0,
    vatCents: computed?.vatCents ?? 0,
  };
}

/**
 * An invoice is paid after it is issued: a payment date before the invoice's is a mistake in the file (day and
 * month swapped, the wrong column). One after today is checked where today is known, as the invoice date is
 * (resolveInvoices in import-invoices.ts).
 */
function paymentProblems(row: number, input: InvoiceRowInput): RowProblem[] {
  if (input.paidOn === undefined || input.paidOn >= input.invoiceDate) return [];
  return [{ row, column: 'paid_on', code: 'paid_before_invoice', message: 'is before the invoice date' }];
}

/** The lines of each invoice, by number, in the file's order. */
export function invoicesOf(rows: PlannedRow[]): Map<string, PlannedRow[]> {
  const byNumber = new Map<string, PlannedRow[]>();
  for (const r of rows) {
    if (r.reference === '') continue;
    const lines = byNumber.get(r.reference) ?? [];
    lines.push(r);
    byNumber.set(r.reference, lines);
  }
  return byNumber;
}

const bad = (r: PlannedRow, problem: Omit<RowProblem, 'row'>) => {
  r.problems.push({ row: r.row, ...problem });
  r.action = 'bad';
  delete r.input;
};

// What is the invoice's, not the line's: every line of it says the same, or the line is a problem. The payment date
// too: the import records one payment of the whole invoice (import-invoices.ts).
const WHOLE = ['invoice_date', 'supply_date', 'customer', 'paid_on'] as const;

function checkInvoicesWhole(rows: PlannedRow[]): void {
  for (const lines of invoicesOf(rows).values()) {
    const [first, ...others] = lines;
    if (first === undefined) continue;
    for (const r of others) {
      for (const column of WHOLE) {
        if ((r.values[column] ?? '') !== (first.values[column] ?? '') && !r.problems.some((p) => p.column === column))
          bad(r, { column, code: 'invoice_differs', message: `differs from line ${first.row} of the same invoice` });
      }
    }
  }
}

/**
 * An invoice is imported whole or not at all: with skipped bad rows, an invoice with a bad line would be kept
 * without it, other amounts than were invoiced. Every other line of such an invoice is a problem too.
 */
export function spreadOverInvoices(rows: PlannedRow[]): void {
  for (const lines of invoicesOf(rows).values()) {
    const firstBad = lines.find((r) => r.action === 'bad');
    if (firstBad === undefined) continue;
    for (const r of lines) {
      if (r.action !== 'bad')
        bad(r, { column: 'number', code: 'invoice_incomplete', message: `line ${firstBad.row} of this invoice has a problem` });
    }
  }
}

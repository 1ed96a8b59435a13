import type { InvoiceLineRow, InvoiceRow } from '../db/types.ts';
import { csvField } from '../shared/csv.ts';

/** An amount in cents as a decimal with two places and a minus for a credit: 1234 → 12.34, -500 → -5.00. */
export function decimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The VAT rates of the Netherlands (Wet OB 1968) that get their own columns: taxable base and VAT each. */
const RATES = [21, 9, 0] as const;

/** An issued invoice with its lines and, for a credit invoice, the number of the invoice it credits. */
export interface FiscalInvoice {
  invoice: InvoiceRow;
  lines: InvoiceLineRow[];
  creditFor: string | null;
}

type Cell = { text: string } | { amount: number };

interface Column {
  name: string;
  /** The data category the column discloses; only the categories the recipient is registered for are written. */
  category: string;
  value: (f: FiscalInvoice) => Cell;
}

const text = (value: string | null): Cell => ({ text: value ?? '' });

/** The VAT of one line in cents, rounded half away from zero exactly as invoice-totals.ts computed it. */
export function lineVat(amountCents: number, rate: number): number {
  const magnitude = Math.abs(amountCents) * rate;
  return Math.sign(amountCents) * Math.floor((magnitude * 2 + 100) / 200);
}

const byRate = (f: FiscalInvoice, rate: number, field: 'base' | 'vat'): number => {
  const lines = f.lines.filter((l) => l.vat_rate === rate);
  const base = lines.reduce((sum, l) => sum + Number(l.amount_cents), 0);
  const vat = lines.reduce((sum, l) => sum + lineVat(Number(l.amount_cents), rate), 0);
  return field === 'base' ? base : vat;
};

const COLUMNS: Column[] = [
  { name: 'number', category: 'user.financial.invoice', value: (f) => text(f.invoice.number) },
  {
    name: 'type',
    category: 'user.financial.invoice',
    value: (f) => text(f.invoice.credit_for_id === null ? 'invoice' : 'credit_note'),
  },
  { name: 'credit_for', category: 'user.financial.invoice', value: (f) => text(f.creditFor) },
  { name: 'issue_date', category: 'user.financial.invoice', value: (f) => text(f.invoice.issue_date) },
  { name: 'completed_on', category: 'user.financial.invoice', value: (f) => text(f.invoice.completed_on) },
  { name: 'customer_reference', category: 'user.account.reference', value: (f) => text(f.invoice.reference) },
  { name: 'billing_name', category: 'user.name', value: (f) => text(f.invoice.billing_name) },
  { name: 'billing_gender', category: 'user.gender', value: (f) => text(f.invoice.billing_gender) },
  { name: 'billing_street', category: 'user.contact.address', value: (f) => text(f.invoice.billing_street) },
  { name: 'billing_postal_code', category: 'user.contact.address', value: (f) => text(f.invoice.billing_postal_code) },
  { name: 'billing_city', category: 'user.contact.address', value: (f) => text(f.invoice.billing_city) },
  { name: 'billing_country', category: 'user.contact.address', value: (f) => text(f.invoice.billing_country) },
  { name: 'currency', category: 'user.financial.invoice', value: (f) => text(f.invoice.currency) },
  { name: 'total_excl', category: 'user.financial.invoice', value: (f) => ({ amount: Number(f.invoice.total_excl_cents) }) },
  { name: 'vat', category: 'user.financial.invoice', value: (f) => ({ amount: Number(f.invoice.vat_cents) }) },
  { name: 'total_incl', category: 'user.financial.invoice', value: (f) => ({ amount: Number(f.invoice.total_incl_cents) }) },
  ...RATES.flatMap((rate): Column[] => [
    { name: `base_${rate}`, category: 'user.financial.invoice', value: (f) => ({ amount: byRate(f, rate, 'base') }) },
    ...(rate === 0
      ? []
      : [
          {
            name: `vat_${rate}`,
            category: 'user.financial.invoice',
            value: (f: FiscalInvoice): Cell => ({ amount: byRate(f, rate, 'vat') }),
          },
        ]),
  ]),
];

/**
 * The invoices of a period for the accounting firm, one row per invoice (credit invoices as type credit_note
 * with negative amounts), UTF-8, CRLF (RFC 4180). Texts are formula-safe (csvField: CSV injection); amounts
 * are decimals Kluis writes itself, left bare so a spreadsheet reads a credit's minus as a number.
 */
export function fiscalCsv(invoices: FiscalInvoice[], categories: ReadonlySet<string>): string {
  const columns = COLUMNS.filter((c) => categories.has(c.category));
  const cell = (c: Cell): string => ('amount' in c ? decimal(c.amount) : csvField(c.text));
  const rows = [columns.map((c) => c.name).join(','), ...invoices.map((f) => columns.map((c) => cell(c.value(f))).join(','))];
  return `${rows.join('\r\n')}\r\n`;
}

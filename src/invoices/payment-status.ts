import type { PaymentStatus, PaymentSummary } from './invoice.schema.ts';

/** What payment status needs of an invoice row. */
export interface PayableInvoice {
  status: string;
  credit_for_id: string | null;
  total_incl_cents: number;
  due_date: string | null;
}

/**
 * The payment status of an issued invoice: what is outstanding is its total, less the credit invoices issued
 * against it and the payments received. Paid when nothing is outstanding; overdue once the due date has passed
 * with something outstanding (whether partly paid or not); partly paid when a payment came in; else open.
 * A draft and a credit invoice have none: a draft is not owed, and a credit invoice is settled with its invoice.
 */
export function paymentSummary(
  invoice: PayableInvoice,
  paidCents: number,
  creditedCents: number,
  today: string,
): PaymentSummary | null {
  if (invoice.status !== 'issued' || invoice.credit_for_id !== null) return null;
  const outstandingCents = Math.max(0, Number(invoice.total_incl_cents) + creditedCents - paidCents);
  return { status: statusOf(outstandingCents, paidCents, invoice.due_date, today), paidCents, outstandingCents };
}

function statusOf(outstanding: number, paid: number, dueDate: string | null, today: string): PaymentStatus {
  if (outstanding === 0) return 'paid';
  if (dueDate !== null && dueDate < today) return 'overdue';
  return paid > 0 ? 'partly_paid' : 'open';
}

/** The due date: the issue date plus the payment term in days (calendar days, as a term in a contract counts). */
export function dueDateOf(issueDate: string, termDays: number): string {
  const date = new Date(`${issueDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + termDays);
  return date.toISOString().slice(0, 10);
}

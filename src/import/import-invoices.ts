import { randomUUID } from 'node:crypto';
import type { InvoiceLineRow, InvoicePaymentRow, InvoiceRow } from '../db/types.ts';
import type { ProcessingContext } from '../guard/guard.ts';
import { pricedLines } from '../invoices/invoice-draft.ts';
import { formatNumber } from '../invoices/invoice-number.ts';
import * as payments from '../invoices/payment.repository.ts';
import { touchOrganisation } from '../organisations/organisation.service.ts';
import type { InvoiceRowInput, RowProblem } from './import-kinds.ts';
import { type PlannedRow, invoicesOf, spreadOverInvoices } from './import-plan.ts';
import * as repo from './import.repository.ts';

// Invoices issued before Kluis (issue 20, part 3): one row per line, the lines with the same number one invoice.
// They are stored as issued, with the number they were issued under: the earlier administration's series, not
// Kluis's own (Wet OB 1968 art. 35a(1)(b) asks numbers unique and sequential within a series), marked by their
// import_source, so Kluis's next number is counted without them (src/invoices/invoice-number.ts). An invoice the
// file says was paid gets one payment of its total on that day, as staff would record it (payment.service.ts): the
// books show what was received (AWR art. 52), and staff and the accountant see the invoice paid, not open.

/** Rows per insert statement: some 30 values an invoice, well within either database's limit of parameters. */
const INSERT_CHUNK = 500;

/** The year of a number of Kluis's own form ('2026-0007', formatNumber), or undefined for any other form. */
function yearOfOwnForm(number: string): string | undefined {
  const own = /^(\d{4})-(\d+)$/.exec(number);
  if (own === null) return undefined;
  const [, year = '', sequence = ''] = own;
  return Number(sequence) > 0 && formatNumber(year, Number(sequence)) === number ? year : undefined;
}

/**
 * Whether the number would mix with Kluis's own series: of its form, and of a year Kluis may still number
 * (this year or later: it issues under the year of the day it issues) or numbered invoices in itself. Two series
 * in one form, in one year, could not be told apart, which is what art. 35a(1)(b) asks of a series.
 */
export function inOwnSeries(number: string, thisYear: string, ownYears: ReadonlySet<string>): boolean {
  const year = yearOfOwnForm(number);
  return year !== undefined && (year >= thisYear || ownYears.has(year));
}

/**
 * Checks each invoice of the file against what is held: its customer must exist (an organisation or a person
 * imported before, or by their Kluis reference), its number must be free, or be this very invoice imported
 * before (then it is left unchanged), and not be one Kluis may still give itself. A problem of the invoice is a
 * problem of each of its lines.
 */
export async function resolveInvoices(ctx: ProcessingContext, rows: PlannedRow[], today: string): Promise<void> {
  const good = rows.filter((r) => r.action === 'create');
  const customers = await repo.customersByReference(ctx.trx, [
    ...new Set(good.map((r) => (r.input as InvoiceRowInput).customer)),
  ]);
  const numbers = await repo.invoicesByNumber(ctx.trx, [...new Set(good.map((r) => r.reference))]);
  const years = [...new Set(good.map((r) => yearOfOwnForm(r.reference)).filter((y): y is string => y !== undefined))];
  const ownYears = await repo.yearsWithOwnInvoices(ctx.trx, years);
  for (const [number, lines] of invoicesOf(good)) {
    const input = lines[0]?.input as InvoiceRowInput;
    const problem = (column: string, code: RowProblem['code'], message: string) => {
      for (const r of lines) {
        r.problems.push({ row: r.row, column, code, message });
        r.action = 'bad';
        delete r.input;
      }
    };
    const customer = customers.get(input.customer);
    const held = numbers.get(number);
    if (customer === undefined) {
      problem('customer', 'customer_unknown', 'no organisation or person has this reference: import the customers first');
    } else if (held !== undefined) {
      const same =
        held.import_source !== null &&
        (customer.kind === 'person' ? held.subject_id === customer.id : held.organisation_id === customer.id);
      if (same) {
        for (const r of lines) r.action = 'unchanged';
        ctx.touch('invoice', held.id, held.subject_id ?? undefined);
      } else problem('number', 'number_taken', 'another invoice has this number');
    } else if (inOwnSeries(number, today.slice(0, 4), ownYears)) {
      problem(
        'number',
        'number_in_own_series',
        "has the form of Kluis's own numbers in a year Kluis numbers itself: give the earlier series its own prefix",
      );
    } else if (input.invoiceDate > today) {
      problem('invoice_date', 'invalid', 'is after today: an imported invoice was issued before');
    } else if (input.paidOn !== undefined && input.paidOn > today) {
      problem('paid_on', 'paid_after_today', 'is after today: a payment is recorded once it was received');
    }
  }
  spreadOverInvoices(rows);
}

/**
 * Writes the invoices of one batch as issued, with the payment of those the file says were paid, in the
 * processing's transaction; returns how many invoices it created.
 */
export async function writeInvoices(ctx: ProcessingContext, batch: PlannedRow[], source: string, now: string): Promise<number> {
  const { trx } = ctx;
  const byNumber = invoicesOf(batch);
  // Another import of the same file may have run since the check: the number decides, again, here.
  const held = await repo.invoicesByNumber(trx, [...byNumber.keys()]);
  const customers = await repo.customersByReference(trx, [...new Set(batch.map((r) => (r.input as InvoiceRowInput).customer))]);
  const all = [...customers.values()];
  const addresses = await repo.addressesOf(
    trx,
    all.filter((c) => c.kind === 'person').map((c) => c.id),
    all.filter((c) => c.kind === 'organisation').map((c) => c.id),
  );
  const invoices: InvoiceRow[] = [];
  const lines: InvoiceLineRow[] = [];
  const paid: InvoicePaymentRow[] = [];
  const organisations = new Set<string>();
  for (const [number, rows] of byNumber) {
    if (held.has(number)) continue;
    const inputs = rows.map((r) => r.input as InvoiceRowInput);
    const first = inputs[0] as InvoiceRowInput;
    const customer = customers.get(first.customer);
    if (customer === undefined) continue;
    const id = randomUUID();
    const priced = pricedLines(
      id,
      inputs.map((i) => i.line),
    );
    invoices.push({
      id,
      subject_id: customer.kind === 'person' ? customer.id : null,
      organisation_id: customer.kind === 'organisation' ? customer.id : null,
      contact_id: null,
      agreement_id: null,
      credit_for_id: null,
      number,
      status: 'issued',
      issue_date: first.invoiceDate,
      // The day of the supply (art. 35a(1)(g) Wet OB); an invoice that names none was for a supply made by its date.
      // A past invoice's work is done: without a completion date the rule counting from it (the statement's promise)
      // could never start, and the invoice would be kept without end (Art. 5(1)(e) GDPR).
      completed_on: first.supplyDate ?? first.invoiceDate,
      ...billingOf(customer, addresses),
      reference: customer.reference,
      currency: 'EUR',
      ...priced.totals,
      buyer_vat_number: customer.vatNumber,
      vat_treatment: 'standard',
      vat_exemption_reason: null,
      payment_term_days: null,
      due_date: null,
      created_at: now,
      updated_at: now,
    });
    lines.push(...priced.rows);
    // Paid in full, incl. VAT: what the customer was asked. An invoice of nothing or less (a credit) is settled
    // without a payment (payment-status.ts), and a payment is more than nothing (payment.schema.ts).
    if (first.paidOn !== undefined && priced.totals.total_incl_cents > 0)
      paid.push({
        id: randomUUID(),
        invoice_id: id,
        paid_on: first.paidOn,
        amount_cents: priced.totals.total_incl_cents,
        reference: source,
        recorded_by: ctx.processing.actor.id,
        created_at: now,
      });
    if (customer.kind === 'organisation') organisations.add(customer.id);
  }
  for (let i = 0; i < invoices.length; i += INSERT_CHUNK)
    await trx
      .insertInto('invoices')
      .values(invoices.slice(i, i + INSERT_CHUNK).map((r) => ({ ...r, import_source: source })))
      .execute();
  for (let i = 0; i < lines.length; i += INSERT_CHUNK)
    await trx
      .insertInto('invoice_lines')
      .values(lines.slice(i, i + INSERT_CHUNK))
      .execute();
  for (let i = 0; i < paid.length; i += INSERT_CHUNK) await payments.createMany(trx, paid.slice(i, i + INSERT_CHUNK));
  // A person's invoice names the person; an organisation's names the organisation and, of a sole trader or a
  // partnership, its owners, whose retention the guard then computes (src/retention/owned-organisations.ts).
  for (const r of invoices) ctx.touch('invoice', r.id, r.subject_id ?? undefined);
  await touchOrganisation(ctx, [...organisations]);
  return invoices.length;
}

/** The customer's name and billing address, else postal address, as on the invoice; empty when none is held. */
function billingOf(customer: repo.FoundCustomer, addresses: repo.FoundAddress[]) {
  const own = addresses.filter((a) => a.owner_id === customer.id);
  const address = own.find((a) => a.kind === 'billing') ?? own.find((a) => a.kind === 'postal') ?? own[0];
  return {
    billing_name: customer.name,
    billing_gender: null,
    billing_street: address?.street ?? '',
    billing_postal_code: address?.postal_code ?? '',
    billing_city: address?.city ?? '',
    billing_country: address?.country ?? 'NL',
  };
}

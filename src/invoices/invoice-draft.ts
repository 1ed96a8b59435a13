import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import * as agreements from '../agreements/agreement.repository.ts';
import type { DB, InvoiceLineRow } from '../db/types.ts';
import { notFound, validationFailed } from '../errors.ts';
import { listAddresses } from '../subjects/subject.repository.ts';
import { computeTotals } from './invoice-totals.ts';
import type { BillingInput, InvoiceLineInput } from './invoice.schema.ts';

/** The billing columns of an invoice row. */
export interface BillingColumns {
  billing_name: string;
  billing_gender: string | null;
  billing_street: string;
  billing_postal_code: string;
  billing_city: string;
  billing_country: string;
}

export const billingColumns = (b: BillingInput): BillingColumns => ({
  billing_name: b.name,
  billing_gender: b.gender ?? null,
  billing_street: b.street,
  billing_postal_code: b.postalCode,
  billing_city: b.city,
  billing_country: b.country,
});

/**
 * The subject's name with their billing address, else their postal address. Gender is not copied: an
 * invoice carries it only when somebody chose to give it (data minimisation, Art. 5(1)(c)).
 */
export async function billingFromSubject(
  trx: Transaction<DB>,
  subject: { id: string; first_name: string; last_name: string },
): Promise<BillingColumns> {
  const addresses = await listAddresses(trx, subject.id);
  const address = addresses.find((a) => a.kind === 'billing') ?? addresses.find((a) => a.kind === 'postal');
  if (address === undefined) {
    throw validationFailed('Invalid invoice: billing: the subject has no billing or postal address, so give one', [
      { path: 'billing', message: 'is required: the subject has no billing or postal address' },
    ]);
  }
  return {
    billing_name: `${subject.first_name} ${subject.last_name}`,
    billing_gender: null,
    billing_street: address.street,
    billing_postal_code: address.postal_code,
    billing_city: address.city,
    billing_country: address.country,
  };
}

/** An invoice may name an agreement of its own subject or organisation only. */
export async function checkAgreement(
  trx: Transaction<DB>,
  agreementId: string,
  owner: { subject_id: string | null; organisation_id: string | null },
): Promise<void> {
  const agreement = await agreements.getById(trx, agreementId);
  if (agreement === undefined) throw notFound('Agreement', agreementId);
  if (agreement.subject_id !== owner.subject_id || agreement.organisation_id !== owner.organisation_id) {
    throw validationFailed('Invalid invoice: agreementId: belongs to another subject', [
      { path: 'agreementId', message: 'belongs to another subject' },
    ]);
  }
}

/** The line rows and the totals columns, all computed here from the lines as given. */
export function pricedLines(invoiceId: string, lines: readonly InvoiceLineInput[]) {
  const totals = computeTotals(lines);
  const rows: InvoiceLineRow[] = totals.lines.map((l) => ({
    id: randomUUID(),
    invoice_id: invoiceId,
    position: l.position,
    description: l.description,
    quantity: l.quantity,
    unit_price_cents: l.unitPriceCents,
    vat_rate: l.vatRate,
    amount_cents: l.amountCents,
  }));
  return {
    rows,
    totals: { total_excl_cents: totals.totalExclCents, vat_cents: totals.vatCents, total_incl_cents: totals.totalInclCents },
  };
}

/** The lines of an invoice as input again, each amount negated through its unit price: a credit invoice's lines. */
export const negatedLines = (rows: readonly InvoiceLineRow[]): InvoiceLineInput[] =>
  rows.map((l) => ({
    description: l.description,
    quantity: Number(l.quantity),
    unitPriceCents: -Number(l.unit_price_cents),
    vatRate: l.vat_rate as InvoiceLineInput['vatRate'],
  }));

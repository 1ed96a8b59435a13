import type { InvoiceLineRow, InvoiceRow } from '../db/types.ts';
import type { Invoice, PaymentSummary } from './invoice.schema.ts';

/** The person an invoice names in the log: its subject, or the contact person of the organisation it belongs to. */
export const personOf = (row: Pick<InvoiceRow, 'subject_id' | 'contact_id'>): string | undefined =>
  row.subject_id ?? row.contact_id ?? undefined;

/** An invoice for the API; `payment` from paymentSummary (null on a draft and a credit invoice). */
export function presentInvoice(row: InvoiceRow, lines: InvoiceLineRow[], payment: PaymentSummary | null = null): Invoice {
  return {
    id: row.id,
    subjectId: row.subject_id,
    organisationId: row.organisation_id,
    contactId: row.contact_id,
    agreementId: row.agreement_id,
    creditForId: row.credit_for_id,
    number: row.number,
    status: row.status,
    issueDate: row.issue_date,
    completedOn: row.completed_on,
    billing: {
      name: row.billing_name,
      gender: row.billing_gender,
      street: row.billing_street,
      postalCode: row.billing_postal_code,
      city: row.billing_city,
      country: row.billing_country,
    },
    reference: row.reference,
    currency: row.currency,
    totalExclCents: Number(row.total_excl_cents),
    vatCents: Number(row.vat_cents),
    totalInclCents: Number(row.total_incl_cents),
    buyerVatNumber: row.buyer_vat_number,
    vatTreatment: row.vat_treatment,
    vatExemptionReason: row.vat_exemption_reason,
    paymentTermDays: row.payment_term_days === null ? null : Number(row.payment_term_days),
    dueDate: row.due_date,
    payment,
    lines: lines.map((l) => ({
      position: l.position,
      description: l.description,
      quantity: Number(l.quantity),
      unitPriceCents: Number(l.unit_price_cents),
      vatRate: l.vat_rate,
      amountCents: Number(l.amount_cents),
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

import { INVOICE_STATUSES, VAT_TREATMENTS } from '../db/vocabulary.ts';
import { z } from 'zod';
import { listQuery } from '../shared/list.ts';
import { calendarDate, countryCode, trimmed } from '../shared/schema.ts';
import { gender } from '../subjects/subject.schema.ts';
import { vatNumber } from '../config/invoicing-config.ts';
import { recordContactSchema } from '../agreements/record-contact.ts';

export const invoiceStatus = z.enum(INVOICE_STATUSES);
export type InvoiceStatus = z.infer<typeof invoiceStatus>;

/** The Dutch VAT rates (Wet OB 1968): 0 %, the reduced 9 % and the general 21 %. */
export const vatRate = z.literal([0, 9, 21], 'must be one of the VAT rates 0, 9 or 21');

const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as EUR');

/** Quantities in thousandths at most (0.25 hour, 1.5 m); the service computes amounts exactly from them. */
const quantity = z
  .number()
  .positive()
  .max(1_000_000)
  .refine((q) => Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, 'must have at most three decimals');

/** A line as the caller gives it. Its amount and VAT are computed, never taken from input. */
export const invoiceLineInputSchema = z.strictObject({
  description: trimmed(500),
  quantity,
  // Negative for a discount line, and on the lines of a credit invoice.
  unitPriceCents: z.number().int().min(-1_000_000_000).max(1_000_000_000),
  vatRate,
});
export type InvoiceLineInput = z.infer<typeof invoiceLineInputSchema>;

export const billingInputSchema = z.strictObject({
  name: trimmed(200),
  // Accepted only where the policy processes gender on invoices (the default policy does not: no law asks
  // for it, art. 35a Wet OB; CJEU C-394/23); never copied from the subject.
  gender: gender.optional(),
  street: trimmed(200),
  postalCode: trimmed(20),
  city: trimmed(100),
  country: countryCode,
});
export type BillingInput = z.infer<typeof billingInputSchema>;

const lines = z.array(invoiceLineInputSchema).min(1).max(200);

/**
 * How VAT applies to the whole invoice (art. 35a lid 1 Wet OB): `standard` (the rates of the lines), `reverse_charge`
 * (the buyer pays the VAT: "btw verlegd", art. 12 lid 2-3), `intra_community` (a supply to a business in another
 * member state, art. 9 lid 2 / tabel II a.6) or `exempt` (art. 11, with its ground). All but standard need 0 % lines.
 */
export const vatTreatment = z.enum(VAT_TREATMENTS);
export type VatTreatment = z.infer<typeof vatTreatment>;

const paymentTermDays = z.number().int().min(0).max(365);

export const newInvoiceSchema = z.strictObject({
  agreementId: z.uuid('must be a UUID').optional(),
  /** When absent: the subject's name and billing address, else their postal address. */
  billing: billingInputSchema.optional(),
  /** When absent: the subject's customer reference. */
  reference: trimmed(50).optional(),
  currency: currency.default('EUR'),
  completedOn: calendarDate.optional(),
  /** Required with a reverse charge or an intra-community supply (art. 35a lid 1 sub d Wet OB). */
  buyerVatNumber: vatNumber.optional(),
  vatTreatment: vatTreatment.default('standard'),
  /** The ground of an exemption as printed on the invoice (art. 35a lid 1 sub k Wet OB). */
  vatExemptionReason: trimmed(300).optional(),
  /** Days after the issue date; the configured term when absent. */
  paymentTermDays: paymentTermDays.optional(),
  lines,
});
export type NewInvoice = z.input<typeof newInvoiceSchema>;

/** A partial update of a draft; `null` clears an optional field, `lines` replaces all lines. */
export const invoicePatchSchema = z
  .strictObject({
    agreementId: z.uuid('must be a UUID').nullable(),
    billing: billingInputSchema,
    reference: trimmed(50).nullable(),
    currency,
    completedOn: calendarDate.nullable(),
    buyerVatNumber: vatNumber.nullable(),
    vatTreatment,
    vatExemptionReason: trimmed(300).nullable(),
    paymentTermDays: paymentTermDays.nullable(),
    lines,
    /** One of the organisation's current contact persons, the draft's addressee; `null`: nobody. */
    contactId: z.uuid('must be a UUID').nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'name at least one field to change');
export type InvoicePatch = z.input<typeof invoicePatchSchema>;

export const issueSchema = z.strictObject({
  /** The date the order or service was completed; fiscal retention counts from it. */
  completedOn: calendarDate.optional(),
});
export type IssueInput = z.input<typeof issueSchema>;

export const INVOICE_SORTS = ['issueDate', 'number', 'name', 'total', 'createdAt'] as const;

/**
 * GET /api/invoices: invoices by customer (a person or an organisation), status, number (its start) and issue
 * date (from/to, inclusive: the accounts' period), newest first; drafts have no issue date and sort as the newest.
 */
export const invoiceListQuery = z
  .strictObject({
    customer: z.uuid('must be a UUID').optional(),
    status: invoiceStatus.optional(),
    number: z.string().trim().min(1).max(30).optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    purpose: z.string().max(50).optional(),
    ...listQuery(INVOICE_SORTS, 'issueDate', 'desc'),
  })
  .refine((p) => p.from === undefined || p.to === undefined || p.to >= p.from, {
    message: 'must not be before from',
    path: ['to'],
  });
export type InvoiceListQuery = z.input<typeof invoiceListQuery>;

export const invoiceLineSchema = z.object({
  position: z.number(),
  description: z.string(),
  quantity: z.number(),
  unitPriceCents: z.number(),
  vatRate: z.number(),
  amountCents: z.number(),
});

export const paymentStatus = z.enum(['open', 'partly_paid', 'paid', 'overdue']);
export type PaymentStatus = z.infer<typeof paymentStatus>;

export const paymentSummarySchema = z.object({
  status: paymentStatus,
  paidCents: z.number(),
  /** What is still to be paid: the total, less issued credit invoices and payments. */
  outstandingCents: z.number(),
});
export type PaymentSummary = z.infer<typeof paymentSummarySchema>;

export const invoiceSchema = z.object({
  id: z.string(),
  /** The person the record belongs to; null when it belongs to an organisation (organisationId). */
  subjectId: z.string().nullable(),
  organisationId: z.string().nullable(),
  /** The organisation's contact person the record names. */
  contactId: z.string().nullable(),
  /**
   * That contact person by name and role, on an invoice read or changed on its own by a role that may consult
   * customer records; null when it names nobody (or its contact left the organisation).
   */
  contact: recordContactSchema.nullable().optional(),
  agreementId: z.string().nullable(),
  creditForId: z.string().nullable(),
  number: z.string().nullable(),
  status: invoiceStatus,
  issueDate: z.string().nullable(),
  completedOn: z.string().nullable(),
  billing: z.object({
    name: z.string(),
    gender: z.string().nullable(),
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string(),
  }),
  reference: z.string().nullable(),
  currency: z.string(),
  totalExclCents: z.number(),
  vatCents: z.number(),
  totalInclCents: z.number(),
  buyerVatNumber: z.string().nullable(),
  vatTreatment,
  vatExemptionReason: z.string().nullable(),
  paymentTermDays: z.number().nullable(),
  /** Fixed when issued; null on a draft and on a credit invoice. */
  dueDate: z.string().nullable(),
  /** Null on a draft and on a credit invoice. */
  payment: paymentSummarySchema.nullable(),
  lines: z.array(invoiceLineSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

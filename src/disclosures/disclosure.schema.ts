import { DISCLOSURE_KINDS, DISCLOSURE_MODES, DISCLOSURE_STATUSES } from '../db/vocabulary.ts';
import { z } from 'zod';
import { recipientId } from '../registers/recipient.schema.ts';
import { listPageSchema, listQuery } from '../shared/list.ts';
import { calendarDate, trimmed } from '../shared/schema.ts';

const categoryId = z
  .string()
  .max(100)
  .regex(/^user(\.[a-z_]+)+$/, 'must be a data category of the policy such as user.contact.email');
const categories = z
  .array(categoryId)
  .min(1)
  .max(50)
  .refine((c) => new Set(c).size === c.length, 'name each category once');

/** How the data goes out: Kluis makes the file, or staff record a hand-over made another way. */
const delivery = {
  mode: z.enum(DISCLOSURE_MODES).default('export'),
  /** The file Kluis makes for an export. */
  format: z.enum(['json', 'csv']).optional(),
  /** A recorded hand-over: how and to whom it went (a portal, a phone call), not the data itself. */
  description: trimmed(1000).optional(),
};

type Delivery = { mode: 'export' | 'recorded'; format?: string | undefined; description?: string | undefined };
const deliveryProblems = (d: Delivery, ctx: z.core.$RefinementCtx<Delivery>): void => {
  if (d.mode === 'recorded' && d.description === undefined)
    ctx.addIssue({ code: 'custom', path: ['description'], message: 'describe how the data was handed over' });
  if (d.mode === 'recorded' && d.format !== undefined)
    ctx.addIssue({ code: 'custom', path: ['format'], message: 'a recorded hand-over has no file format' });
  if (d.mode === 'export' && d.description !== undefined)
    ctx.addIssue({ code: 'custom', path: ['description'], message: 'only a recorded hand-over has a description' });
};

/** A disclosure to a recipient of the register (P7): the categories it may receive, no others (P8). */
export const newDisclosureSchema = z
  .strictObject({
    recipientId,
    /** The company of the category that receives the data; required where the category names its companies (P9). */
    companyId: recipientId.optional(),
    /** The purpose; required when the recipient serves more than one. */
    purpose: z.string().trim().min(1).max(64).optional(),
    categories,
    ...delivery,
  })
  .superRefine(deliveryProblems);
export type NewDisclosure = z.input<typeof newDisclosureSchema>;

/**
 * A demand of an authority (Art. 6(1)(c), 23 GDPR). Authority, legal ground and reference are checked by the
 * service, so that their absence answers `legal_ground_required`; so is a suppression without its ground.
 */
export const newLegalDemandSchema = z
  .strictObject({
    authority: z.string().trim().max(200).optional(),
    /** The law that obliges us to hand the data over: "art. 126nd Sv", "art. 53 AWR". */
    legalGround: z.string().trim().max(500).optional(),
    /** The authority's reference of the demand (proces-verbaal, kenmerk). */
    reference: z.string().trim().max(200).optional(),
    categories,
    /** The purpose the data is kept for; the subject's first purpose when absent. */
    purpose: z.string().trim().min(1).max(64).optional(),
    /** Not telling the person (P9: "tenzij dat wettelijk gezien niet is toegestaan"). */
    suppressNotice: z.boolean().default(false),
    /** The legal ground that forbids telling the person; required with suppressNotice. */
    suppressionGround: z.string().trim().max(500).optional(),
    ...delivery,
  })
  .superRefine(deliveryProblems);
export type NewLegalDemand = z.input<typeof newLegalDemandSchema>;

export const cancelSchema = z.strictObject({ reason: trimmed(1000) });
export type Cancellation = z.input<typeof cancelSchema>;

/** Issued invoices (credit invoices included) by issue date, both ends inclusive, for the accounting firm. */
export const fiscalExportSchema = z
  .strictObject({
    from: calendarDate,
    to: calendarDate,
    /** csv: one row per invoice; zip: that CSV and a UBL 2.1 document per invoice. */
    format: z.enum(['csv', 'zip']).default('csv'),
    /** The recipient of the register; by default the one active recipient registered for invoice details. */
    recipientId: recipientId.optional(),
    /** The company of that category; by default its one active company. */
    companyId: recipientId.optional(),
  })
  .refine((p) => p.to >= p.from, { message: 'must not be before from', path: ['to'] });
export type FiscalExportInput = z.input<typeof fiscalExportSchema>;

/** The company a disclosure went to, as the register named it. */
export const disclosedCompanySchema = z.object({
  id: z.string(),
  legalName: z.string(),
  kvkNumber: z.string().nullable(),
  country: z.string(),
});
export type DisclosedCompany = z.infer<typeof disclosedCompanySchema>;

export const disclosureKind = z.enum(DISCLOSURE_KINDS);
export const disclosureStatus = z.enum(DISCLOSURE_STATUSES);

/** One entry of the disclosure log. */
export const disclosureSchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  kind: disclosureKind,
  /**
   * Who received the data: a company of a recipient category of the register (its legal name is the `name`), a
   * recipient whose category names no companies, the authority of a legal demand, or the organisation a person
   * named (Art. 20(2)).
   */
  recipient: z.object({
    id: z.string().nullable(),
    name: z.object({ nl: z.string(), en: z.string() }),
    /** The recipient category as the register names it; null for a legal demand and a portability transfer. */
    category: z.object({ nl: z.string(), en: z.string() }).nullable(),
    company: disclosedCompanySchema.nullable(),
  }),
  authorityReference: z.string().nullable(),
  categories: z.array(z.string()),
  purpose: z.string(),
  legalGround: z.string(),
  mode: z.enum(DISCLOSURE_MODES),
  format: z.string().nullable(),
  description: z.string().nullable(),
  status: disclosureStatus,
  notice: z.object({
    /** queued, sent or failed: the message in the outbox; suppressed or not_required: no message. */
    status: z.enum(['queued', 'sent', 'failed', 'suppressed', 'not_required']),
    outboxId: z.string().nullable(),
    sentAt: z.string().nullable(),
    /** Why no notice was needed, or the legal ground that forbade it. */
    reason: z.string().nullable(),
  }),
  requestedBy: z.string(),
  requestedAt: z.string(),
  /** When the data went out (or could go out): the time of the disclosure. */
  releasedAt: z.string().nullable(),
  exportedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
});
export type Disclosure = z.infer<typeof disclosureSchema>;

export const disclosureListSchema = z.object({ disclosures: z.array(disclosureSchema) });

export const AWAITING_SORTS = ['requestedAt', 'customer'] as const;

/**
 * The disclosures of every customer that wait for their advance notice (P9), a page at a time, the longest waiting
 * first (issue 19). `status` names what the list holds; only the waiting ones are listed across customers.
 * `releasable`: only those whose notice went out at least the lead time ago (true), or only those still waiting (false).
 */
export const awaitingQuery = z.strictObject({
  status: z.enum(['awaiting_notice']).default('awaiting_notice'),
  releasable: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform((v) => v === true || v === 'true')
    .optional(),
  ...listQuery(AWAITING_SORTS, 'requestedAt'),
});
export type AwaitingQuery = z.input<typeof awaitingQuery>;

/** A disclosure waiting for its advance notice, with the customer by name and when it may go out. */
export const awaitingDisclosureSchema = disclosureSchema.extend({
  /** The customer by name; null once the person was erased (the job then cancels the disclosure). */
  customerName: z.string().nullable(),
  /** From when the data may go out: the notice's sending plus the lead time; null while the notice was not sent. */
  releasableFrom: z.string().nullable(),
  /** Whether that moment has come, so the disclosure may be released now. */
  releasable: z.boolean(),
});
export type AwaitingDisclosure = z.infer<typeof awaitingDisclosureSchema>;
export const awaitingPageSchema = listPageSchema(awaitingDisclosureSchema);

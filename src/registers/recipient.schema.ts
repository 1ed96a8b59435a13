import { COMPANY_ROLES, RECIPIENT_ROLES } from '../db/vocabulary.ts';
import { z } from 'zod';
import { calendarDate, countryCode, trimmed } from '../shared/schema.ts';

export const recipientRole = z.enum(RECIPIENT_ROLES);

export const processorAgreementSchema = z.object({
  id: z.string(),
  signedOn: z.string(),
  expiresOn: z.string().nullable(),
  documentReference: z.string(),
});
export type ProcessorAgreement = z.infer<typeof processorAgreementSchema>;

export const companyRole = z.enum(COMPANY_ROLES);

/** A company within a recipient category: who actually receives the data (P9, Art. 13(1)(e), 15(1)(c)). */
export const companySchema = z.object({
  id: z.string(),
  legalName: z.string(),
  /** The number in the Dutch trade register; null for a company registered abroad. */
  kvkNumber: z.string().nullable(),
  country: z.string(),
  /** A processor (Art. 28) or an independent controller. */
  role: companyRole,
  transferMechanism: z.string().nullable(),
  contactEmail: z.string().nullable(),
  active: z.boolean(),
  /** The company's processor agreement in force (Art. 28(3)); null when there is none. */
  agreement: processorAgreementSchema.nullable(),
});
export type Company = z.infer<typeof companySchema>;

/** A recipient as the register holds it (P7): a category of parties, its companies, which data, under which agreement. */
export const recipientSchema = z.object({
  id: z.string(),
  name: z.object({ nl: z.string(), en: z.string() }),
  role: recipientRole,
  /** The purposes it serves; a disclosure names one of them. */
  purposes: z.array(z.string()),
  categories: z.array(z.string()),
  country: z.string(),
  transferMechanism: z.string().nullable(),
  noticePerDisclosure: z.boolean(),
  contactEmail: z.string().nullable(),
  active: z.boolean(),
  /** The processor agreement in force (Art. 28(3)); null when there is none. */
  agreement: processorAgreementSchema.nullable(),
  /** The companies of the category, active and retired; a disclosure to a category with active companies names one. */
  companies: z.array(companySchema),
});
export type Recipient = z.infer<typeof recipientSchema>;

// Input: the dpo keeps the register through the API (P7). Strict objects: unknown fields are refused.

/** A slug like the policy's ids: it is named in disclosures, so it never changes. */
export const recipientId = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_-]*$/, 'must be lower-case letters, digits, - or _, starting with a letter');
export const recipientIdParam = z.strictObject({ id: recipientId });

const name = z.strictObject({ nl: trimmed(200), en: trimmed(200) });
const kvkNumber = z
  .string()
  .trim()
  .regex(/^\d{8}$/, 'must be the eight digits of a KvK number');

/** A company in the Netherlands is in the Handelsregister: the register names it by its KvK number too. */
function dutchCompanyHasKvk<T extends { country: string; kvkNumber?: string | null | undefined }>(
  c: T,
  ctx: z.core.$RefinementCtx<T>,
): void {
  if (c.country === 'NL' && (c.kvkNumber ?? null) === null)
    ctx.addIssue({ code: 'custom', path: ['kvkNumber'], message: 'a company in the Netherlands needs its KvK number' });
}
const categoryId = z
  .string()
  .max(100)
  .regex(/^user(\.[a-z_]+)+$/, 'must be a data category of the policy such as user.contact.email');
const dpvTerm = z
  .string()
  .max(100)
  .regex(/^dpv:[A-Za-z]+$/, 'must be a W3C DPV term such as dpv:StandardContractualClauses');

const purposes = z
  .array(z.string().trim().min(1).max(64))
  .min(1)
  .max(20)
  .refine((p) => new Set(p).size === p.length, 'name each purpose once');

export const newRecipientSchema = z.strictObject({
  id: recipientId,
  name,
  role: recipientRole,
  purposes,
  categories: z.array(categoryId).min(1).max(50),
  country: countryCode,
  /** Required outside the EEA (Art. 44-46); checked by the service. */
  transferMechanism: dpvTerm.optional(),
  // P9: tell the person in advance unless the dpo decides a notice per disclosure is not needed.
  noticePerDisclosure: z.boolean().default(true),
  contactEmail: z.email().max(254).optional(),
});
export type NewRecipient = z.input<typeof newRecipientSchema>;

/** A partial change; `null` clears an optional field. */
export const recipientPatchSchema = z
  .strictObject({
    name,
    role: recipientRole,
    purposes,
    categories: z.array(categoryId).min(1).max(50),
    country: countryCode,
    transferMechanism: dpvTerm.nullable(),
    noticePerDisclosure: z.boolean(),
    contactEmail: z.email().max(254).nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'name at least one field to change');
export type RecipientPatch = z.input<typeof recipientPatchSchema>;

/** A processor agreement (Art. 28(3)); it supersedes the one in force. */
export const newProcessorAgreementSchema = z
  .strictObject({
    signedOn: calendarDate,
    expiresOn: calendarDate.optional(),
    documentReference: trimmed(200),
  })
  .refine((a) => a.expiresOn === undefined || a.expiresOn >= a.signedOn, {
    message: 'must not be before signedOn',
    path: ['expiresOn'],
  });
export type NewProcessorAgreement = z.input<typeof newProcessorAgreementSchema>;

/** A company joins a category (dpo). The Dutch trade register number is required for a company in the Netherlands. */
export const newCompanySchema = z
  .strictObject({
    id: recipientId,
    legalName: trimmed(200),
    kvkNumber: kvkNumber.optional(),
    country: countryCode,
    role: companyRole,
    /** Required outside the EEA (Art. 44-46); checked by the service. */
    transferMechanism: dpvTerm.optional(),
    contactEmail: z.email().max(254).optional(),
  })
  .superRefine(dutchCompanyHasKvk);
export type NewCompany = z.input<typeof newCompanySchema>;

/** A partial change of a company; `null` clears an optional field. */
export const companyPatchSchema = z
  .strictObject({
    legalName: trimmed(200),
    kvkNumber: kvkNumber.nullable(),
    country: countryCode,
    role: companyRole,
    transferMechanism: dpvTerm.nullable(),
    contactEmail: z.email().max(254).nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'name at least one field to change');
export type CompanyPatch = z.input<typeof companyPatchSchema>;

export const companyParams = z.strictObject({ id: recipientId, companyId: recipientId });

// Output of one recipient with its past.

export const recipientStateSchema = recipientSchema.omit({ agreement: true, companies: true });

export const recipientChangeSchema = z.object({
  id: z.string(),
  changedAt: z.string(),
  changedBy: z.string(),
  change: z.string(),
  /** The recipient as it was after the change. */
  state: recipientStateSchema,
});
export type RecipientChange = z.infer<typeof recipientChangeSchema>;

export const agreementHistorySchema = processorAgreementSchema.extend({
  /** The company of the category the agreement is with; null: with the recipient itself. */
  companyId: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  supersededAt: z.string().nullable(),
});
export type AgreementHistory = z.infer<typeof agreementHistorySchema>;

export const recipientDetailSchema = recipientSchema.extend({
  history: z.array(recipientChangeSchema),
  agreements: z.array(agreementHistorySchema),
});
export type RecipientDetail = z.infer<typeof recipientDetailSchema>;

import { z } from 'zod';
import { calendarDate, countryCode, trimmed } from '../shared/schema.ts';

export const recipientRole = z.enum(['processor', 'controller', 'authority']);

export const processorAgreementSchema = z.object({
  id: z.string(),
  signedOn: z.string(),
  expiresOn: z.string().nullable(),
  documentReference: z.string(),
});
export type ProcessorAgreement = z.infer<typeof processorAgreementSchema>;

/** A recipient as the register holds it (P7): who, in which role, which data, under which agreement. */
export const recipientSchema = z.object({
  id: z.string(),
  name: z.object({ nl: z.string(), en: z.string() }),
  role: recipientRole,
  purpose: z.string(),
  categories: z.array(z.string()),
  country: z.string(),
  transferMechanism: z.string().nullable(),
  noticePerDisclosure: z.boolean(),
  contactEmail: z.string().nullable(),
  active: z.boolean(),
  /** The processor agreement in force (Art. 28(3)); null when there is none. */
  agreement: processorAgreementSchema.nullable(),
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
const categoryId = z.string().max(100).regex(/^user(\.[a-z_]+)+$/, 'must be a data category of the policy such as user.contact.email');
const dpvTerm = z.string().max(100).regex(/^dpv:[A-Za-z]+$/, 'must be a W3C DPV term such as dpv:StandardContractualClauses');

export const newRecipientSchema = z.strictObject({
  id: recipientId,
  name,
  role: recipientRole,
  purpose: z.string().trim().min(1).max(64),
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
    purpose: z.string().trim().min(1).max(64),
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
  .refine((a) => a.expiresOn === undefined || a.expiresOn >= a.signedOn, { message: 'must not be before signedOn', path: ['expiresOn'] });
export type NewProcessorAgreement = z.input<typeof newProcessorAgreementSchema>;

// Output of one recipient with its past.

export const recipientStateSchema = recipientSchema.omit({ agreement: true });

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

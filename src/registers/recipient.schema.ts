import { z } from 'zod';

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

import { z } from 'zod';

const text = z.object({ nl: z.string(), en: z.string() });
const term = z.object({ term: z.string(), label: text });

/** A storage location (P6): where the data is kept, and the safeguard when that is outside the EEA. */
export const storageLocationSchema = z.object({
  id: z.string(),
  provider: z.string(),
  /** The recipient of the register that runs it as our processor (Art. 28); null when the policy names none. */
  processor: z.string().nullable(),
  region: text,
  insideEea: z.boolean(),
  safeguard: term.nullable(),
});
export type StorageLocation = z.infer<typeof storageLocationSchema>;

/** A transfer to a third country and its safeguard (Art. 30(1)(e), Art. 44-46). */
export const transferSchema = z.object({
  kind: z.enum(['storage', 'recipient']),
  /** The storage location, the recipient, or the company of a recipient category. */
  id: z.string(),
  name: text,
  /** The region or country, in words. */
  destination: text,
  safeguard: term.nullable(),
});
export type Transfer = z.infer<typeof transferSchema>;

export const activityRecipientSchema = z.object({
  id: z.string(),
  name: text,
  role: z.string(),
  country: z.string(),
  insideEea: z.boolean(),
  categories: z.array(z.string()),
  /** Whether it stores our data as the processor of a storage location (P6). */
  storesData: z.boolean(),
  /** The active companies of the category that actually receive the data. */
  companies: z.array(
    z.object({ id: z.string(), legalName: z.string(), kvkNumber: z.string().nullable(), country: z.string(), role: z.string() }),
  ),
});
export type ActivityRecipient = z.infer<typeof activityRecipientSchema>;

export const erasureLimitSchema = z.object({
  recordType: z.string(),
  /** The rules that reach the record type, directly or through a linked record. */
  rules: z.array(z.string()),
  text,
});
export type ErasureLimit = z.infer<typeof erasureLimitSchema>;

/** One processing activity: a purpose of the policy, or one of Kluis's own, with everything Art. 30(1)(b)-(f) asks of it. */
export const processingActivitySchema = z.object({
  purpose: z.string(),
  /** (b) the purpose of the processing. */
  name: text,
  legalBasis: term.extend({ reference: z.string().nullable() }),
  /** (c) categories of data subjects. */
  dataSubjects: text,
  /** (c) categories of personal data. */
  dataCategories: z.array(z.object({ id: z.string(), label: text })),
  /** (d) categories of recipients: the active recipients of the register for this purpose, the storage provider included. */
  recipients: z.array(activityRecipientSchema),
  /** (e) transfers to third countries and their safeguards. */
  transfers: z.array(transferSchema),
  /** (f) the envisaged time limits for erasure. */
  erasure: z.array(erasureLimitSchema),
});
export type ProcessingActivity = z.infer<typeof processingActivitySchema>;

/** The record of processing activities of the controller (Art. 30(1) GDPR), generated from the policy and the register. */
export const processingActivitiesSchema = z.object({
  generatedAt: z.string(),
  /** (a) name and contact details of the controller and of the data protection officer. */
  controller: z.object({
    name: z.string(),
    address: z.object({ street: z.string(), postalCode: z.string(), city: z.string(), country: z.string() }),
    email: z.string(),
    dpo: z.object({ title: z.string(), name: z.string().nullable(), email: z.string() }),
  }),
  activities: z.array(processingActivitySchema),
  /** (g) a general description of the technical and organisational security measures (Art. 32(1)). */
  securityMeasures: z.array(z.object({ id: z.string(), description: text })),
});
export type ProcessingActivities = z.infer<typeof processingActivitiesSchema>;

export const registerFormat = z.enum(['json', 'csv', 'html']);
export type RegisterFormat = z.infer<typeof registerFormat>;
export const registerLanguage = z.enum(['nl', 'en']);
export type RegisterLanguage = z.infer<typeof registerLanguage>;

export const registerExportQuery = z.strictObject({
  format: registerFormat.default('json'),
  /** The language of the CSV and HTML; the JSON carries both. */
  lang: registerLanguage.default('nl'),
});

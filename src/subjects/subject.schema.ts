import { ADDRESS_KINDS } from '../db/vocabulary.ts';
import { z } from 'zod';
import { countryCode, trimmed } from '../shared/schema.ts';

// Gender is accepted only where the policy processes it (src/subjects/gender.ts); the default policy does
// not: no law requires it (Art. 5(1)(c), 6(1)(c) GDPR; CJEU C-394/23 Mousse).
export const gender = z.enum(['female', 'male', 'other']);

export const addressSchema = z.strictObject({
  kind: z.enum(ADDRESS_KINDS),
  street: trimmed(200),
  postalCode: trimmed(20),
  city: trimmed(100),
  country: countryCode,
});

/**
 * Where a person's data came from (Art. 14(2)(f), Art. 15(1)(g)): from the person (even when our staff typed it
 * in), from a contact person's employer, noted by our staff from their own contact, or imported from an earlier
 * administration. The access report says it in words.
 */
export const subjectSource = z.enum(['person', 'employer', 'staff', 'import']);
export type SubjectSource = z.infer<typeof subjectSource>;

const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number such as +31 30 123 4567');

export const newSubjectSchema = z.strictObject({
  reference: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{3,30}$/, 'must be 3-30 letters, digits or -')
    .optional(),
  firstName: trimmed(100),
  lastName: trimmed(100),
  gender: gender.optional(),
  email: z.email().max(254).optional(),
  phone: phone.optional(),
  language: z.enum(['nl', 'en']).default('nl'),
  addresses: z.array(addressSchema).max(10).default([]),
  source: subjectSource.default('person'),
  sourceOrganisation: trimmed(200).optional(),
});
export type NewSubject = z.input<typeof newSubjectSchema>;

/** A partial update; `null` clears an optional field, `addresses` replaces the whole list. */
export const subjectPatchSchema = z
  .strictObject({
    firstName: trimmed(100),
    lastName: trimmed(100),
    gender: gender.nullable(),
    email: z.email().max(254).nullable(),
    phone: phone.nullable(),
    language: z.enum(['nl', 'en']),
    addresses: z.array(addressSchema).max(10),
    source: subjectSource,
    sourceOrganisation: trimmed(200).nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'name at least one field to change');
export type SubjectPatch = z.input<typeof subjectPatchSchema>;

export const subjectSearchSchema = z.strictObject({
  q: z.string().trim().min(2).max(100).optional(),
  email: z.string().trim().min(3).max(254).optional(),
  phone: z.string().trim().min(4).max(30).optional(),
  reference: z.string().trim().min(1).max(30).optional(),
  purpose: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  /** Skips this many, for the next page (the list is by last name, first name). */
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type SubjectSearch = z.infer<typeof subjectSearchSchema>;

export const subjectSchema = z.object({
  id: z.string(),
  reference: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  gender: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  language: z.string(),
  addresses: z.array(addressSchema),
  source: z.string(),
  sourceOrganisation: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Subject = z.infer<typeof subjectSchema>;

export const subjectSummarySchema = subjectSchema.pick({
  id: true,
  reference: true,
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
});
export type SubjectSummary = z.infer<typeof subjectSummarySchema>;

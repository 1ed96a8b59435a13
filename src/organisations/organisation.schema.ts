import { z } from 'zod';
import { trimmed } from '../shared/schema.ts';
import { addressSchema, newSubjectSchema } from '../subjects/subject.schema.ts';

/**
 * What an organisation is in law. A legal entity's (BV, NV, foundation, association) own data is not personal
 * data; a sole trader's (eenmanszaak) or partnership's (vof, maatschap, cv) is: it is the data of the natural
 * persons behind it, its owners (docs/organisations.md).
 */
export const organisationKind = z.enum(['legal_entity', 'sole_trader', 'partnership']);
export type OrganisationKind = z.infer<typeof organisationKind>;

/** The eight digits of the Dutch trade register (Handelsregister, KvK). */
const kvkNumber = z
  .string()
  .trim()
  .regex(/^\d{8}$/, 'must be the eight digits of a KvK number');
/** A VAT identification number: two letters of the country and up to twelve characters (NL: NL999999999B99). */
const vatNumber = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s.]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}[0-9A-Z+*]{2,12}$/, 'must be a VAT number such as NL123456789B01'))
  .refine((v) => !v.startsWith('NL') || /^NL\d{9}B\d{2}$/.test(v), 'must be a Dutch VAT number as NL123456789B01');
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number such as +31 30 123 4567');

export const newOrganisationSchema = z.strictObject({
  name: trimmed(200),
  kind: organisationKind,
  kvkNumber: kvkNumber.optional(),
  vatNumber: vatNumber.optional(),
  email: z.email().max(254).optional(),
  phone: phone.optional(),
  addresses: z.array(addressSchema).max(10).default([]),
});
export type NewOrganisation = z.input<typeof newOrganisationSchema>;

/** A partial update; `null` clears an optional field, `addresses` replaces the whole list. */
export const organisationPatchSchema = z
  .strictObject({
    name: trimmed(200),
    kind: organisationKind,
    kvkNumber: kvkNumber.nullable(),
    vatNumber: vatNumber.nullable(),
    email: z.email().max(254).nullable(),
    phone: phone.nullable(),
    addresses: z.array(addressSchema).max(10),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'name at least one field to change');
export type OrganisationPatch = z.input<typeof organisationPatchSchema>;

/** The contact person's details when the employer gives us a new one: no source (it is the employer) and no gender. */
const contactPersonSchema = newSubjectSchema.omit({ source: true, sourceOrganisation: true, gender: true, reference: true });

/**
 * A contact person: an existing customer (`subjectId`) or a new person (`person`), with their role. `owner`: the
 * sole trader or a partner, whose personal data the organisation's own data is.
 */
export const newContactSchema = z
  .strictObject({
    subjectId: z.uuid('must be a UUID').optional(),
    person: contactPersonSchema.optional(),
    role: trimmed(100),
    owner: z.boolean().default(false),
  })
  .refine((c) => (c.subjectId === undefined) !== (c.person === undefined), {
    message: 'name either an existing person or a new one',
    path: ['subjectId'],
  });
export type NewContact = z.input<typeof newContactSchema>;

export const contactPatchSchema = z
  .strictObject({ role: trimmed(100), owner: z.boolean() })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'name at least one field to change');
export type ContactPatch = z.input<typeof contactPatchSchema>;

export const organisationSearchSchema = z.strictObject({
  q: z.string().trim().min(2).max(100),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const contactSchema = z.object({
  subjectId: z.string(),
  reference: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.string(),
  owner: z.boolean(),
  since: z.string(),
});
export type Contact = z.infer<typeof contactSchema>;

export const organisationSchema = z.object({
  id: z.string(),
  reference: z.string(),
  name: z.string(),
  kind: organisationKind,
  /** Whether its own data is personal data (a sole trader or partnership): then the log names its owners. */
  personalData: z.boolean(),
  kvkNumber: z.string().nullable(),
  vatNumber: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  addresses: z.array(addressSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const organisationSummarySchema = organisationSchema
  .pick({ id: true, reference: true, name: true, kind: true, kvkNumber: true })
  .extend({ contacts: z.array(contactSchema.pick({ subjectId: true, firstName: true, lastName: true, role: true })) });
export type OrganisationSummary = z.infer<typeof organisationSummarySchema>;

/** A case about the organisation: the person it is with, and what it is. */
export const organisationCaseSchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  kind: z.string(),
  title: z.string(),
  reference: z.string(),
  status: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
});

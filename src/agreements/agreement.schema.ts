import { AGREEMENT_KINDS } from '../db/vocabulary.ts';
import { z } from 'zod';
import { AGREEMENT_STATUSES, type AgreementStatus } from '../db/tables/records.ts';
import { calendarDate, trimmed } from '../shared/schema.ts';

export const agreementKind = z.enum(AGREEMENT_KINDS);
export const agreementStatus = z.enum(AGREEMENT_STATUSES);
export type AgreementKind = z.infer<typeof agreementKind>;
export type { AgreementStatus };

/** True when both dates are known and the end comes before the start. Dates are YYYY-MM-DD, so text order is date order. */
export const endsBeforeStart = (startDate: string | null | undefined, endDate: string | null | undefined): boolean =>
  typeof startDate === 'string' && typeof endDate === 'string' && endDate < startDate;

const END_BEFORE_START = { message: 'must not be before startDate', path: ['endDate'] };

export const newAgreementSchema = z
  .strictObject({
    kind: agreementKind,
    title: trimmed(200),
    status: agreementStatus.default('draft'),
    startDate: calendarDate.optional(),
    // The statement keeps contract data two years after the agreement ends: the end date is what
    // retention will count from, so it is a real date or absent, never a guess.
    endDate: calendarDate.optional(),
  })
  .refine((a) => !endsBeforeStart(a.startDate, a.endDate), END_BEFORE_START);
export type NewAgreement = z.input<typeof newAgreementSchema>;

/**
 * A partial update; `null` clears a date, or the contact person an organisation's agreement names. The kind and
 * the owner (person or organisation) are fixed once recorded.
 */
export const agreementPatchSchema = z
  .strictObject({
    title: trimmed(200),
    status: agreementStatus,
    startDate: calendarDate.nullable(),
    endDate: calendarDate.nullable(),
    /** One of the organisation's current contact persons. */
    contactId: z.uuid('must be a UUID').nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'name at least one field to change')
  .refine((p) => !endsBeforeStart(p.startDate, p.endDate), END_BEFORE_START);
export type AgreementPatch = z.input<typeof agreementPatchSchema>;

export const agreementSchema = z.object({
  id: z.string(),
  /** The person the record belongs to; null when it belongs to an organisation (organisationId). */
  subjectId: z.string().nullable(),
  organisationId: z.string().nullable(),
  /** The organisation's contact person the record names. */
  contactId: z.string().nullable(),
  kind: agreementKind,
  title: z.string(),
  status: agreementStatus,
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Agreement = z.infer<typeof agreementSchema>;

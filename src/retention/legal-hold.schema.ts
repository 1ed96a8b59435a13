import { z } from 'zod';
import { businessToday } from '../shared/business-day.ts';
import { systemClock } from '../shared/clock.ts';
import { listPageSchema, listQuery } from '../shared/list.ts';
import { calendarDate, trimmed } from '../shared/schema.ts';

/** The records a hold may name on its own; a message is held through its case. No record: the whole subject. */
export const HOLD_RECORD_TYPES = ['agreement', 'invoice', 'case', 'consent'] as const;

// Input is checked against the machine's business day (a schema at module level has no clock of the services);
// the service's clock decides what is in force.
const today = () => businessToday(systemClock.now());

export const newHoldSchema = z
  .strictObject({
    /** Why the data must be kept: the claim, complaint or proceedings it is evidence for. */
    reason: trimmed(1000),
    recordType: z.enum(HOLD_RECORD_TYPES).optional(),
    recordId: z.uuid('must be a UUID').optional(),
    /** The day the hold ends (it is in force until the day before). */
    endsOn: calendarDate.optional(),
    /** The day the dpo reviews whether the hold is still needed. */
    reviewOn: calendarDate.optional(),
  })
  .superRefine((h, ctx) => {
    if ((h.recordType === undefined) !== (h.recordId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['recordId'],
        message: 'name both recordType and recordId, or neither (a hold on the whole subject)',
      });
    }
    if (h.endsOn === undefined && h.reviewOn === undefined)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'give an end date or a review date' });
    if (h.endsOn !== undefined && h.endsOn <= today())
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must be after today' });
    if (h.reviewOn !== undefined && h.reviewOn < today())
      ctx.addIssue({ code: 'custom', path: ['reviewOn'], message: 'must not be in the past' });
    if (h.endsOn !== undefined && h.reviewOn !== undefined && h.reviewOn > h.endsOn) {
      ctx.addIssue({ code: 'custom', path: ['reviewOn'], message: 'must not be after the end date' });
    }
  });
export type NewHold = z.input<typeof newHoldSchema>;

export const holdReleaseSchema = z.strictObject({ reason: trimmed(1000) });
export type HoldRelease = z.input<typeof holdReleaseSchema>;

export const holdSchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  reason: z.string(),
  placedBy: z.string(),
  placedAt: z.string(),
  endsOn: z.string().nullable(),
  reviewOn: z.string().nullable(),
  releasedAt: z.string().nullable(),
  releasedBy: z.string().nullable(),
  releaseReason: z.string().nullable(),
  /** Not released and not ended: erasure and retention keep what it names. */
  inForce: z.boolean(),
});
export type Hold = z.infer<typeof holdSchema>;

export const HOLD_SORTS = ['placedAt', 'reviewOn', 'endsOn', 'customer'] as const;
/** In force (not released, not ended), released, or ended by its end date. */
export const HOLD_STATES = ['in_force', 'released', 'ended'] as const;

/** GET /api/holds: the holds on every customer, by state, review due, or customer; newest first (issue 19). */
export const holdListQuery = z.strictObject({
  state: z.enum(HOLD_STATES).optional(),
  /** Only holds in force whose review date has come: what the dpo must look at again. */
  reviewDue: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform((v) => v === true || v === 'true')
    .optional(),
  customer: z.uuid('must be a UUID').optional(),
  ...listQuery(HOLD_SORTS, 'placedAt', 'desc'),
});
export type HoldListQuery = z.input<typeof holdListQuery>;

/** A hold in the list across customers, with the customer's name. */
export const holdListItemSchema = holdSchema.extend({ customerName: z.string() });
export type HoldListItem = z.infer<typeof holdListItemSchema>;
export const holdListSchema = listPageSchema(holdListItemSchema);

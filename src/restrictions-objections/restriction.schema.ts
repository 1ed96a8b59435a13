import { z } from 'zod';
import type { LiftReason } from '../db/types.ts';

export const LIFT_REASONS = [
  'accuracy_verified',
  'grounds_override',
  'claims_ended',
  'person_asked',
] as const satisfies readonly LiftReason[];

/** The dpo's announcement that a restriction will be lifted (Art. 18(3)): why, in words the person reads. */
export const liftAnnouncementSchema = z.strictObject({
  reason: z.enum(LIFT_REASONS),
  motivation: z.string().trim().min(10).max(2000),
});
export type LiftAnnouncementInput = z.input<typeof liftAnnouncementSchema>;

export const restrictionSchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  requestId: z.string().nullable(),
  /** null: every purpose. */
  purpose: z.string().nullable(),
  /** The reason as recorded, in English for the log; pages show `ground` in their own language. */
  reason: z.string(),
  /** Why it stands: the person asked (Art. 18(1)), or an erasure kept records it restricts (Art. 17(3)). */
  ground: z.enum(['request', 'kept_after_erasure']),
  startedAt: z.string(),
  /** in_force: it stands; lift_announced: the person is being told, it stands until liftNotBefore; lifted. */
  state: z.enum(['in_force', 'lift_announced', 'lifted']),
  liftAnnouncedAt: z.string().nullable(),
  liftReason: z.enum(LIFT_REASONS).nullable(),
  liftMotivation: z.string().nullable(),
  /** When the notice reached the mail server; null while it waits. */
  liftNoticeSentAt: z.string().nullable(),
  /** The earliest moment it is lifted: the notice's delivery plus the lead time; null until delivered. */
  liftNotBefore: z.string().nullable(),
  liftedAt: z.string().nullable(),
  /** Whether the dpo can announce its lifting: in force, and not what an erasure keeps (Art. 17(3)). */
  liftable: z.boolean(),
});
export type Restriction = z.infer<typeof restrictionSchema>;

/** A person's restrictions, active and lifted, newest first. */
export const restrictionListSchema = z.object({ restrictions: z.array(restrictionSchema) });
export type RestrictionList = z.infer<typeof restrictionListSchema>;

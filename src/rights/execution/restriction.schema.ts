import { z } from 'zod';

export const restrictionSchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  requestId: z.string().nullable(),
  /** null: every purpose. */
  purpose: z.string().nullable(),
  reason: z.string(),
  startedAt: z.string(),
  liftedAt: z.string().nullable(),
  liftNoticeSentAt: z.string().nullable(),
});
export type Restriction = z.infer<typeof restrictionSchema>;

/** A person's restrictions, active and lifted, newest first. */
export const restrictionListSchema = z.object({ restrictions: z.array(restrictionSchema) });
export type RestrictionList = z.infer<typeof restrictionListSchema>;

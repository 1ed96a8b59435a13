import { OBJECTION_STATUSES } from '../db/vocabulary.ts';
import { z } from 'zod';

/** An objection to processing for a purpose (Art. 21): pending, upheld (the purpose ends for the person) or rejected. */
export const objectionSchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  purpose: z.string(),
  requestId: z.string().nullable(),
  status: z.enum(OBJECTION_STATUSES),
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type Objection = z.infer<typeof objectionSchema>;

/** A person's objections, newest first. */
export const objectionListSchema = z.object({ objections: z.array(objectionSchema) });
export type ObjectionList = z.infer<typeof objectionListSchema>;

import { z } from 'zod';
import { SEVERITIES } from './check.ts';

export const selfCheckQuerySchema = z.strictObject({
  /** How many runs of the history to list, newest first. */
  limit: z.coerce.number().int().min(1).max(365).default(30),
});
export type SelfCheckQuery = z.input<typeof selfCheckQuerySchema>;

export const checkResultSchema = z.object({
  id: z.string(),
  severity: z.enum(SEVERITIES),
  /** What the check found, in English. */
  message: z.string(),
  /** The same in Dutch (the English for results kept before Dutch was stored). */
  messageNl: z.string(),
  /** The measure of the statement's BEVEILIGING section the check supports (the policy's `security` ids). */
  measure: z.object({ id: z.string().nullable(), description: z.object({ nl: z.string(), en: z.string() }) }),
});
export type CheckResultView = z.infer<typeof checkResultSchema>;

export const runSummarySchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** schedule: the daily job; cli: `kluis doctor`. */
  source: z.enum(['schedule', 'cli']),
  ranBy: z.string(),
  errors: z.number(),
  warnings: z.number(),
  unknowns: z.number(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const selfCheckRunSchema = runSummarySchema.extend({ checks: z.array(checkResultSchema) });
export type SelfCheckRun = z.infer<typeof selfCheckRunSchema>;

export const selfChecksSchema = z.object({
  /** The newest run with what each check found; null before the first run. */
  latest: selfCheckRunSchema.nullable(),
  history: z.array(runSummarySchema),
});
export type SelfChecks = z.infer<typeof selfChecksSchema>;

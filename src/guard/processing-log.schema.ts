import { z } from 'zod';

export const logQuerySchema = z.strictObject({
  subjectId: z.uuid().optional(),
  actorId: z.string().max(100).optional(),
  operation: z.enum(['collect', 'store', 'consult', 'modify', 'erase', 'export', 'disclose']).optional(),
  outcome: z.enum(['allowed', 'denied']).optional(),
  /** A record type of the policy, or what an administrative entry names ('account', 'register', 'retention', …). */
  recordType: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type LogQuery = z.input<typeof logQuerySchema>;

export const logEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.object({
    kind: z.string(),
    id: z.string(),
    role: z.string(),
    /** The user's display name or the API token's name, so nobody reads an id; null for the CLI and the jobs. */
    name: z.string().nullable(),
  }),
  operation: z.string(),
  purpose: z.string(),
  recordType: z.string(),
  subjectIds: z.array(z.string()),
  records: z.array(z.string()),
  outcome: z.string(),
  reason: z.string().nullable(),
  hash: z.string(),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

export const logPageSchema = z.object({
  entries: z.array(logEntrySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: z.number().nullable(),
});

/** The export: the same filters, without paging (the newest `EXPORT_LIMIT` entries). */
export const logExportQuerySchema = logQuerySchema.omit({ before: true, limit: true });
export type LogExportQuery = z.input<typeof logExportQuerySchema>;

/** What `verifyChain` found; `checkpoint` when older entries were pruned after their retention period. */
export const chainReportSchema = z.object({
  ok: z.boolean(),
  /** The entries checked: every entry after the checkpoint, or all of them. */
  entries: z.number(),
  /** Entries committed but not chained yet by the sealer (normally those of the last second). */
  unsealed: z.number().optional(),
  firstBroken: z.object({ seq: z.number(), problem: z.string() }).optional(),
  /** Entries `first` to `seq`, written before `prunedBefore`, were pruned at `at`; the check started after them. */
  checkpoint: z.object({ seq: z.number(), first: z.number(), prunedBefore: z.string(), at: z.string() }).optional(),
});

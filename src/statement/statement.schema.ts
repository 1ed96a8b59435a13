import { z } from 'zod';

export const statementLang = z.enum(['nl', 'en']);
export const statementFormat = z.enum(['md', 'html']);

export const publishInputSchema = z.strictObject({
  /** A change customers must hear of (new purpose, new recipient, longer period): recorded for the outbox. */
  materialChange: z.boolean().optional(),
  changeSummary: z.string().trim().min(1).max(1000).optional(),
});
export type PublishInput = z.infer<typeof publishInputSchema>;

export const customerNotice = z.enum(['none', 'requested']);

export const statementVersionSchema = z.object({
  version: z.number().int(),
  publishedAt: z.string(),
  publishedBy: z.string(),
  contentHash: z.string(),
  materialChange: z.boolean(),
  changeSummary: z.string().nullable(),
  /** Whether customers are to be told of this version (Art. 13(3), Art. 12(1)); the outbox sends it later. */
  customerNotice,
});
export type StatementVersion = z.infer<typeof statementVersionSchema>;

export const publishResultSchema = z.object({
  /** False when the text equals the newest version: nothing was published, that version is returned. */
  published: z.boolean(),
  message: z.string(),
  version: statementVersionSchema,
});
export type PublishResult = z.infer<typeof publishResultSchema>;

export const previewQuerySchema = z.strictObject({ lang: statementLang.default('nl'), format: statementFormat.default('md') });

export const previewSchema = z.object({
  lang: statementLang,
  format: statementFormat,
  content: z.string(),
  contentHash: z.string(),
  /** The newest published version, or null. */
  publishedVersion: z.number().int().nullable(),
  /** Whether publishing now would make a new version. */
  unpublishedChanges: z.boolean(),
});
export type Preview = z.infer<typeof previewSchema>;

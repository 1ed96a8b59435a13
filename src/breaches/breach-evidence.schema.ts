import { z } from 'zod';
import { fileScanSchema, newAttachmentSchema } from '../cases/case.schema.ts';

/** One file that documents a breach: a screenshot, a log, a processor's letter; as base64, like an attachment. */
export const newEvidenceSchema = newAttachmentSchema;
export type NewEvidence = z.input<typeof newEvidenceSchema>;

export const evidenceSchema = z.object({
  id: z.string(),
  breachId: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  /** What the virus scanner said: a file in quarantine is not served until a scan clears it. */
  scan: fileScanSchema,
  addedAt: z.string(),
  addedBy: z.string(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

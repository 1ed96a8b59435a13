import { MESSAGE_CHANNELS, MESSAGE_DIRECTIONS } from '../db/vocabulary.ts';
import { z } from 'zod';
import { caseKind, caseSummarySchema } from './case-list.schema.ts';

export { caseKind, caseStatus, caseSummarySchema, type CaseSummary } from './case-list.schema.ts';
import { UNAVAILABLE_REASONS } from '../scanner/scanner.ts';
import { timestamp, trimmed } from '../shared/schema.ts';
import { MAX_ATTACHMENTS_PER_MESSAGE, MAX_MESSAGE_BODY_CHARS } from '../mail/message-limits.ts';
import { sanitizeFilename } from '../shared/file-name.ts';
import { isCanonicalBase64 } from './attachment.ts';
import { systemClock } from '../shared/clock.ts';

export const messageChannel = z.enum(MESSAGE_CHANNELS);
export const messageDirection = z.enum(MESSAGE_DIRECTIONS);

/** What the virus scanner said of a stored file (src/scanner/): a file in quarantine is not served or packaged. */
export const fileScanSchema = z.object({
  status: z.enum(['clean', 'quarantined', 'unscanned']),
  /** When the scanner gave its verdict, or last tried while the file waits in quarantine. */
  scannedAt: z.string().nullable(),
  /** Why the file waits in quarantine: the scanner could not be reached, answered garbage, found it too large, … */
  problem: z.enum(UNAVAILABLE_REASONS).nullable(),
});

export type FileScan = z.infer<typeof fileScanSchema>;

export const attachmentSummarySchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  scan: fileScanSchema,
});

export const messageSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  channel: messageChannel,
  direction: messageDirection,
  occurredAt: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  title: z.string().nullable(),
  body: z.string(),
  attachments: z.array(attachmentSummarySchema),
  createdAt: z.string(),
});
export type Message = z.infer<typeof messageSchema>;

export const caseSchema = caseSummarySchema.extend({ messages: z.array(messageSchema) });
export type Case = z.infer<typeof caseSchema>;

// PostgreSQL text cannot hold NUL, and no letter or e-mail needs one: refuse it rather than fail on one dialect.
const withoutNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'must not contain NUL characters';
const text = (max: number) => trimmed(max).refine(withoutNul, NUL_MESSAGE);

// A little slack for clocks that run ahead; correspondence is recorded after it happened, never before.
const CLOCK_SKEW_MS = 5 * 60 * 1000;
// The schema lives at module level, also in the routes' validation, where no clock of the services reaches: the
// machine's clock, explicitly. The service records the time from its own clock.
const pastMoment = timestamp.refine(
  (t) => Date.parse(t) <= systemClock.now().getTime() + CLOCK_SKEW_MS,
  'must not be in the future',
);

// RFC 6838 type/subtype, optionally with parameters; nothing that could break out of a header.
const MEDIA_TYPE =
  /^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}(; ?[a-z0-9!#$&^_.+-]{1,40}=("[^"\\\u0000-\u001f\u007f]{0,100}"|[a-z0-9!#$&^_.+-]{1,100}))*$/;

export const newAttachmentSchema = z.strictObject({
  filename: z.string().min(1).max(1000).transform(sanitizeFilename),
  contentType: z
    .string()
    .trim()
    .toLowerCase()
    .max(200)
    .regex(MEDIA_TYPE, 'must be a media type such as application/pdf')
    .default('application/octet-stream'),
  // The decoded size is checked by the service, which answers payload_too_large like an oversized body.
  contentBase64: z
    .string()
    .refine(isCanonicalBase64, 'must be padded base64 (RFC 4648) without line breaks')
    .meta({ contentEncoding: 'base64', description: 'The content as padded base64, at most 5 MiB decoded' }),
});
export type NewAttachment = z.input<typeof newAttachmentSchema>;

const messageFields = {
  channel: messageChannel,
  direction: messageDirection,
  occurredAt: pastMoment,
  from: text(500).optional(),
  to: text(500).optional(),
  title: text(200).optional(),
  // Not trimmed: the text is kept as it was written or received.
  body: z.string().max(MAX_MESSAGE_BODY_CHARS).refine(withoutNul, NUL_MESSAGE),
};
const hasContent = (m: { body: string; attachments?: unknown[] }) => m.body.trim() !== '' || (m.attachments?.length ?? 0) > 0;
const CONTENT_PROBLEM = { message: 'a message needs a body or an attachment', path: ['body'] };

/** A message with its attachments, the one input that may be large (see MESSAGE_ROUTE_BODY_LIMIT). */
export const newMessageSchema = z
  .strictObject({ ...messageFields, attachments: z.array(newAttachmentSchema).max(MAX_ATTACHMENTS_PER_MESSAGE).default([]) })
  .refine(hasContent, CONTENT_PROBLEM);
export type NewMessage = z.input<typeof newMessageSchema>;

/** A case, with the message that started it; attachments are added with POST /api/cases/:id/messages. */
export const newCaseSchema = z.strictObject({
  kind: caseKind,
  title: text(200),
  message: z.strictObject(messageFields).refine(hasContent, CONTENT_PROBLEM).optional(),
});
export type NewCase = z.input<typeof newCaseSchema>;

/** The fields of a message as the service gets them, parsed. */
export type MessageFields = Omit<z.output<typeof newMessageSchema>, 'attachments'>;
export type ParsedAttachment = z.output<typeof newAttachmentSchema>;

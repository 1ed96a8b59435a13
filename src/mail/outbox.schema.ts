import { z } from 'zod';

import { OUTBOX_STATUSES } from '../db/vocabulary.ts';

export { OUTBOX_STATUSES, type OutboxStatus } from '../db/vocabulary.ts';

/** `createdAt_id` of the last message of a page: the next page starts below it. */
const cursor = z.string().regex(/^\d{4}-\d{2}-\d{2}T[0-9:.]+Z_[0-9a-f-]{36}$/, 'must be the `next` of a previous page');

export const outboxQuerySchema = z.strictObject({
  status: z.enum(OUTBOX_STATUSES).optional(),
  relatedType: z.string().trim().min(1).max(50).optional(),
  relatedId: z.string().trim().min(1).max(100).optional(),
  purpose: z.string().max(50).optional(),
  before: cursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type OutboxQuery = z.input<typeof outboxQuerySchema>;

/** The title a listing shows instead of the letter's own, for a message about a restricted person. */
export const RESTRICTED_TITLE = 'Beperkt (art. 18 AVG)';

export const outboxMessageSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  kind: z.string(),
  /**
   * True when the message concerns a person whose processing is restricted (Art. 18) and the reader may not
   * consult it: only the delivery metadata is shown; to, text, html, related, subjectId and lastError are
   * null and the title is `Beperkt (art. 18 AVG)`. The dpo always sees the whole message.
   */
  restricted: z.boolean(),
  /** null when restricted. */
  to: z.string().nullable(),
  title: z.string(),
  /**
   * The whole text, except that a secret (a verification or download code, a link with a token) is a placeholder
   * such as `[code verstuurd]` / `[link sent]`: only delivery puts the secret in. null when restricted, and once
   * the text was removed (`textRemovedAt`).
   */
  text: z.string().nullable(),
  html: z.string().nullable(),
  /**
   * When the text and HTML were removed: thirty days after delivery, or after the last attempt of a message that
   * was given up (Art. 5(1)(e)); the address, title, times and status stay. null while the text is kept.
   */
  textRemovedAt: z.string().nullable(),
  language: z.string(),
  related: z.object({ type: z.string(), id: z.string() }).nullable(),
  subjectId: z.string().nullable(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  messageId: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export const outboxPageSchema = z.object({
  messages: z.array(outboxMessageSchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: z.string().nullable(),
  /** False when no SMTP server is configured: nothing is sent, messages wait here. */
  deliveryConfigured: z.boolean(),
});
export type OutboxPage = z.infer<typeof outboxPageSchema>;

import { z } from 'zod';
import { mailAuthenticationSchema } from '../mail/mail-authentication.schema.ts';
import { requestKind, requestLanguage } from '../rights/request.schema.ts';

/** Why a mail waits for staff instead of being filed by itself (mail-routing.ts). */
export const INBOX_REASONS = [
  'not_addressed',
  'no_sender',
  'automatic',
  'bulk',
  'closed',
  'dmarc_failed',
  'restricted',
  'refused',
] as const;
export const inboxReason = z.enum(INBOX_REASONS);

export const inboxAttachmentSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
});

export const inboxItemSummarySchema = z.object({
  id: z.string(),
  /** When the mail arrived in the mailbox: a request registered from it counts its deadline from this moment. */
  receivedAt: z.string(),
  from: z.string().nullable(),
  title: z.string().nullable(),
  reason: inboxReason,
  /** The reference of the closed case or request it answers, what was wrong with a refused mail, the failing domain. */
  reasonDetail: z.string().nullable(),
  attachmentCount: z.number().int(),
  /** Whether the sender's domain vouched for the mail (DKIM, DMARC); null for a refused mail, which was not checked. */
  authenticated: z.boolean().nullable(),
});
export type InboxItemSummary = z.infer<typeof inboxItemSummarySchema>;

export const inboxItemSchema = inboxItemSummarySchema.extend({
  to: z.string().nullable(),
  body: z.string(),
  /** The mail's Date header. */
  occurredAt: z.string(),
  sizeBytes: z.number().int(),
  relatedRequestId: z.string().nullable(),
  relatedCaseId: z.string().nullable(),
  mailAuthentication: mailAuthenticationSchema.nullable(),
  attachments: z.array(inboxAttachmentSchema),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const inboxListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });
export const inboxListSchema = z.object({ items: z.array(inboxItemSummarySchema), total: z.number().int() });
export const attachmentParams = z.strictObject({ id: z.uuid('must be a UUID'), attachmentId: z.uuid('must be a UUID') });

/** To a customer's case: the mail becomes a message of it (of its request, when it is a request's case). */
export const assignSchema = z.strictObject({ caseId: z.uuid('must be the id of a case') });

/** As a request (P12), received when the mail arrived; its kind and, for an objection or a withdrawal, the purpose. */
export const registerSchema = z
  .strictObject({
    kind: requestKind,
    purpose: z.string().trim().min(1).max(50).optional(),
    language: requestLanguage.optional(),
    /** The requester's name; the sender's display name by default. */
    name: z.string().trim().min(1).max(200).optional(),
    /** Where the answer goes; the sender's address by default. */
    email: z.email('must be an e-mail address').max(254).optional(),
  })
  .superRefine((r, ctx) => {
    // Art. 21 and 7(3) are per purpose, as for every other way a request comes in.
    if ((r.kind === 'objection' || r.kind === 'withdraw_consent') && r.purpose === undefined)
      ctx.addIssue({ code: 'custom', path: ['purpose'], message: 'name the purpose this is about' });
  });

export const filedSchema = z.object({
  caseId: z.string().nullable(),
  messageId: z.string().nullable(),
  /** Set when the mail went to a request (its details before verification, its case after). */
  requestId: z.string().nullable(),
});
export type Filed = z.infer<typeof filedSchema>;

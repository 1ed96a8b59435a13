import { z } from 'zod';

export const caseKind = z.enum(['question', 'complaint', 'request']);
export const caseStatus = z.enum(['open', 'closed']);
export const messageChannel = z.enum(['email', 'letter', 'phone', 'portal', 'in_person']);
export const messageDirection = z.enum(['inbound', 'outbound']);

export const attachmentSummarySchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
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

export const caseSchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  kind: caseKind,
  title: z.string(),
  reference: z.string(),
  status: caseStatus,
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  messages: z.array(messageSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Case = z.infer<typeof caseSchema>;

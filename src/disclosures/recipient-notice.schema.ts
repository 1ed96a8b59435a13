import { NOTICE_STATUSES } from '../db/vocabulary.ts';
import { z } from 'zod';
import { listPageSchema, listQuery } from '../shared/list.ts';
import { trimmed } from '../shared/schema.ts';
import { disclosedCompanySchema } from './disclosure.schema.ts';

export const noticeStatus = z.enum(NOTICE_STATUSES);

/** The recipient confirmed it acted on the notice (Art. 19); what it said, if anything worth keeping. */
export const confirmationSchema = z.strictObject({ note: trimmed(1000).optional() });
export type Confirmation = z.input<typeof confirmationSchema>;

/** Art. 19: telling a recipient "proves impossible or involves disproportionate effort"; why, required. */
export const impossibilitySchema = z.strictObject({ reason: trimmed(1000) });
export type Impossibility = z.input<typeof impossibilitySchema>;

export const NOTICE_SORTS = ['createdAt', 'kind', 'customer'] as const;

/**
 * GET /api/recipient-notices: the Art. 19 notices in a status, queued by default (what still waits for the
 * recipient), by kind and customer; oldest first (issue 19).
 */
export const noticeQuery = z.strictObject({
  status: noticeStatus.default('queued'),
  kind: z.enum(['rectification', 'erasure', 'restriction']).optional(),
  customer: z.uuid('must be a UUID').optional(),
  ...listQuery(NOTICE_SORTS, 'createdAt'),
});
export type NoticeQuery = z.input<typeof noticeQuery>;

/** An Art. 19 notice to a recipient, tracked until it is confirmed or found impossible. */
export const recipientNoticeSchema = z.object({
  id: z.string(),
  requestId: z.string().nullable(),
  subjectId: z.string(),
  /** The recipient: the company that received the data (by its legal name) where the register names it. */
  recipient: z.object({
    id: z.string(),
    name: z.object({ nl: z.string(), en: z.string() }),
    category: z.object({ nl: z.string(), en: z.string() }).nullable(),
    company: disclosedCompanySchema.nullable(),
  }),
  /** rectification | erasure | restriction */
  kind: z.string(),
  createdAt: z.string(),
  /** The message to the recipient's registered address; null when the register has none. */
  message: z.object({ id: z.string(), status: z.string(), sentAt: z.string().nullable() }).nullable(),
  status: noticeStatus,
  note: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
});
export type RecipientNotice = z.infer<typeof recipientNoticeSchema>;

export const recipientNoticeListSchema = z.object({ notices: z.array(recipientNoticeSchema) });

/** A notice in the list across customers, with the customer's name. */
/** A notice in the dpo's list, with the person's name; null when the person was erased (the notice outlives them). */
export const noticeListItemSchema = recipientNoticeSchema.extend({ customerName: z.string().nullable() });
export type NoticeListItem = z.infer<typeof noticeListItemSchema>;
export const noticeListPageSchema = listPageSchema(noticeListItemSchema);

import { z } from 'zod';

const recordType = z.enum(['subject', 'agreement', 'invoice', 'case', 'message', 'consent']);

/** One record of the person, named as staff know it: an invoice by its number, an agreement by its title. */
const previewRecord = z.object({
  recordType,
  id: z.string(),
  /** The invoice number (null for a draft), the agreement's or case's title, the consent's purpose. */
  title: z.string().nullable(),
  /** The record's own date: an invoice's issue date, an agreement's end or start, a case's opening, a consent given. */
  date: z.string().nullable(),
  /** A case: how many messages go or stay with it. */
  messages: z.number().int().optional(),
});

/** A record the law keeps (Art. 17(3)): the ground and until when. */
const keptRecord = previewRecord.extend({
  /** 'b': a legal obligation (Art. 17(3)(b)); 'e': legal claims, a legal hold (Art. 17(3)(e)). */
  ground: z.enum(['b', 'e']),
  legalObligation: z.string().nullable(),
  until: z.string().nullable(),
  reviewOn: z.string().nullable(),
});

/**
 * What an erasure would do today (a dry run of the erasure executor, nothing changed): the records it deletes, the
 * records the law keeps with the ground and date of each, and what becomes of the name and contact details.
 */
export const erasurePreviewSchema = z.object({
  subject: z.object({ id: z.string(), name: z.string(), reference: z.string() }).nullable(),
  erased: z.array(previewRecord),
  kept: z.array(keptRecord),
  /** 'deleted': nothing is kept, the person goes; 'reduced': name and reference stay, the rest goes; 'held': a hold keeps them all. */
  contactDetails: z.enum(['deleted', 'reduced', 'held']),
});
export type ErasurePreview = z.infer<typeof erasurePreviewSchema>;

/** The erasures done for a person (Art. 17), and what is kept of them now, with why and until when. */
export const erasureHistorySchema = z.object({
  erasures: z.array(
    z.object({
      requestId: z.string(),
      reference: z.string(),
      decision: z.string(),
      decidedAt: z.string().nullable(),
      erasedRecords: z.number().int(),
    }),
  ),
  kept: z.array(keptRecord),
});
export type ErasureHistory = z.infer<typeof erasureHistorySchema>;

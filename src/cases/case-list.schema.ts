import { CASE_KINDS, CASE_STATUSES } from '../db/vocabulary.ts';
import { z } from 'zod';
import { listPageSchema, listQuery } from '../shared/list.ts';

// A case as lists show it, apart from its messages and attachments, so the back office can import these types
// without the attachment rules (web/src/pages/cases).
export const caseKind = z.enum(CASE_KINDS);
export const caseStatus = z.enum(CASE_STATUSES);

export const caseSummarySchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  kind: caseKind,
  title: z.string(),
  reference: z.string(),
  status: caseStatus,
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const CASE_SORTS = ['openedAt', 'reference', 'title', 'customer', 'status'] as const;

/** GET /api/cases: every customer's cases by status, kind, customer, or a reference or title; newest first. */
export const caseListQuery = z.strictObject({
  status: caseStatus.optional(),
  kind: caseKind.optional(),
  customer: z.uuid('must be a UUID').optional(),
  q: z.string().trim().min(1).max(100).optional(),
  purpose: z.string().max(50).optional(),
  ...listQuery(CASE_SORTS, 'openedAt', 'desc'),
});
export type CaseListQuery = z.input<typeof caseListQuery>;

/** A case in the list, with its customer's name: a person reads names, not ids (issue 19). */
export const caseListItemSchema = caseSummarySchema.extend({ customerName: z.string() });
export type CaseListItem = z.infer<typeof caseListItemSchema>;
export const caseListSchema = listPageSchema(caseListItemSchema);

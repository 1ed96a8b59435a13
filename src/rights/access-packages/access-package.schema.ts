import { PACKAGE_REVIEW_STATUSES } from '../../db/vocabulary.ts';
import { z } from 'zod';
import { listPageSchema, listQuery } from '../../shared/list.ts';
import { sixDigitCode } from '../../shared/schema.ts';

export const accessPackageSchema = z.object({
  id: z.string(),
  requestId: z.string(),
  subjectId: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  sizeBytes: z.number(),
  /** access (Art. 15) or portability (Art. 20). */
  kind: z.enum(['access', 'portability']),
  /**
   * pending_review: staff check it for other people's data (Art. 15(4), 20(4)); awaiting_confirmation: a transfer
   * waits for the person to confirm the organisation's address (Art. 20(2)); released: the link went out.
   */
  reviewStatus: z.enum(PACKAGE_REVIEW_STATUSES),
  /** Where the link went when not to the person: the organisation the person named and confirmed (Art. 20(2)). */
  deliverTo: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  releasedAt: z.string().nullable(),
  downloadedAt: z.string().nullable(),
});
export type AccessPackage = z.infer<typeof accessPackageSchema>;

export const PACKAGE_SORTS = ['createdAt', 'expiresAt', 'reference', 'customer'] as const;

/**
 * GET /api/access-packages: the packages of every request by review status and kind, oldest first: what waits for
 * release longest comes first (issue 19).
 */
export const packageListQuery = z.strictObject({
  reviewStatus: accessPackageSchema.shape.reviewStatus.optional(),
  kind: accessPackageSchema.shape.kind.optional(),
  ...listQuery(PACKAGE_SORTS, 'createdAt'),
});
export type PackageListQuery = z.input<typeof packageListQuery>;

/** A package in the list, with its request's reference and the person's name. */
export const packageListItemSchema = accessPackageSchema.extend({ requestReference: z.string(), customerName: z.string() });
export type PackageListItem = z.infer<typeof packageListItemSchema>;
export const packageListSchema = listPageSchema(packageListItemSchema);

/** The link's token: 256 bits, base64url. */
export const packageToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'must be the token from the link');
export const tokenParam = z.strictObject({ token: packageToken });
/** Who the link went to: absent for the person, `recipient` for the organisation the person named (Art. 20(2)). */
const downloaderParam = z.literal('recipient').optional();
/** The query of the page's button that sends a code. */
export const linkQuery = z.strictObject({ token: packageToken, for: downloaderParam });
/** The download code, as people type it ("123 456" is "123456"). */
export const packageCode = sixDigitCode('must be the 6-digit code from the mail');
/** What went wrong with the last post of the page, by its stable code (post/redirect/get, issue 19, part 6). */
export const DOWNLOAD_PROBLEMS = ['validation_failed', 'expired', 'not_found', 'rate_limited', 'conflict'] as const;
export type DownloadProblem = (typeof DOWNLOAD_PROBLEMS)[number];
export const downloadQuery = z.strictObject({
  token: packageToken,
  code: packageCode.optional(),
  /** Set by the page after a code was sent. */
  sent: z.literal('1').optional(),
  /** Set by the page after the right code: the download button, if the grant in the cookie still holds. */
  ready: z.literal('1').optional(),
  /** Set by the page after a post that failed; anything else is not ours and shows no error. */
  problem: z.enum(DOWNLOAD_PROBLEMS).optional().catch(undefined),
  /** The organisation a person had the package sent to (Art. 20(2)) downloads it: the page speaks to it. */
  for: downloaderParam,
});

import { z } from 'zod';

export const accessPackageSchema = z.object({
  id: z.string(),
  requestId: z.string(),
  subjectId: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  sizeBytes: z.number(),
  /** pending_review: staff check it for other people's data (Art. 15(4)); released: the link went out. */
  reviewStatus: z.enum(['pending_review', 'released']),
  reviewedBy: z.string().nullable(),
  releasedAt: z.string().nullable(),
  downloadedAt: z.string().nullable(),
});
export type AccessPackage = z.infer<typeof accessPackageSchema>;

/** The link's token: 256 bits, base64url. */
export const packageToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'must be the token from the link');
export const tokenParam = z.strictObject({ token: packageToken });
export const downloadQuery = z.strictObject({
  token: packageToken,
  code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code from the mail').optional(),
  /** Set by the page after a code was sent. */
  sent: z.literal('1').optional(),
});

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { zipSync } from 'fflate';
import type { RightsRequestRow } from '../../db/types.ts';
import type { ProcessingContext } from '../../guard/guard.ts';
import * as packages from './access-package.repository.ts';

/** How long a released link works (the issue: an expiring link). */
export const PACKAGE_DAYS = 14;

/** What a package answers: a request for access (Art. 15) or for portability (Art. 20). */
export type PackageKind = 'access' | 'portability';

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Zips the files into a package of the request, waiting for the dpo's review before anything goes out (Art. 15(4):
 * messages may hold other people's data; the same holds for Art. 20(4)). Named in the processing's log entry.
 */
export async function storePackage(
  ctx: ProcessingContext,
  request: Pick<RightsRequestRow, 'id'>,
  subjectId: string,
  kind: PackageKind,
  files: Record<string, Uint8Array>,
  generatedAt: string,
): Promise<string> {
  const content = zipSync(files, { level: 6, mtime: new Date(generatedAt) });
  const id = randomUUID();
  await packages.insert(ctx.trx, {
    id,
    request_id: request.id,
    subject_id: subjectId,
    kind,
    created_at: generatedAt,
    // Replaced at release; until then the package has no link (this hash is of a secret nobody holds).
    expires_at: new Date(Date.parse(generatedAt) + PACKAGE_DAYS * 86_400_000).toISOString(),
    token_hash: tokenHash(randomBytes(32).toString('base64url')),
    content,
    size_bytes: content.byteLength,
    review_status: 'pending_review',
    reviewed_by: null,
    released_at: null,
    downloaded_at: null,
    deliver_to: null,
    disclosure_id: null,
  });
  ctx.touch('access_package', id, subjectId);
  return id;
}

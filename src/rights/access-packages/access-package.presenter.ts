import type { PackageSummaryRow } from './access-package.repository.ts';
import type { AccessPackage } from './access-package.schema.ts';

export function presentPackage(row: PackageSummaryRow): AccessPackage {
  return {
    id: row.id,
    requestId: row.request_id,
    subjectId: row.subject_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    sizeBytes: Number(row.size_bytes),
    kind: row.kind,
    reviewStatus: row.review_status,
    deliverTo: row.deliver_to,
    reviewedBy: row.reviewed_by,
    releasedAt: row.released_at,
    downloadedAt: row.downloaded_at,
  };
}

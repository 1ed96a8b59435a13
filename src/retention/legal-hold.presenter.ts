import type { LegalHoldRow } from '../db/types.ts';
import type { Hold } from './legal-hold.schema.ts';

export function presentHold(row: LegalHoldRow, today: string): Hold {
  return {
    id: row.id,
    subjectId: row.subject_id,
    recordType: row.record_type,
    recordId: row.record_id,
    reason: row.reason,
    placedBy: row.placed_by,
    placedAt: row.placed_at,
    endsOn: row.ends_on,
    reviewOn: row.review_on,
    releasedAt: row.released_at,
    releasedBy: row.released_by,
    releaseReason: row.release_reason,
    inForce: row.released_at === null && (row.ends_on === null || row.ends_on > today),
  };
}

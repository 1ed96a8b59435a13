import type { Generated } from 'kysely';

// Legal holds and the erasure ledger.
// Dates are ISO 8601 text on both dialects (see src/db/types.ts).

export interface LegalHoldsTable {
  id: string;
  subject_id: string;
  /** With record_id: the one record held; both null: the whole subject. */
  record_type: string | null;
  record_id: string | null;
  reason: string;
  placed_by: string;
  placed_at: string;
  ends_on: string | null;
  review_on: string | null;
  released_at: string | null;
  released_by: string | null;
  release_reason: string | null;
}

export interface ErasureLedgerTable {
  seq: Generated<number>;
  at: string;
  kind: 'erasure' | 'retention';
  record_type: string;
  record_id: string;
  subject_id: string;
  request_id: string | null;
  /** Records that went with this row beyond the one it names (a subject the sweep removed: its records). */
  records_with: Generated<number>;
}

/** The fingerprint of the retention rules the stored retain_until dates were computed under (one row). */
/** Work done once per installation at start-up, through the guard (src/subjects/gender-erasure.ts). */
export interface OneTimeJobsTable {
  name: string;
  done_at: string;
  outcome: string;
}

export interface RetentionBasisTable {
  id: number;
  fingerprint: string;
  computed_at: string;
}

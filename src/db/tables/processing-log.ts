import type { LogOutcome } from '../vocabulary.ts';

// The hash-chained processing log.
// Dates are ISO 8601 text on both dialects (see src/db/types.ts).

export interface ProcessingLogTable {
  seq: number;
  at: string;
  actor_kind: string;
  actor_id: string;
  actor_role: string;
  operation: string;
  purpose: string;
  record_type: string;
  /** JSON array of subject ids this operation touched. */
  subject_ids: string;
  /** JSON array of "type:id" references. */
  records: string;
  outcome: LogOutcome;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface ProcessingLogSubjectsTable {
  subject_id: string;
  log_seq: number;
}

export interface ProcessingLogHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/**
 * One pruning of the processing log (src/guard/log-retention.ts): entries first_seq..seq were removed; `hash` is
 * the hash of entry `seq`, which the first remaining entry links to; `entry_seq` is the entry, in the chain,
 * that records the pruning with exactly these values. The newest row is where verification starts.
 */
export interface ProcessingLogCheckpointsTable {
  seq: number;
  hash: string;
  first_seq: number;
  /** Entries written before this day (YYYY-MM-DD) were due. */
  pruned_before: string;
  entry_seq: number;
  at: string;
}

// The self-check of the security measures: its runs and what each check found.
// Dates are ISO 8601 text on both dialects (see src/db/types.ts).

import type { Severity } from '../vocabulary.ts';

export interface SelfCheckRunsTable {
  id: string;
  started_at: string;
  finished_at: string;
  /** schedule (the daily job) | cli (`kluis doctor`) */
  source: string;
  /** The actor's id: the job's name or the operating-system user. */
  ran_by: string;
  errors: number;
  warnings: number;
  unknowns: number;
  /** SHA-256 of the settings the run read (the backup key among them); null in runs kept before. */
  settings_digest: string | null;
}

export interface SelfCheckResultsTable {
  run_id: string;
  /** The check's place in the run, from 0. */
  position: number;
  check_id: string;
  /** ok | warning | error | unknown */
  severity: Severity;
  /** The id of the policy's security measure the check supports; null: the BEVEILIGING section as a whole. */
  measure: string | null;
  /** What the check found, in English. */
  message: string;
  /** The same in Dutch; null in results kept before it was (they show the English). */
  message_nl: string | null;
}

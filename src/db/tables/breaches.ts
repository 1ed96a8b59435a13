// The breach register (Art. 33(5) GDPR) and the notifications to the supervisory authority.
// Dates are ISO 8601 text on both dialects (see src/db/types.ts).

import type { ScanProblem, ScanStatus } from './records.ts';
import type { ExemptionGround, NotificationPhase, Risk } from '../vocabulary.ts';

export interface BreachesTable {
  id: string;
  /** When the controller became aware of the breach: the 72 hours of Art. 33(1) run from here. */
  became_aware_at: string;
  description: string;
  /** JSON array of free-text categories of persons ("klanten"). */
  subject_categories: string;
  /** JSON array of the policy's data categories (user.contact.email). */
  data_categories: string;
  approx_subjects: number;
  approx_records: number;
  consequences: string;
  measures: string;
  /** none | risk | high (Art. 33(1), 34(1)) */
  risk: Risk;
  /** Art. 34(3): encrypted (a) | risk_removed (b) | disproportionate (c); null: no exemption recorded. */
  exemption_ground: ExemptionGround | null;
  exemption_motivation: string | null;
  /** Art. 34(3)(c): the public communication made instead of letters. */
  public_notice_on: string | null;
  public_notice_where: string | null;
  public_notice_text: string | null;
  exemption_recorded_at: string | null;
  exemption_recorded_by: string | null;
  recorded_at: string;
  recorded_by: string;
  updated_at: string;
}

export interface BreachNotificationsTable {
  id: string;
  breach_id: string;
  /** initial | follow_up | final (Art. 33(4): information may be provided in phases). */
  phase: NotificationPhase;
  notified_at: string;
  /** The authority's reference for the notification. */
  reference: string;
  summary: string | null;
  /** Art. 33(1): the reasons for a notification after 72 hours. */
  late_reason: string | null;
  recorded_at: string;
  recorded_by: string;
}

/** A file that documents a breach (a screenshot, a log, a processor's letter); scanned like every file that enters. */
export interface BreachEvidenceTable {
  id: string;
  breach_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  scan_status: ScanStatus;
  scanned_at: string | null;
  scan_problem: ScanProblem | null;
  added_at: string;
  added_by: string;
}

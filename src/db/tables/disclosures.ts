// The disclosure log: hand-overs to recipients, legal demands, fiscal exports (P7-P9).
// Dates are ISO 8601 text on both dialects (see src/db/types.ts).

import type { DISCLOSURE_KINDS, DISCLOSURE_MODES, DISCLOSURE_STATUSES } from '../vocabulary.ts';

export interface DisclosuresTable {
  id: string;
  subject_id: string;
  /** disclosure | legal_demand | fiscal_export | portability */
  kind: (typeof DISCLOSURE_KINDS)[number];
  /** The recipient of the register; null for a legal demand (the authority is named) and a portability transfer. */
  recipient_id: string | null;
  /** The company of the recipient category the data went to; null when the category names no companies. */
  company_id: string | null;
  /** Art. 20(2): the organisation the person named, its e-mail address, and the person's request. */
  recipient_name: string | null;
  recipient_email: string | null;
  request_id: string | null;
  authority: string | null;
  authority_reference: string | null;
  /** JSON array of the data categories disclosed. */
  categories: string;
  purpose: string;
  legal_ground: string;
  /** export (Kluis makes the file) | recorded (handed over another way, described) */
  mode: (typeof DISCLOSURE_MODES)[number];
  /** json | csv for an export; csv | zip for a fiscal export. */
  format: string | null;
  description: string | null;
  /** awaiting_notice | released | cancelled */
  status: (typeof DISCLOSURE_STATUSES)[number];
  /** required (told in advance, P9) | suppressed (the law forbids telling) | not_required (named in the statement) */
  notice: string;
  notice_outbox_id: string | null;
  /** Why no notice is needed, or the legal ground that forbids it. */
  notice_reason: string | null;
  /** The processor agreement in force when the data went out (Art. 28(3)). */
  processor_agreement_id: string | null;
  /** One fiscal export: the disclosures it made, one per person. */
  batch_id: string | null;
  requested_by: string;
  requested_at: string;
  released_at: string | null;
  released_by: string | null;
  /** The first download of the export. */
  exported_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
}

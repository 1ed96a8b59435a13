// The registers of the policy: recipients, processor agreements, published statements.
// Dates are ISO 8601 text on both dialects (see src/db/types.ts).

export interface RecipientsTable {
  id: string;
  name_nl: string;
  name_en: string;
  role: string;
  purpose: string;
  /** JSON array of data categories the recipient may receive. */
  categories: string;
  country: string;
  transfer_mechanism: string | null;
  notice_per_disclosure: number;
  contact_email: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface RecipientHistoryTable {
  id: string;
  recipient_id: string;
  changed_at: string;
  changed_by: string;
  change: string;
  /** JSON of the recipient row after the change. */
  snapshot: string;
}

export interface ProcessorAgreementsTable {
  id: string;
  recipient_id: string;
  signed_on: string;
  expires_on: string | null;
  document_reference: string;
  created_at: string;
  created_by: string;
  superseded_at: string | null;
}

export interface StatementVersionsTable {
  version: number;
  published_at: string;
  published_by: string;
  content_hash: string;
  markdown_nl: string;
  markdown_en: string;
  html_nl: string;
  html_en: string;
  material_change: number;
  change_summary: string | null;
  customer_notice: string;
}

// The registers of the policy: recipients, processor agreements, published statements.
// Dates are ISO 8601 text on both dialects (see src/db/types.ts).

import type { COMPANY_ROLES, RECIPIENT_ROLES } from '../vocabulary.ts';

export interface RecipientsTable {
  id: string;
  name_nl: string;
  name_en: string;
  role: (typeof RECIPIENT_ROLES)[number];
  /** JSON array of the purposes it serves (one or more). */
  purposes: string;
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

/** A company within a recipient category: who actually receives the data (P9, Art. 13(1)(e), 15(1)(c)). */
export interface RecipientCompaniesTable {
  id: string;
  recipient_id: string;
  legal_name: string;
  /** The number in the Dutch trade register (KvK); null for a company registered abroad. */
  kvk_number: string | null;
  country: string;
  /** processor | controller (an independent controller) */
  role: (typeof COMPANY_ROLES)[number];
  transfer_mechanism: string | null;
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
  /** The company of the category the agreement is with; null: with the recipient itself. */
  company_id: string | null;
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

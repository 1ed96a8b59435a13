// The personal-data records: subjects and everything kept about them.
// Dates are ISO 8601 text on both dialects (see src/db/types.ts).

import type { Generated } from 'kysely';
import type {
  ADDRESS_KINDS,
  AgreementKind,
  CASE_KINDS,
  CASE_STATUSES,
  CONSENT_METHODS,
  INVOICE_STATUSES,
  MESSAGE_CHANNELS,
  MESSAGE_DIRECTIONS,
  VatTreatment,
} from '../vocabulary.ts';

export interface SubjectsTable {
  id: string;
  reference: string;
  first_name: string;
  last_name: string;
  gender: string | null;
  email: string | null;
  phone: string | null;
  language: string;
  /** Where the record came from (Art. 14(2)(f), 15(1)(g)): person, employer, staff or import. */
  source: Generated<string>;
  /** The employer that gave a contact person's details, when known. */
  source_organisation: string | null;
  /** The reference in the administration it was imported from (unique), and which import: "import: <file>, <date>". */
  external_reference: Generated<string | null>;
  import_source: Generated<string | null>;
  created_at: string;
  updated_at: string;
  /** The first day only fiscal records keep the person: their contact details go then (src/retention/reduction.ts). */
  reduce_on: string | null;
}

export interface SubjectAddressesTable {
  id: string;
  subject_id: string;
  kind: (typeof ADDRESS_KINDS)[number];
  street: string;
  postal_code: string;
  city: string;
  country: string;
  created_at: string;
}

/** The statuses an agreement or quote goes through; retention reads them to know when it ended. */
export const AGREEMENT_STATUSES = ['draft', 'sent', 'accepted', 'rejected', 'active', 'ended', 'cancelled'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export interface AgreementsTable {
  id: string;
  /** The person the record belongs to; null when it belongs to an organisation. */
  subject_id: string | null;
  /** The organisation the record belongs to; exactly one of subject_id and organisation_id is set. */
  organisation_id: string | null;
  /** The organisation's contact person the record names, if any; cleared when that person is erased. */
  contact_id: string | null;
  kind: AgreementKind;
  title: string;
  status: AgreementStatus;
  start_date: string | null;
  end_date: string | null;
  created_at: string;
  updated_at: string;
  /** The first day the record may be deleted (see src/retention/retain-until.ts); null while unknown. */
  retain_until: string | null;
  /** The retention rule that decides retain_until, or 'legal-hold'. */
  retain_rule: string | null;
}

export interface InvoicesTable {
  id: string;
  /** The person the record belongs to; null when it belongs to an organisation. */
  subject_id: string | null;
  /** The organisation the record belongs to; exactly one of subject_id and organisation_id is set. */
  organisation_id: string | null;
  /** The organisation's contact person the invoice is addressed to, if any; cleared when that person is erased. */
  contact_id: string | null;
  agreement_id: string | null;
  credit_for_id: string | null;
  number: string | null;
  status: (typeof INVOICE_STATUSES)[number];
  issue_date: string | null;
  completed_on: string | null;
  billing_name: string;
  billing_gender: string | null;
  billing_street: string;
  billing_postal_code: string;
  billing_city: string;
  billing_country: string;
  reference: string | null;
  currency: string;
  total_excl_cents: number;
  vat_cents: number;
  total_incl_cents: number;
  created_at: string;
  updated_at: string;
  /** The first day the record may be deleted (see src/retention/retain-until.ts); null while unknown. */
  retain_until: string | null;
  /** The retention rule that decides retain_until, or 'legal-hold'. */
  retain_rule: string | null;
  /** The buyer's VAT number: on the invoice with a reverse charge or an intra-community supply (art. 35a Wet OB). */
  buyer_vat_number: string | null;
  /** standard | reverse_charge | intra_community | exempt (src/invoices/vat-treatment.ts). */
  vat_treatment: Generated<VatTreatment>;
  /** The ground of an exemption, printed on the invoice. */
  vat_exemption_reason: string | null;
  /** Days after the issue date the invoice is to be paid; null: the configured term. */
  payment_term_days: number | null;
  /** Fixed when the invoice is issued: issue date plus the payment term. */
  due_date: string | null;
  /**
   * An invoice issued before Kluis and imported ("import: <file>, <date>"): its number is of the earlier
   * administration's series, outside Kluis's own (src/invoices/invoice-number.ts). Null for Kluis's own invoices.
   */
  import_source: Generated<string | null>;
}

/** A payment received on an issued invoice; part of the fiscal record, deleted with its invoice. */
export interface InvoicePaymentsTable {
  id: string;
  invoice_id: string;
  paid_on: string;
  amount_cents: number;
  reference: string | null;
  /** Who recorded it: the actor's id. */
  recorded_by: string;
  created_at: string;
}

export interface InvoiceLinesTable {
  id: string;
  invoice_id: string;
  position: number;
  description: string;
  quantity: number;
  unit_price_cents: number;
  vat_rate: number;
  amount_cents: number;
}

export interface CasesTable {
  id: string;
  subject_id: string;
  /** The organisation the person wrote for, if any; the case stays the person's. */
  organisation_id: string | null;
  kind: (typeof CASE_KINDS)[number];
  title: string;
  reference: string;
  status: (typeof CASE_STATUSES)[number];
  opened_at: string;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  /** The first day the record may be deleted (see src/retention/retain-until.ts); null while unknown. */
  retain_until: string | null;
  /** The retention rule that decides retain_until, or 'legal-hold'. */
  retain_rule: string | null;
}

export interface MessagesTable {
  id: string;
  case_id: string;
  subject_id: string;
  channel: (typeof MESSAGE_CHANNELS)[number];
  direction: (typeof MESSAGE_DIRECTIONS)[number];
  occurred_at: string;
  from_address: string | null;
  to_address: string | null;
  title: string | null;
  body: string;
  created_at: string;
}

export interface AttachmentsTable {
  id: string;
  message_id: string;
  subject_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  created_at: string;
  /** clean | quarantined (stored, never served or packaged, until a scan clears it) | unscanned (no scanner configured). */
  scan_status: Generated<ScanStatus>;
  /** When the scanner gave its verdict, or last tried while the file waits in quarantine. */
  scanned_at: string | null;
  /** Why the file waits in quarantine; null otherwise. */
  scan_problem: ScanProblem | null;
}

/** How a stored file stands with the virus scanner. */
export type ScanStatus = 'clean' | 'quarantined' | 'unscanned';
/** Why a file could not be scanned (src/scanner/scanner.ts); a file in quarantine keeps the last one. */
export type ScanProblem = 'not_configured' | 'unreachable' | 'timeout' | 'cut_off' | 'size_limit' | 'scanner_error' | 'garbage';

export interface ConsentsTable {
  id: string;
  subject_id: string;
  purpose: string;
  given_at: string;
  withdrawn_at: string | null;
  method: (typeof CONSENT_METHODS)[number];
  evidence: string;
  created_at: string;
  /** The first day the record may be deleted (see src/retention/retain-until.ts); null while unknown. */
  retain_until: string | null;
  /** The retention rule that decides retain_until, or 'legal-hold'. */
  retain_rule: string | null;
}

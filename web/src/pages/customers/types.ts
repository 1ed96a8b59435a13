import type { FileScan } from '../../components/scan.tsx';
// The API's shapes the customer and record pages read (see src/*/*.schema.ts on the server, the one source).

export interface Address {
  kind: 'postal' | 'billing' | 'delivery';
  street: string;
  postalCode: string;
  city: string;
  country: string;
}

export interface Subject {
  id: string;
  reference: string;
  firstName: string;
  lastName: string;
  gender: string | null;
  email: string | null;
  phone: string | null;
  language: string;
  addresses: Address[];
  /** Where the data came from (Art. 14(2)(f)): person, employer, staff or import. */
  source: string;
  sourceOrganisation: string | null;
  createdAt: string;
  updatedAt: string;
}

export type SubjectSummary = Pick<Subject, 'id' | 'reference' | 'firstName' | 'lastName' | 'email' | 'phone'>;

export const AGREEMENT_STATUSES = ['draft', 'sent', 'accepted', 'rejected', 'active', 'ended', 'cancelled'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export interface Agreement {
  id: string;
  /** The person the record belongs to; null when it belongs to an organisation. */
  subjectId: string | null;
  organisationId: string | null;
  /** The organisation's contact person it names. */
  contactId: string | null;
  kind: 'quote' | 'agreement';
  title: string;
  status: AgreementStatus;
  startDate: string | null;
  endDate: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface InvoiceLine {
  position: number;
  description: string;
  quantity: number;
  unitPriceCents: number;
  vatRate: number;
  amountCents: number;
}

export interface Invoice {
  id: string;
  /** The person the record belongs to; null when it belongs to an organisation. */
  subjectId: string | null;
  organisationId: string | null;
  /** The organisation's contact person it names. */
  contactId: string | null;
  /** That person by name and role, on an invoice read on its own (its page) by staff and the dpo. */
  contact?: { name: string; role: string } | null;
  agreementId: string | null;
  creditForId: string | null;
  number: string | null;
  status: 'draft' | 'issued';
  issueDate: string | null;
  completedOn: string | null;
  billing: { name: string; gender: string | null; street: string; postalCode: string; city: string; country: string };
  reference: string | null;
  currency: string;
  totalExclCents: number;
  vatCents: number;
  totalInclCents: number;
  buyerVatNumber: string | null;
  vatTreatment: 'standard' | 'reverse_charge' | 'intra_community' | 'exempt';
  vatExemptionReason: string | null;
  paymentTermDays: number | null;
  /** Fixed when issued; null on a draft and a credit invoice. */
  dueDate: string | null;
  /** Null on a draft and a credit invoice. */
  payment: { status: PaymentStatus; paidCents: number; outstandingCents: number } | null;
  lines: InvoiceLine[];
  createdAt: string;
  updatedAt: string;
}

export type PaymentStatus = 'open' | 'partly_paid' | 'paid' | 'overdue';

export interface Payment {
  id: string;
  invoiceId: string;
  paidOn: string;
  amountCents: number;
  reference: string | null;
  createdAt: string;
}

export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  /** What the virus scanner said; a file in quarantine is not served. */
  scan: FileScan;
}

export interface Message {
  id: string;
  caseId: string;
  channel: 'email' | 'letter' | 'phone' | 'portal' | 'in_person';
  direction: 'inbound' | 'outbound';
  occurredAt: string;
  from: string | null;
  to: string | null;
  title: string | null;
  body: string;
  attachments: Attachment[];
  createdAt: string;
}

export interface Case {
  id: string;
  subjectId: string;
  kind: 'question' | 'complaint' | 'request';
  title: string;
  reference: string;
  status: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
  messages: Message[];
}

export interface Consent {
  id: string;
  purpose: string;
  givenAt: string;
  withdrawnAt: string | null;
  method: string;
  evidence: string;
  /** False: a consent recorded before for a purpose on another basis, kept as history; it cannot be withdrawn. */
  restsOnConsent: boolean;
}

export interface SubjectView {
  subject: Subject;
  agreements: Agreement[];
  invoices: Invoice[];
  cases: Case[];
  consents: Consent[];
}

export interface Restriction {
  id: string;
  purpose: string | null;
  reason: string;
  startedAt: string;
  /** in_force; lift_announced: the person is told first (Art. 18(3)), it stands until liftNotBefore; lifted. */
  state: 'in_force' | 'lift_announced' | 'lifted';
  liftReason: LiftReason | null;
  liftNotBefore: string | null;
  liftedAt: string | null;
  /** In force, not announced, and not what an erasure keeps: the dpo may announce its lifting. */
  liftable: boolean;
  ground: 'request' | 'kept_after_erasure';
}

export const LIFT_REASONS = ['accuracy_verified', 'grounds_override', 'claims_ended', 'person_asked'] as const;
export type LiftReason = (typeof LIFT_REASONS)[number];

export interface Objection {
  id: string;
  purpose: string;
  status: 'pending' | 'upheld' | 'rejected';
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface Hold {
  id: string;
  recordType: string | null;
  recordId: string | null;
  reason: string;
  placedAt: string;
  endsOn: string | null;
  reviewOn: string | null;
  releasedAt: string | null;
  inForce: boolean;
}

export interface Disclosure {
  id: string;
  kind: string;
  /** The company by its legal name where the register names it (P9), with its category. */
  recipient: {
    id: string | null;
    name: { nl: string; en: string };
    category: { nl: string; en: string } | null;
    company: { kvkNumber: string | null } | null;
  };
  categories: string[];
  purpose: string;
  legalGround: string;
  status: string;
  notice: { status: string };
  requestedAt: string;
  releasedAt: string | null;
}

export interface LogEntry {
  seq: number;
  at: string;
  actor: { kind: string; id: string; role: string; name: string | null };
  operation: string;
  purpose: string;
  recordType: string;
  outcome: string;
  reason: string | null;
}

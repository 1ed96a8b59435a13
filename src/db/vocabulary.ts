// The words stored in status and kind columns, as unions the database types use (src/db/tables/): a row read
// from the database carries its vocabulary, so no code has to cast it. The features re-export what is theirs.

// The kinds of request are defined in src/shared/, below the database: the retention rules and mail words
// below the features name them too.
export { REQUEST_KINDS, type RequestKind } from '../shared/request-kind.ts';

/**
 * Where a request stands. received → verification_sent → verified → decided → answered is the normal way;
 * a granted access waits in awaiting_release until the link to its package went out (Art. 12(3), 15(3): the
 * request is answered when the person can have the data, not when the decision was made); withdrawn (the person
 * took it back) and unverifiable (identity could not be established, Art. 11(2), 12(2) and 12(6)) also close it.
 */
export const REQUEST_STATUSES = [
  'received',
  'verification_sent',
  'verified',
  'decided',
  'awaiting_release',
  'answered',
  'withdrawn',
  'unverifiable',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** How a request came in. */
export const REQUEST_CHANNELS = ['portal', 'email', 'letter'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/** What was decided on a request. */
export const DECISIONS = ['granted', 'partly_granted', 'refused', 'manifestly_unfounded', 'excessive'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Art. 33(1) and 34(1): no risk (record only), a risk (notify the authority), a high risk (tell the persons too). */
export const RISKS = ['none', 'risk', 'high'] as const;
export type Risk = (typeof RISKS)[number];

/** Art. 33(4): the information may be provided in phases. */
export const NOTIFICATION_PHASES = ['initial', 'follow_up', 'final'] as const;
export type NotificationPhase = (typeof NOTIFICATION_PHASES)[number];

/** Art. 34(3): (a) the data was unintelligible (encrypted), (b) the high risk was removed, (c) disproportionate effort. */
export const EXEMPTION_GROUNDS = ['encrypted', 'risk_removed', 'disproportionate'] as const;
export type ExemptionGround = (typeof EXEMPTION_GROUNDS)[number];

/** ok: the measure holds; warning: it needs attention soon; error: it fails; unknown: Kluis cannot tell from here. */
export const SEVERITIES = ['ok', 'warning', 'error', 'unknown'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A case is a question, a complaint, or a request that is not one of the GDPR's rights. */
export const CASE_KINDS = ['question', 'complaint', 'request'] as const;
export const CASE_STATUSES = ['open', 'closed'] as const;
export const MESSAGE_CHANNELS = ['email', 'letter', 'phone', 'portal', 'in_person'] as const;
export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;

/** A quote (offerte) or an agreement (overeenkomst). */
export const AGREEMENT_KINDS = ['quote', 'agreement'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const INVOICE_STATUSES = ['draft', 'issued'] as const;
/** How VAT applies to the whole invoice (art. 35a lid 1 Wet OB); see src/invoices/invoice.schema.ts. */
export const VAT_TREATMENTS = ['standard', 'reverse_charge', 'intra_community', 'exempt'] as const;
export type VatTreatment = (typeof VAT_TREATMENTS)[number];

/** How a consent was given (Art. 7(1): the controller must be able to show it). */
export const CONSENT_METHODS = ['written', 'email', 'portal', 'verbal'] as const;
export const ADDRESS_KINDS = ['postal', 'billing', 'delivery'] as const;

/** Art. 21: an objection waits for the dpo's weighing, then is upheld or rejected. */
export const OBJECTION_STATUSES = ['pending', 'upheld', 'rejected'] as const;

export const RECIPIENT_ROLES = ['processor', 'controller', 'authority'] as const;
export const COMPANY_ROLES = ['processor', 'controller'] as const;

export const DISCLOSURE_KINDS = ['disclosure', 'legal_demand', 'fiscal_export', 'portability'] as const;
export const DISCLOSURE_MODES = ['export', 'recorded'] as const;
export const DISCLOSURE_STATUSES = ['awaiting_notice', 'released', 'cancelled'] as const;
/** Art. 19: a notice to a recipient is queued, then confirmed, or impossible (disproportionate effort). */
export const NOTICE_STATUSES = ['queued', 'confirmed', 'impossible'] as const;
/** An access package waits for the dpo's review, then (portability to another party) for confirmation. */
export const PACKAGE_REVIEW_STATUSES = ['pending_review', 'awaiting_confirmation', 'released'] as const;
/** Art. 15 (the person's own copy) or Art. 20 (their data in a machine-readable form, possibly to another party). */
export const PACKAGE_KINDS = ['access', 'portability'] as const;

/** Art. 19: what a recipient is told of. */
export const NOTICE_KINDS = ['rectification', 'erasure', 'restriction'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** pending, sending (claimed by an instance), sent, failed (gave up after the last retry). */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A processing the guard allowed, or one it refused (logged too: a refusal is a fact the dpo must see). */
export const LOG_OUTCOMES = ['allowed', 'denied'] as const;
export type LogOutcome = (typeof LOG_OUTCOMES)[number];

/**
 * Every error a caller can see. Each has a stable `code` that clients may rely on,
 * an HTTP status, and optional details. Nothing else (no stack, no SQL) leaves the app.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'unauthenticated'
  | 'forbidden'
  | 'purpose_not_allowed'
  | 'restricted'
  | 'objected'
  | 'retention_hold'
  | 'immutable_record'
  | 'not_based_on_consent'
  | 'attachments_not_kept'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'expired'
  | 'second_factor_required'
  | 'second_factor_code_required'
  | 'wrong_password'
  | 'password_change_required'
  | 'password_unchanged'
  | 'invitation_invalid'
  | 'invitation_expired'
  | 'invitation_needs_public_url'
  | 'already_signed_in'
  | 'password_too_short'
  | 'password_too_common'
  | 'csrf_failed'
  | 'foreign_origin'
  | 'file_infected'
  | 'file_quarantined'
  | 'as_of_invalid'
  | 'list_query_invalid'
  | InvoiceRefusal
  | ImportRefusal
  | DisclosureRefusal
  | 'internal_error';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  not_found: 404,
  conflict: 409,
  unauthenticated: 401,
  forbidden: 403,
  purpose_not_allowed: 403,
  restricted: 409,
  objected: 409,
  retention_hold: 409,
  immutable_record: 409,
  // Art. 6(1)(a), 7(3): a consent recorded or withdrawn for a purpose that rests on another basis (src/consents/).
  not_based_on_consent: 409,
  attachments_not_kept: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  // A link or code that was valid once and is no longer (an access package past its expiry).
  expired: 410,
  // A dpo who has not confirmed a second factor may only enrol one (src/accounts/).
  second_factor_required: 403,
  // The password was right; the account has a second factor, so the sign-in needs its code too.
  second_factor_code_required: 401,
  wrong_password: 403,
  password_change_required: 403,
  password_unchanged: 400,
  invitation_invalid: 410,
  invitation_expired: 410,
  invitation_needs_public_url: 409,
  already_signed_in: 409,
  password_too_short: 400,
  password_too_common: 400,
  // A cookie-authenticated change without the session's CSRF token, or sent from another site.
  csrf_failed: 403,
  foreign_origin: 403,
  // The virus scanner found a signature: nothing of the upload was stored (src/scanner/).
  file_infected: 422,
  // The file is stored in quarantine until the scanner has checked it; it is not served until then.
  file_quarantined: 409,
  // `--as-of` of the retention forecast and dry run: a calendar day written YYYY-MM-DD (src/retention/as-of.ts).
  as_of_invalid: 400,
  // A list's page, sort or filter that the list does not have (src/shared/list.ts): no field of a form is wrong.
  list_query_invalid: 400,
  // Disclosures (src/disclosures/): P8, only what the register allows; Art. 28(3), a processor under a valid
  // agreement; Art. 18 and 21; P9, told in advance unless the law forbids it.
  recipient_unknown: 409,
  recipient_retired: 409,
  category_not_registered: 409,
  processor_agreement_missing: 409,
  processor_agreement_expired: 409,
  // A category that names its companies gets data only as one of them (P9: the person is told which company).
  company_required: 409,
  company_unknown: 409,
  company_retired: 409,
  // A recipient that serves several purposes gets data for one it is registered for, named.
  purpose_required: 409,
  purpose_not_registered: 409,
  // The storage provider keeps every purpose's data as our processor already: nothing is handed to it per person.
  recipient_is_storage: 409,
  legal_ground_required: 400,
  suppression_ground_required: 400,
  notice_address_missing: 409,
  notice_not_sent: 409,
  disclosure_not_released: 409,
  // Invoices that go out (src/invoices/): sent, paid and reminded only once issued; a paid invoice gets no reminder.
  invoice_not_issued: 409,
  invoice_paid: 409,
  invoice_not_overdue: 409,
  payment_exceeds_balance: 409,
  seller_details_missing: 409,
  invoice_address_missing: 409,
  // An issued invoice's addressee is part of it (art. 35a Wet OB; AWR art. 52): a credit invoice corrects it.
  invoice_contact_fixed: 409,
  // Imports (src/import/): a file that cannot be read as what it claims, or with rows that are wrong.
  import_encoding_unknown: 422,
  import_separator_unknown: 422,
  import_file_empty: 422,
  import_bad_rows: 422,
  internal_error: 500,
};

/** Every error code, for the clients that must have a text for each (web/src/i18n/messages/errors.ts). */
export const ERROR_CODES = Object.keys(STATUS) as ErrorCode[];

export class KluisError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'KluisError';
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
  }
}

export const isKluisError = (error: unknown): error is KluisError => error instanceof KluisError;

export const validationFailed = (message: string, details?: unknown) => new KluisError('validation_failed', message, details);

export const notFound = (what: string, id?: string) =>
  new KluisError('not_found', id === undefined ? `${what} not found` : `${what} ${id} not found`);

export const conflict = (message: string, details?: unknown) => new KluisError('conflict', message, details);

export const unauthenticated = (message = 'Sign in first') => new KluisError('unauthenticated', message);

export const forbidden = (message: string, details?: unknown) => new KluisError('forbidden', message, details);

export const purposeNotAllowed = (message: string, details?: unknown) => new KluisError('purpose_not_allowed', message, details);

export const immutableRecord = (message: string) => new KluisError('immutable_record', message);

/**
 * A request's case keeps no attachments: what a person sends with a request may be a copy of an identity document
 * (AP guidance on identification; UAVG art. 46 for the BSN). The request's own mail import keeps the text only.
 */
export const attachmentsNotKept = (caseReference: string) =>
  new KluisError(
    'attachments_not_kept',
    `Case ${caseReference} belongs to a request of a data subject and keeps no attachments (they may be a copy of an identity document); import the mail on the request's page, which keeps its text only`,
  );

/** Art. 18: the person's data is restricted; only storage (and what an exception allows) may happen. */
export const restricted = (message: string, details?: unknown) => new KluisError('restricted', message, details);

/** Art. 21: the person objected to this purpose and the objection was upheld. */
export const objected = (message: string, details?: unknown) => new KluisError('objected', message, details);

export const expired = (message: string) => new KluisError('expired', message);

/** A file the virus scanner refused; `name` null: the e-mail's own text rather than one of its attachments. */
export interface InfectedFile {
  name: string | null;
  signature: string;
}

/** The virus scanner found something: nothing of the upload is stored; details name each file and signature. */
export const fileInfected = (files: InfectedFile[]) =>
  new KluisError(
    'file_infected',
    `The virus scanner found ${files.map((f) => `${f.signature} in ${f.name ?? "the e-mail's text"}`).join(', ')}; nothing was stored`,
    { files },
  );

/** A file in quarantine is stored but not served until the virus scanner has checked it. */
export const fileQuarantined = (filename: string) =>
  new KluisError(
    'file_quarantined',
    `${filename} waits in quarantine until the virus scanner has checked it; it cannot be downloaded before that`,
  );

// Disclosures (src/disclosures/): each refusal names what the register, the law or the person's rights stand in the way of.
type DisclosureRefusal =
  | 'recipient_unknown'
  | 'recipient_retired'
  | 'category_not_registered'
  | 'processor_agreement_missing'
  | 'processor_agreement_expired'
  | 'company_required'
  | 'company_unknown'
  | 'company_retired'
  | 'purpose_required'
  | 'purpose_not_registered'
  | 'recipient_is_storage'
  | 'legal_ground_required'
  | 'suppression_ground_required'
  | 'notice_address_missing'
  | 'notice_not_sent'
  | 'disclosure_not_released';

/** A disclosure refused (P8, Art. 18, 21, 28(3)) or not yet allowed (P9), with its stable code. */
export const disclosureRefused = (code: DisclosureRefusal, message: string, details?: unknown) =>
  new KluisError(code, message, details);

/** Why an invoice cannot be sent, paid or reminded, or its contact person changed (src/invoices/). */
export type InvoiceRefusal =
  | 'invoice_not_issued'
  | 'invoice_paid'
  | 'invoice_not_overdue'
  | 'payment_exceeds_balance'
  | 'seller_details_missing'
  | 'invoice_address_missing'
  | 'invoice_contact_fixed';

export const invoiceRefused = (code: InvoiceRefusal, message: string, details?: unknown) =>
  new KluisError(code, message, details);

/** Why an import file is refused (src/import/): nothing of it is imported. */
export type ImportRefusal = 'import_encoding_unknown' | 'import_separator_unknown' | 'import_file_empty' | 'import_bad_rows';

export const importRefused = (code: ImportRefusal, message: string, details?: unknown) => new KluisError(code, message, details);

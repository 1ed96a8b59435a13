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
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'expired'
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
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  // A link or code that was valid once and is no longer (an access package past its expiry).
  expired: 410,
  internal_error: 500,
};

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

export const validationFailed = (message: string, details?: unknown) =>
  new KluisError('validation_failed', message, details);

export const notFound = (what: string, id?: string) =>
  new KluisError('not_found', id === undefined ? `${what} not found` : `${what} ${id} not found`);

export const conflict = (message: string, details?: unknown) => new KluisError('conflict', message, details);

export const unauthenticated = (message = 'Sign in first') => new KluisError('unauthenticated', message);

export const forbidden = (message: string, details?: unknown) => new KluisError('forbidden', message, details);

export const purposeNotAllowed = (message: string, details?: unknown) =>
  new KluisError('purpose_not_allowed', message, details);

export const immutableRecord = (message: string) => new KluisError('immutable_record', message);

/** Art. 18: the person's data is restricted; only storage (and what an exception allows) may happen. */
export const restricted = (message: string, details?: unknown) => new KluisError('restricted', message, details);

/** Art. 21: the person objected to this purpose and the objection was upheld. */
export const objected = (message: string, details?: unknown) => new KluisError('objected', message, details);

export const expired = (message: string) => new KluisError('expired', message);

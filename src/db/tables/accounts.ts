import type { Generated } from 'kysely';

// Staff accounts, their sessions, second factors, sign-in throttling and API tokens.
// Dates are ISO 8601 text on both dialects (see src/db/types.ts).

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  last_login_at: string | null;
  /** The TOTP secret (base32), set when enrolment starts; only the code check ever reads it. */
  totp_secret: string | null;
  /** When the second factor was confirmed with a code; null: the account has no second factor. */
  totp_confirmed_at: string | null;
  /** The TOTP time step of the last accepted code: a code is never accepted twice. */
  totp_last_step: number | null;
  /** 1 while the password is one someone else chose (the dpo, an operator): it must be changed at sign-in. */
  password_change_required: Generated<number>;
  /** nl | en: the language of the mail the account receives (reminders). */
  language: Generated<string>;
  /** JSON array of the reminders the account chose (src/today/reminder-kinds.ts); null: every one its role may get. */
  reminders: string | null;
}

/** One reminder sent to one account: the key says what about and when, so it is never sent twice. */
export interface RemindersSentTable {
  key: string;
  user_id: string;
  kind: string;
  sent_at: string;
  outbox_id: string;
}

export interface AccountInvitationsTable {
  /** SHA-256 of the invitation's token; the token itself is only in the mail. */
  id: string;
  user_id: string;
  /** Who invited: `user:<id>` or `cli`. */
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** Set when a newer invitation replaced it, or the account was disabled. */
  revoked_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the session token; the token itself is only ever in the cookie. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  /** SHA-256 of the normalised code; the code is shown once, at enrolment. */
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface LoginThrottlesTable {
  /** 'account:' or 'ip:' and the SHA-256 of the e-mail or IP address: no address in the clear. */
  key: string;
  /** Failed sign-ins in a row (attempts count until they are known to have succeeded). */
  failures: number;
  last_failure_at: string;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  /** The role of the policy the token acts with. */
  role: string;
  /** SHA-256 of the token; the token is shown once, when created. */
  token_hash: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

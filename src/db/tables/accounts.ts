// Staff accounts and their sessions.
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
}

export interface SessionsTable {
  /** SHA-256 of the session token; the token itself is only ever in the cookie. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

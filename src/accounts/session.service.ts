import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { unauthenticated } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import * as sessions from './session.repository.ts';
import * as users from './user.repository.ts';

const IDLE_MS = 30 * 60_000;
const ABSOLUTE_MS = 12 * 60 * 60_000;
// Writing last_seen_at on every request would make every read a write; a minute's precision is enough
// for a 30-minute idle limit.
const TOUCH_AFTER_MS = 60_000;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Server-side sessions: the cookie holds a random token, the database only its SHA-256. */
export class SessionService {
  private readonly db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.db = db;
  }

  /** Returns a new session token, or throws the same error for an unknown account and a wrong password. */
  async login(email: string, password: string): Promise<{ token: string; actor: Actor; expiresAt: string }> {
    const credentials = await users.getCredentials(this.db, email.trim().toLowerCase());
    // Spend the same time whether or not the account exists, so timing does not reveal accounts.
    const ok = await verifyPassword(password, credentials?.password_hash ?? (await dummyPasswordHash()));
    if (credentials === undefined || !ok || credentials.disabled_at !== null) {
      throw unauthenticated('Unknown e-mail address or wrong password');
    }
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + ABSOLUTE_MS).toISOString();
    await sessions.create(this.db, {
      id: digest(token),
      user_id: credentials.id,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
    });
    await users.recordLogin(this.db, credentials.id, now.toISOString());
    const user = await users.getById(this.db, credentials.id);
    return { token, actor: { kind: 'user', id: credentials.id, role: user?.role ?? '' }, expiresAt };
  }

  /** The actor behind a session token, or undefined when the session is unknown, idle or expired. */
  async authenticate(token: string): Promise<Actor | undefined> {
    const id = digest(token);
    const session = await sessions.getActive(this.db, id);
    if (session === undefined) return undefined;
    const now = Date.now();
    const lastSeen = Date.parse(session.last_seen_at);
    if (now >= Date.parse(session.expires_at) || now - lastSeen >= IDLE_MS) {
      await sessions.remove(this.db, id);
      return undefined;
    }
    if (now - lastSeen >= TOUCH_AFTER_MS) await sessions.touch(this.db, id, new Date(now).toISOString());
    return { kind: 'user', id: session.user_id, role: session.role };
  }

  async logout(token: string): Promise<void> {
    await sessions.remove(this.db, digest(token));
  }
}

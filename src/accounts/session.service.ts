import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { KluisError } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { csrfTokenOf } from '../http/csrf.ts';
import { logAdministration } from '../guard/admin-log.ts';
import type { Policy } from '../policy/policy.ts';
import { ACCOUNT_RULE, ADDRESS_RULE, type Attempt, type LoginThrottle, lockedBy } from './login-throttle.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { needsSecondFactor, type SecondFactorService } from './second-factor.service.ts';
import * as sessions from './session.repository.ts';
import * as users from './user.repository.ts';
import { type Clock, isoNow } from '../shared/clock.ts';

const IDLE_MS = 30 * 60_000;
const ABSOLUTE_MS = 12 * 60 * 60_000;
// Writing last_seen_at on every request would make every read a write; a minute's precision is enough
// for a 30-minute idle limit.
const TOUCH_AFTER_MS = 60_000;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Who signs in is not known when it fails: the log names the account (if any) in its records. */
const SIGN_IN: Actor = { kind: 'system', id: 'sign-in', role: 'anonymous' };

const signInFailed = () => new KluisError('unauthenticated', 'Unknown e-mail address, wrong password or wrong code');

export interface SignIn {
  email: string;
  password: string;
  /** The 6-digit code of the authenticator app, or a recovery code; needed once the account has a second factor. */
  code?: string | undefined;
  /** The client's IP address (behind a trusted proxy: the one it forwarded). */
  ip: string;
}

export interface Session {
  /** Goes in the HttpOnly cookie, nowhere else. */
  token: string;
  actor: Actor;
  expiresAt: string;
  csrfToken: string;
  /** The account must confirm a second factor first; until then the session may only enrol one. */
  secondFactorPending: boolean;
  /** The password is one someone else chose; until it is changed the session may only change it. */
  passwordChangePending: boolean;
}

export interface Authenticated {
  actor: Actor;
  secondFactorPending: boolean;
  passwordChangePending: boolean;
}

/** Server-side sessions: the cookie holds a random token, the database only its SHA-256. */
export class SessionService {
  private readonly db: Kysely<DB>;
  private readonly policy: Policy;
  private readonly secondFactor: SecondFactorService;
  private readonly throttle: LoginThrottle;
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, policy: Policy, secondFactor: SecondFactorService, throttle: LoginThrottle, clock: Clock) {
    this.db = db;
    this.policy = policy;
    this.secondFactor = secondFactor;
    this.throttle = throttle;
    this.clock = clock;
  }

  /**
   * Signs in with password and, when the account has a second factor, its code, all in one request. Throws
   * the same error for an unknown account, a wrong password and a wrong code, and is throttled the same way
   * for accounts that exist and accounts that do not.
   */
  async login(input: SignIn): Promise<Session> {
    const email = input.email.trim().toLowerCase();
    const attempt = await this.throttle.begin([
      [ACCOUNT_RULE, email],
      [ADDRESS_RULE, input.ip],
    ]);
    const credentials = await users.getCredentials(this.db, email);
    // Spend the same time whether or not the account exists, so timing does not reveal accounts.
    const ok = await verifyPassword(input.password, credentials?.password_hash ?? (await dummyPasswordHash()));
    if (credentials === undefined || !ok || credentials.disabled_at !== null) {
      await this.failed(attempt, credentials?.id, 'wrong e-mail address or password', input.ip);
      throw signInFailed();
    }
    if (credentials.totp_confirmed_at !== null) {
      if (input.code === undefined || input.code === '') {
        await this.throttle.forgive(attempt);
        throw new KluisError(
          'second_factor_code_required',
          'Enter the code from your authenticator app (or a recovery code) with your password',
        );
      }
      const used = await this.secondFactor.verify(credentials.id, input.code);
      if (used === undefined) {
        await this.failed(attempt, credentials.id, 'wrong or used code', input.ip);
        throw signInFailed();
      }
      if (used === 'recovery') await this.recoveryCodeUsed({ kind: 'user', id: credentials.id, role: credentials.role });
    }
    await this.throttle.succeeded(attempt);
    await users.recordLogin(this.db, credentials.id, this.clock.now().toISOString());
    return this.start(
      credentials.id,
      credentials.role,
      credentials.totp_confirmed_at,
      Number(credentials.password_change_required) === 1,
    );
  }

  /** A new session for the user (after a sign-in, or renewed after a password change). */
  async start(
    userId: string,
    role: string,
    secondFactorConfirmedAt: string | null,
    passwordChangePending = false,
  ): Promise<Session> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + ABSOLUTE_MS).toISOString();
    await sessions.create(this.db, {
      id: digest(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
    });
    return {
      token,
      actor: { kind: 'user', id: userId, role },
      expiresAt,
      csrfToken: csrfTokenOf(token),
      secondFactorPending: needsSecondFactor(this.policy, role) && secondFactorConfirmedAt === null,
      passwordChangePending,
    };
  }

  /** The actor behind a session token, or undefined when the session is unknown, idle or expired. */
  async authenticate(token: string): Promise<Authenticated | undefined> {
    const id = digest(token);
    const session = await sessions.getActive(this.db, id);
    if (session === undefined) return undefined;
    const now = this.clock.now().getTime();
    const lastSeen = Date.parse(session.last_seen_at);
    if (now >= Date.parse(session.expires_at) || now - lastSeen >= IDLE_MS) {
      await sessions.remove(this.db, id);
      return undefined;
    }
    if (now - lastSeen >= TOUCH_AFTER_MS) await sessions.touch(this.db, id, new Date(now).toISOString());
    return {
      actor: { kind: 'user', id: session.user_id, role: session.role },
      secondFactorPending: needsSecondFactor(this.policy, session.role) && session.totp_confirmed_at === null,
      passwordChangePending: Number(session.password_change_required) === 1,
    };
  }

  async logout(token: string): Promise<void> {
    await sessions.remove(this.db, digest(token));
  }

  private async failed(attempt: Attempt, userId: string | undefined, what: string, ip: string): Promise<void> {
    const account = attempt.keys.find((k) => k.rule.name === 'account');
    const locked = lockedBy(attempt).map(
      (k) =>
        `${k.rule.name === 'account' ? 'the e-mail address' : 'the IP address'} locked for ${k.rule.lockMs / 60_000} minutes`,
    );
    const reason = [
      `sign-in failed: ${what}, from ${ip}`,
      `failure ${account?.failures ?? 0} in a row for this e-mail address`,
      ...locked,
    ].join('; ');
    await this.db.transaction().execute((trx) =>
      logAdministration(trx, SIGN_IN, {
        at: isoNow(this.clock),
        operation: 'consult',
        recordType: 'account',
        records: userId === undefined ? [] : [`user:${userId}`],
        reason,
        outcome: 'denied',
      }),
    );
  }

  private async recoveryCodeUsed(actor: Actor): Promise<void> {
    const left = await this.secondFactor.unusedRecoveryCodes(actor.id);
    await this.db.transaction().execute((trx) =>
      logAdministration(trx, actor, {
        at: isoNow(this.clock),
        operation: 'modify',
        recordType: 'account',
        records: [`user:${actor.id}`],
        reason: `signed in with a recovery code; ${left} left`,
      }),
    );
  }
}

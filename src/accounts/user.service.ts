import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { conflict, KluisError, notFound, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { logAdministration } from '../guard/admin-log.ts';
import { enqueueMail } from '../mail/outbox.repository.ts';
import type { MailSecretBox } from '../mail/mail-secrets.ts';
import type { Policy } from '../policy/policy.ts';
import { invitationLetter } from './invitation-letter.ts';
import * as invitations from './invitation.repository.ts';
import { ACCOUNT_RULE, type LoginThrottle } from './login-throttle.ts';
import { hashPassword } from './password.ts';
import { checkNewPassword } from './password-policy.ts';
import * as sessions from './session.repository.ts';
import * as users from './user.repository.ts';
import { type AcceptInvitation, acceptInvitationSchema, type NewUser, type User, newUserSchema } from './user.schema.ts';
import { type Clock, isoNow, systemClock } from '../shared/clock.ts';
import { requireCapability } from '../guard/capability.ts';

/** An invitation is valid this long: a week covers a colleague who starts after the weekend. */
const INVITATION_MS = 7 * 24 * 3_600_000;

export interface UserServiceOptions {
  /** KLUIS_PUBLIC_URL: an invitation's link points there; without it nobody can be invited by mail. */
  publicUrl?: string | undefined;
  /** Seals the invitation's link in the outbox, as the codes of requests are. */
  mailSecrets?: MailSecretBox | undefined;
  clock?: Clock;
}

/** How an account's first password comes about: chosen by the operator for themselves, passed on, or by invitation. */
export interface AddOptions {
  /** The password is one the person did not choose (the dpo set it in the back office, a generated one): it must be changed at the first sign-in. */
  temporary?: boolean;
}

/** Staff accounts. Managing them is the `users` capability of the policy (the dpo by default). */
export class UserService {
  private readonly db: Kysely<DB>;
  private readonly policy: Policy;
  private readonly throttle: LoginThrottle;
  private readonly options: UserServiceOptions;
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, policy: Policy, throttle: LoginThrottle, options: UserServiceOptions = {}) {
    this.db = db;
    this.policy = policy;
    this.throttle = throttle;
    this.options = options;
    this.clock = options.clock ?? systemClock;
  }

  /**
   * Adds an account. With a password, the account can sign in with it (and must change it first when it is
   * `temporary`); without one, the person is invited by mail to choose their own, and cannot sign in before.
   */
  async add(actor: Actor, input: NewUser, options: AddOptions = {}): Promise<User> {
    this.requireAdmin(actor);
    const parsed = newUserSchema.safeParse(input);
    if (!parsed.success) throw validationFailed('Invalid user', parsed.error.issues);
    const data = parsed.data;
    if (!this.policy.hasRole(data.role)) {
      throw validationFailed(`Unknown role ${data.role}`, { roles: this.policy.roles });
    }
    if (data.password !== undefined)
      checkNewPassword(data.password, [data.email, data.displayName, this.policy.document.controller.name]);
    else this.requireInvitationLink();
    const now = this.clock.now();
    const row = {
      id: randomUUID(),
      email: data.email,
      display_name: data.displayName,
      role: data.role,
      // An invited account gets a password nobody knows until the person chooses theirs.
      password_hash: await hashPassword(data.password ?? randomBytes(32).toString('base64url')),
      created_at: now.toISOString(),
      disabled_at: null,
      last_login_at: null,
      totp_secret: null,
      totp_confirmed_at: null,
      totp_last_step: null,
      password_change_required: data.password !== undefined && options.temporary === true ? 1 : 0,
      language: data.language ?? 'nl',
      reminders: null,
    };
    let invitedUntil: string | null = null;
    try {
      await this.db.transaction().execute(async (trx) => {
        await users.create(trx, row);
        if (data.password === undefined) {
          invitedUntil = await this.invite(trx, actor, row, data.language ?? 'nl', now);
          await logAdministration(trx, actor, {
            at: isoNow(this.clock),
            operation: 'store',
            recordType: 'account',
            records: [`user:${row.id}`],
            reason: 'account added; invited by mail to choose a password',
          });
        }
      });
    } catch (error) {
      if (await users.getByEmail(this.db, data.email)) throw conflict(`A user with e-mail ${data.email} exists`);
      throw error;
    }
    return present(row, invitedUntil);
  }

  /** Sends a new invitation (the earlier one stops working): for a mail that got lost or expired. */
  async reinvite(actor: Actor, idOrEmail: string, language: 'nl' | 'en' = 'nl'): Promise<User> {
    this.requireAdmin(actor);
    this.requireInvitationLink();
    return this.db.transaction().execute(async (trx) => {
      const user = await this.find(trx, idOrEmail);
      if (user.disabled_at !== null) throw conflict(`The account ${user.email} is disabled`);
      if (user.last_login_at !== null)
        throw new KluisError('already_signed_in', `${user.email} has signed in before; they can change their own password`);
      const until = await this.invite(trx, actor, user, language, this.clock.now());
      await logAdministration(trx, actor, {
        at: isoNow(this.clock),
        operation: 'modify',
        recordType: 'account',
        records: [`user:${user.id}`],
        reason: 'invited again by mail; the earlier invitation no longer works',
      });
      return present(user, until);
    });
  }

  /**
   * The invited person chooses their password with the token of the mail. Works once, until the invitation
   * expires; the same answer for a token that never existed, was used or was replaced, so it tells nothing.
   */
  async acceptInvitation(input: AcceptInvitation): Promise<void> {
    const parsed = acceptInvitationSchema.safeParse(input);
    if (!parsed.success) throw validationFailed('Invalid invitation', parsed.error.issues);
    const id = tokenDigest(parsed.data.token);
    const invitation = await invitations.getById(this.db, id);
    const user = invitation === undefined ? undefined : await users.getById(this.db, invitation.user_id);
    if (
      invitation === undefined ||
      user === undefined ||
      invitation.used_at !== null ||
      invitation.revoked_at !== null ||
      user.disabled_at !== null
    ) {
      throw new KluisError('invitation_invalid', 'This invitation link does not work (any more): ask for a new invitation');
    }
    const now = this.clock.now().toISOString();
    if (invitation.expires_at <= now)
      throw new KluisError('invitation_expired', 'This invitation has expired: ask for a new invitation');
    checkNewPassword(parsed.data.password, [user.email, user.display_name, this.policy.document.controller.name]);
    const hash = await hashPassword(parsed.data.password);
    const me: Actor = { kind: 'user', id: user.id, role: user.role };
    await this.db.transaction().execute(async (trx) => {
      if (!(await invitations.use(trx, id, now)))
        throw new KluisError('invitation_invalid', 'This invitation link does not work (any more): ask for a new invitation');
      await users.setPasswordHash(trx, user.id, hash);
      await sessions.removeAllOfUser(trx, user.id);
      await logAdministration(trx, me, {
        at: isoNow(this.clock),
        operation: 'modify',
        recordType: 'account',
        records: [`user:${user.id}`],
        reason: 'password chosen with the invitation',
      });
    });
    await this.throttle.clear(ACCOUNT_RULE, user.email);
  }

  async list(actor: Actor): Promise<User[]> {
    this.requireAdmin(actor);
    const open = new Map((await invitations.openExpiries(this.db)).map((i) => [i.user_id, i.expires_at]));
    return (await users.list(this.db)).map((u) => present(u, open.get(u.id) ?? null));
  }

  private requireInvitationLink(): void {
    if (this.options.publicUrl === undefined) {
      throw new KluisError(
        'invitation_needs_public_url',
        'An invitation holds a link to Kluis: set KLUIS_PUBLIC_URL, or give the account a password',
      );
    }
  }

  /** A new invitation for the user (earlier ones withdrawn) and its mail, in the transaction; returns its expiry. */
  private async invite(
    trx: Kysely<DB>,
    actor: Actor,
    user: { id: string; email: string; display_name: string; role: string },
    language: 'nl' | 'en',
    now: Date,
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + INVITATION_MS).toISOString();
    await invitations.revokeOpen(trx, user.id, now.toISOString());
    await invitations.create(trx, {
      id: tokenDigest(token),
      user_id: user.id,
      created_by: actor.kind === 'user' ? `user:${actor.id}` : 'cli',
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
      revoked_at: null,
    });
    const inviter =
      actor.kind === 'user'
        ? ((await users.getById(trx, actor.id))?.display_name ?? this.policy.document.controller.name)
        : this.policy.document.controller.name;
    const base = (this.options.publicUrl ?? '').replace(/\/+$/, '');
    // The token after '#': a fragment is not sent to any server, so it stays out of access logs and Referer headers.
    const link = `${base}/app/invitation#${token}`;
    const mail = invitationLetter(this.policy, language, {
      name: user.display_name,
      role: user.role,
      link,
      expiresAt,
      invitedBy: inviter,
    });
    await enqueueMail(
      trx,
      {
        createdAt: isoNow(this.clock),
        ...mail,
        kind: 'account_invitation',
        to: user.email,
        language,
        related: { type: 'user', id: user.id },
      },
      this.options.mailSecrets,
    );
    return expiresAt;
  }

  /** Disables the account and ends all its sessions at once. */
  /** The signed-in person's own account (the back office's "My account"): no capability needed, only their own. */
  async own(actor: Actor): Promise<User> {
    const row = actor.kind === 'user' ? await users.getById(this.db, actor.id) : undefined;
    if (row === undefined) throw notFound('Account', actor.id);
    return present(row);
  }

  async disable(actor: Actor, idOrEmail: string): Promise<User> {
    this.requireAdmin(actor);
    return this.db.transaction().execute(async (trx) => {
      const user = await this.find(trx, idOrEmail);
      if (actor.kind === 'user' && user.id === actor.id) throw conflict('You cannot disable your own account');
      const at = user.disabled_at ?? this.clock.now().toISOString();
      await users.disable(trx, user.id, at);
      await invitations.revokeOpen(trx, user.id, at);
      await sessions.removeAllOfUser(trx, user.id);
      return present({ ...user, disabled_at: at });
    });
  }

  /** An operator sets a new password (`kluis user password`): the account's sessions end, its lock is lifted. */
  async setPassword(actor: Actor, idOrEmail: string, password: string, options: AddOptions = {}): Promise<User> {
    this.requireAdmin(actor);
    checkNewPassword(password, [idOrEmail, this.policy.document.controller.name]);
    const hash = await hashPassword(password);
    const user = await this.db.transaction().execute(async (trx) => {
      const found = await this.find(trx, idOrEmail);
      await users.setPasswordHash(trx, found.id, hash, options.temporary === true);
      await sessions.removeAllOfUser(trx, found.id);
      const reason = `password set by an operator${options.temporary === true ? ', to be changed at the next sign-in' : ''}; sessions ended`;
      await logAdministration(trx, actor, {
        at: isoNow(this.clock),
        operation: 'modify',
        recordType: 'account',
        records: [`user:${found.id}`],
        reason,
      });
      return found;
    });
    await this.throttle.clear(ACCOUNT_RULE, user.email);
    return present(user);
  }

  /** Lifts the sign-in lock of an e-mail address (`kluis user unlock`), after a brute-force attempt on it. */
  async unlock(actor: Actor, email: string): Promise<void> {
    this.requireAdmin(actor);
    const address = email.trim().toLowerCase();
    await this.throttle.clear(ACCOUNT_RULE, address);
    const user = await users.getByEmail(this.db, address);
    await this.db.transaction().execute((trx) =>
      logAdministration(trx, actor, {
        at: isoNow(this.clock),
        operation: 'modify',
        recordType: 'account',
        records: user === undefined ? [] : [`user:${user.id}`],
        reason: 'sign-in lock lifted by an operator',
      }),
    );
  }

  private async find(db: Kysely<DB>, idOrEmail: string): Promise<users.UserSummaryRow> {
    const user = (await users.getByEmail(db, idOrEmail.toLowerCase())) ?? (await users.getById(db, idOrEmail));
    if (user === undefined) throw notFound('User', idOrEmail);
    return user;
  }

  private requireAdmin(actor: Actor): void {
    requireCapability(this.policy, actor, 'users', 'manage users');
  }
}

const tokenDigest = (token: string): string => createHash('sha256').update(token).digest('hex');

function present(row: users.UserSummaryRow, invitedUntil: string | null = null): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    lastLoginAt: row.last_login_at,
    secondFactorConfirmedAt: row.totp_confirmed_at,
    passwordChangeRequired: Number(row.password_change_required) === 1,
    invitedUntil,
  };
}

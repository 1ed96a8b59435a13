import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { conflict, forbidden, notFound, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { logAdministration } from '../guard/admin-log.ts';
import type { Policy } from '../policy/policy.ts';
import { ACCOUNT_RULE, type LoginThrottle } from './login-throttle.ts';
import { hashPassword } from './password.ts';
import { checkNewPassword } from './password-policy.ts';
import * as sessions from './session.repository.ts';
import * as users from './user.repository.ts';
import { type NewUser, type User, newUserSchema } from './user.schema.ts';

/** Staff accounts. Managing them is the `users` capability of the policy (the dpo by default). */
export class UserService {
  private readonly db: Kysely<DB>;
  private readonly policy: Policy;
  private readonly throttle: LoginThrottle;

  constructor(db: Kysely<DB>, policy: Policy, throttle: LoginThrottle) {
    this.db = db;
    this.policy = policy;
    this.throttle = throttle;
  }

  async add(actor: Actor, input: NewUser): Promise<User> {
    this.requireAdmin(actor);
    const parsed = newUserSchema.safeParse(input);
    if (!parsed.success) throw validationFailed('Invalid user', parsed.error.issues);
    const data = parsed.data;
    if (!this.policy.hasRole(data.role)) {
      throw validationFailed(`Unknown role ${data.role}`, { roles: this.policy.roles });
    }
    checkNewPassword(data.password, [data.email, data.displayName, this.policy.document.controller.name]);
    const row = {
      id: randomUUID(),
      email: data.email,
      display_name: data.displayName,
      role: data.role,
      password_hash: await hashPassword(data.password),
      created_at: new Date().toISOString(),
      disabled_at: null,
      last_login_at: null,
      totp_secret: null,
      totp_confirmed_at: null,
      totp_last_step: null,
    };
    try {
      await users.create(this.db, row);
    } catch (error) {
      if (await users.getByEmail(this.db, data.email)) throw conflict(`A user with e-mail ${data.email} exists`);
      throw error;
    }
    return present(row);
  }

  async list(actor: Actor): Promise<User[]> {
    this.requireAdmin(actor);
    return (await users.list(this.db)).map(present);
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
      const at = user.disabled_at ?? new Date().toISOString();
      await users.disable(trx, user.id, at);
      await sessions.removeAllOfUser(trx, user.id);
      return present({ ...user, disabled_at: at });
    });
  }

  /** An operator sets a new password (`kluis user password`): the account's sessions end, its lock is lifted. */
  async setPassword(actor: Actor, idOrEmail: string, password: string): Promise<User> {
    this.requireAdmin(actor);
    checkNewPassword(password, [idOrEmail, this.policy.document.controller.name]);
    const hash = await hashPassword(password);
    const user = await this.db.transaction().execute(async (trx) => {
      const found = await this.find(trx, idOrEmail);
      await users.setPasswordHash(trx, found.id, hash);
      await sessions.removeAllOfUser(trx, found.id);
      await logAdministration(trx, actor, { operation: 'modify', recordType: 'account', records: [`user:${found.id}`], reason: 'password set by an operator; sessions ended' });
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
      logAdministration(trx, actor, { operation: 'modify', recordType: 'account', records: user === undefined ? [] : [`user:${user.id}`], reason: 'sign-in lock lifted by an operator' }),
    );
  }

  private async find(db: Kysely<DB>, idOrEmail: string): Promise<users.UserSummaryRow> {
    const user = (await users.getByEmail(db, idOrEmail.toLowerCase())) ?? (await users.getById(db, idOrEmail));
    if (user === undefined) throw notFound('User', idOrEmail);
    return user;
  }

  private requireAdmin(actor: Actor): void {
    if (!this.policy.mayAdminister(actor.role, 'users')) throw forbidden(`The role ${actor.role} may not manage users`);
  }
}

function present(row: users.UserSummaryRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    lastLoginAt: row.last_login_at,
    secondFactorConfirmedAt: row.totp_confirmed_at,
  };
}

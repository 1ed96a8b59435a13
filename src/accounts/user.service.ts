import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { conflict, forbidden, notFound, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Policy } from '../policy/policy.ts';
import { hashPassword } from './password.ts';
import * as sessions from './session.repository.ts';
import * as users from './user.repository.ts';
import { type NewUser, type User, newUserSchema } from './user.schema.ts';

/** Staff accounts. Managing them is the `users` capability of the policy (the dpo by default). */
export class UserService {
  private readonly db: Kysely<DB>;
  private readonly policy: Policy;

  constructor(db: Kysely<DB>, policy: Policy) {
    this.db = db;
    this.policy = policy;
  }

  async add(actor: Actor, input: NewUser): Promise<User> {
    this.requireAdmin(actor);
    const parsed = newUserSchema.safeParse(input);
    if (!parsed.success) throw validationFailed('Invalid user', parsed.error.issues);
    const data = parsed.data;
    if (!this.policy.hasRole(data.role)) {
      throw validationFailed(`Unknown role ${data.role}`, { roles: this.policy.roles });
    }
    const row = {
      id: randomUUID(),
      email: data.email,
      display_name: data.displayName,
      role: data.role,
      password_hash: await hashPassword(data.password),
      created_at: new Date().toISOString(),
      disabled_at: null,
      last_login_at: null,
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
  async disable(actor: Actor, idOrEmail: string): Promise<User> {
    this.requireAdmin(actor);
    return this.db.transaction().execute(async (trx) => {
      const user = (await users.getByEmail(trx, idOrEmail.toLowerCase())) ?? (await users.getById(trx, idOrEmail));
      if (user === undefined) throw notFound('User', idOrEmail);
      if (actor.kind === 'user' && user.id === actor.id) throw conflict('You cannot disable your own account');
      const at = user.disabled_at ?? new Date().toISOString();
      await users.disable(trx, user.id, at);
      await sessions.removeAllOfUser(trx, user.id);
      return present({ ...user, disabled_at: at });
    });
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
  };
}

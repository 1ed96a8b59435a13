import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { conflict, notFound, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { logAdministration } from '../guard/admin-log.ts';
import type { Policy } from '../policy/policy.ts';
import { parse } from '../shared/parse.ts';
import * as tokens from './api-token.repository.ts';
import { type ApiToken, type NewApiToken, newApiTokenSchema } from './api-token.schema.ts';
import { needsSecondFactor } from './second-factor.service.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import { requireCapability } from '../guard/capability.ts';

// Like sessions: recording every use would make every read a write.
const TOUCH_AFTER_MS = 60_000;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * API tokens for integrations (an accounting package, a CRM): each acts with one role of the policy, is
 * shown once, stored as its SHA-256, revocable, and its last use is kept. Managing them is the `users`
 * capability. A token is sent as `Authorization: Bearer …`, never as a cookie, so CSRF does not apply.
 */
export class ApiTokenService {
  private readonly db: Kysely<DB>;
  private readonly policy: Policy;
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, policy: Policy, clock: Clock) {
    this.db = db;
    this.policy = policy;
    this.clock = clock;
  }

  async create(actor: Actor, input: NewApiToken): Promise<ApiToken & { token: string }> {
    this.requireAdmin(actor);
    const data = parse(newApiTokenSchema, input);
    if (!this.policy.hasRole(data.role)) throw validationFailed(`Unknown role ${data.role}`, { roles: this.policy.roles });
    // A token has no second factor, so it cannot act with a role that needs one.
    if (needsSecondFactor(this.policy, data.role))
      throw validationFailed(`A token cannot have the role ${data.role}: that role signs in with a second factor`);
    // 256 random bits: a hash without salt is enough, nobody guesses the token back from it.
    const token = `kluis_${randomBytes(32).toString('base64url')}`;
    const row = {
      id: randomUUID(),
      name: data.name,
      role: data.role,
      token_hash: digest(token),
      created_by: `${actor.kind}:${actor.id}`,
      created_at: this.clock.now().toISOString(),
      last_used_at: null,
      revoked_at: null,
      revoked_by: null,
    };
    await this.db.transaction().execute(async (trx) => {
      await tokens.create(trx, row);
      await logAdministration(trx, actor, {
        at: isoNow(this.clock),
        operation: 'store',
        recordType: 'api_token',
        records: [`api_token:${row.id}`],
        reason: `token "${row.name}" created for the role ${row.role}`,
      });
    });
    return { ...present(row), token };
  }

  async list(actor: Actor): Promise<ApiToken[]> {
    this.requireAdmin(actor);
    return (await tokens.list(this.db)).map(present);
  }

  async revoke(actor: Actor, id: string): Promise<ApiToken> {
    this.requireAdmin(actor);
    return this.db.transaction().execute(async (trx) => {
      const row = await tokens.getById(trx, id);
      if (row === undefined) throw notFound('API token', id);
      const at = this.clock.now().toISOString();
      const by = `${actor.kind}:${actor.id}`;
      if (!(await tokens.revoke(trx, id, at, by))) throw conflict(`API token ${id} was revoked already`);
      await logAdministration(trx, actor, {
        at: isoNow(this.clock),
        operation: 'erase',
        recordType: 'api_token',
        records: [`api_token:${id}`],
        reason: `token "${row.name}" revoked`,
      });
      return present({ ...row, revoked_at: at, revoked_by: by });
    });
  }

  /** The actor of a token that exists and is not revoked, or undefined. */
  async authenticate(token: string): Promise<Actor | undefined> {
    const row = await tokens.getActiveByHash(this.db, digest(token));
    if (row === undefined) return undefined;
    const now = this.clock.now();
    if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_AFTER_MS)
      await tokens.touch(this.db, row.id, now.toISOString());
    return { kind: 'token', id: row.id, role: row.role };
  }

  private requireAdmin(actor: Actor): void {
    requireCapability(this.policy, actor, 'users', 'manage API tokens');
  }
}

function present(row: tokens.ApiTokenSummaryRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
  };
}

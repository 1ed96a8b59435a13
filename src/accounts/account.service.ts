import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { forbidden, KluisError, notFound } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { logAdministration } from '../guard/admin-log.ts';
import { ACCOUNT_RULE, type LoginThrottle } from './login-throttle.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { checkNewPassword } from './password-policy.ts';
import type { Session, SessionService } from './session.service.ts';
import * as sessions from './session.repository.ts';
import * as users from './user.repository.ts';
import type { PasswordChange } from './user.schema.ts';
import { type Clock, isoNow } from '../shared/clock.ts';

/** What a signed-in person does to their own account. */
export class AccountService {
  private readonly db: Kysely<DB>;
  private readonly sessions: SessionService;
  private readonly throttle: LoginThrottle;
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, sessionService: SessionService, throttle: LoginThrottle, clock: Clock) {
    this.clock = clock;
    this.db = db;
    this.sessions = sessionService;
    this.throttle = throttle;
  }

  /**
   * Changes the actor's password: the current one is required (and wrong ones count as failed sign-ins), the
   * new one must pass the password rules. Every session of the account ends; the caller gets a new one.
   */
  async changePassword(actor: Actor, input: PasswordChange): Promise<Session> {
    if (actor.kind !== 'user') throw forbidden('Only a person signed in to their own account can change its password');
    const user = await users.getById(this.db, actor.id);
    if (user === undefined) throw notFound('User', actor.id);
    const credentials = await users.getCredentials(this.db, user.email);
    if (credentials === undefined) throw notFound('User', actor.id);
    const attempt = await this.throttle.begin([[ACCOUNT_RULE, user.email]]);
    if (!(await verifyPassword(input.currentPassword, credentials.password_hash))) {
      throw new KluisError('wrong_password', 'The current password is wrong; nothing was changed');
    }
    await this.throttle.succeeded(attempt);
    // A password someone else chose (and so knows) is replaced, not kept under a new name.
    if (input.newPassword === input.currentPassword)
      throw new KluisError('password_unchanged', 'The new password is the same as the current one; choose another');
    checkNewPassword(input.newPassword, [user.email, user.display_name]);
    const hash = await hashPassword(input.newPassword);
    await this.db.transaction().execute(async (trx) => {
      await users.setPasswordHash(trx, user.id, hash);
      await sessions.removeAllOfUser(trx, user.id);
      await logAdministration(trx, actor, {
        at: isoNow(this.clock),
        operation: 'modify',
        recordType: 'account',
        records: [`user:${user.id}`],
        reason: 'password changed by its owner; every session ended',
      });
    });
    return this.sessions.start(user.id, user.role, user.totp_confirmed_at);
  }
}

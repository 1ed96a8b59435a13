import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Policy } from '../policy/policy.ts';
import { AccountService } from './account.service.ts';
import { ApiTokenService } from './api-token.service.ts';
import { LoginThrottle } from './login-throttle.ts';
import { SecondFactorService } from './second-factor.service.ts';
import { SessionService } from './session.service.ts';
import { UserService, type UserServiceOptions } from './user.service.ts';

/** The services of accounts: staff accounts, sessions, second factors, own-account changes, API tokens. */
export interface AccountServices {
  users: UserService;
  sessions: SessionService;
  /** TOTP second factors and recovery codes (required for roles that administer, such as the dpo). */
  secondFactor: SecondFactorService;
  /** A signed-in person's own account: the password change. */
  accounts: AccountService;
  /** Bearer tokens for integrations, each with one role. */
  apiTokens: ApiTokenService;
}

/** Wires the account services on one clock (tests move it to let locks expire and codes change). */
export function createAccountServices(
  db: Kysely<DB>,
  policy: Policy,
  now: () => Date = () => new Date(),
  invitations: Omit<UserServiceOptions, 'now'> = {},
): AccountServices {
  const throttle = new LoginThrottle(db, now);
  const secondFactor = new SecondFactorService(db, policy, throttle, now);
  const sessions = new SessionService(db, policy, secondFactor, throttle, now);
  return {
    users: new UserService(db, policy, throttle, { ...invitations, now }),
    sessions,
    secondFactor,
    accounts: new AccountService(db, sessions, throttle),
    apiTokens: new ApiTokenService(db, policy, now),
  };
}

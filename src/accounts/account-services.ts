import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Policy } from '../policy/policy.ts';
import { AccountService } from './account.service.ts';
import { ApiTokenService } from './api-token.service.ts';
import { LoginThrottle } from './login-throttle.ts';
import { SecondFactorService } from './second-factor.service.ts';
import { SessionService } from './session.service.ts';
import { type Clock, systemClock } from '../shared/clock.ts';
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
  clock: Clock = systemClock,
  invitations: Omit<UserServiceOptions, 'clock'> = {},
): AccountServices {
  const throttle = new LoginThrottle(db, clock);
  const secondFactor = new SecondFactorService(db, policy, throttle, clock);
  const sessions = new SessionService(db, policy, secondFactor, throttle, clock);
  return {
    users: new UserService(db, policy, throttle, { ...invitations, clock }),
    sessions,
    secondFactor,
    accounts: new AccountService(db, sessions, throttle, clock),
    apiTokens: new ApiTokenService(db, policy, clock),
  };
}

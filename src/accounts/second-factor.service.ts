import QRCode from 'qrcode';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { conflict, forbidden, notFound, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { logAdministration } from '../guard/admin-log.ts';
import type { Policy } from '../policy/policy.ts';
import { ADMIN_CAPABILITIES } from '../policy/policy.schema.ts';
import { ACCOUNT_RULE, type LoginThrottle } from './login-throttle.ts';
import * as factors from './second-factor.repository.ts';
import * as sessions from './session.repository.ts';
import { acceptedStep, isTotpCode, newRecoveryCodes, newTotpSecret, otpauthUri, recoveryCodeHash } from './totp.ts';
import * as users from './user.repository.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import { requireCapability } from '../guard/capability.ts';

/**
 * Whether the role must sign in with a second factor: every role that administers anything (the dpo in
 * Sen ICT's policy), since it can reach every account and the whole processing log (Art. 32 GDPR).
 */
export const needsSecondFactor = (policy: Policy, role: string): boolean =>
  ADMIN_CAPABILITIES.some((c) => policy.mayAdminister(role, c));

export interface Enrolment {
  secret: string;
  otpauthUri: string;
  /** The otpauth URI as a QR code (SVG), drawn here: the secret never goes to an outside QR service. */
  qrSvg: string;
}

/** A TOTP second factor (RFC 6238) with single-use recovery codes, for every account that wants one. */
export class SecondFactorService {
  private readonly db: Kysely<DB>;
  private readonly policy: Policy;
  private readonly throttle: LoginThrottle;
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, policy: Policy, throttle: LoginThrottle, clock: Clock) {
    this.db = db;
    this.policy = policy;
    this.throttle = throttle;
    this.clock = clock;
  }

  /** Starts an enrolment: a new secret, shown this once (and again only by starting over). */
  async start(actor: Actor): Promise<Enrolment> {
    const factor = await this.factorOf(actor);
    if (factor.totp_confirmed_at !== null)
      throw conflict('This account already has a second factor; an operator can reset it (kluis user reset-factor)');
    const secret = newTotpSecret();
    await this.db.transaction().execute(async (trx) => {
      if (!(await factors.setPendingSecret(trx, factor.id, secret))) throw conflict('This account already has a second factor');
      await logAdministration(trx, actor, {
        at: isoNow(this.clock),
        operation: 'modify',
        recordType: 'account',
        records: [`user:${factor.id}`],
        reason: 'second factor: enrolment started',
      });
    });
    const uri = otpauthUri(`Kluis (${this.policy.document.controller.name})`, factor.email, secret);
    return { secret, otpauthUri: uri, qrSvg: await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
  }

  /** Confirms the enrolment with a code from the app; returns the recovery codes, shown this once. */
  async confirm(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
    const factor = await this.factorOf(actor);
    if (factor.totp_confirmed_at !== null) throw conflict('This account already has a second factor');
    if (factor.totp_secret === null) throw conflict('Start the enrolment first (POST /api/account/second-factor)');
    const at = this.clock.now();
    const step = await acceptedStep(factor.totp_secret, code, at, null);
    if (step === undefined)
      throw validationFailed("The code does not match; check that the phone's clock is right and enter the current code");
    const recoveryCodes = newRecoveryCodes();
    await this.db.transaction().execute(async (trx) => {
      if (!(await factors.confirm(trx, factor.id, at.toISOString(), step)))
        throw conflict('The enrolment changed meanwhile; start again');
      await factors.replaceRecoveryCodes(trx, factor.id, recoveryCodes.map(recoveryCodeHash), at.toISOString());
      await logAdministration(trx, actor, {
        at: isoNow(this.clock),
        operation: 'modify',
        recordType: 'account',
        records: [`user:${factor.id}`],
        reason: 'second factor: confirmed, recovery codes issued',
      });
    });
    return { recoveryCodes };
  }

  /** New recovery codes for old ones (used up, or seen by someone else); needs a current code. */
  async renewRecoveryCodes(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
    const factor = await this.factorOf(actor);
    if (factor.totp_confirmed_at === null) throw conflict('This account has no second factor; enrol one first');
    // A stolen session must not guess codes here at leisure: wrong codes count as failed sign-ins.
    const attempt = await this.throttle.begin([[ACCOUNT_RULE, factor.email]]);
    // Only a code of the app: a recovery code is not spent here.
    if (!isTotpCode(code) || (await this.verify(factor.id, code)) !== 'totp')
      throw validationFailed('The code does not match the app (a recovery code does not do here)');
    await this.throttle.succeeded(attempt);
    const recoveryCodes = newRecoveryCodes();
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await factors.replaceRecoveryCodes(trx, factor.id, recoveryCodes.map(recoveryCodeHash), at);
      await logAdministration(trx, actor, {
        at: isoNow(this.clock),
        operation: 'modify',
        recordType: 'account',
        records: [`user:${factor.id}`],
        reason: 'second factor: recovery codes renewed',
      });
    });
    return { recoveryCodes };
  }

  /**
   * Checks a code at sign-in: a TOTP code newer than the last one accepted (never the same code twice), or
   * an unused recovery code, which is spent. Undefined when neither.
   */
  async verify(userId: string, code: string): Promise<'totp' | 'recovery' | undefined> {
    const factor = await factors.getFactor(this.db, userId);
    if (factor === undefined || factor.totp_secret === null || factor.totp_confirmed_at === null) return undefined;
    const at = this.clock.now();
    if (isTotpCode(code)) {
      const step = await acceptedStep(factor.totp_secret, code, at, factor.totp_last_step);
      return step !== undefined && (await factors.useStep(this.db, userId, step)) ? 'totp' : undefined;
    }
    if (code.length > 64) return undefined;
    return (await factors.useRecoveryCode(this.db, userId, recoveryCodeHash(code), at.toISOString())) ? 'recovery' : undefined;
  }

  /** How many recovery codes the account has left. */
  unusedRecoveryCodes(userId: string): Promise<number> {
    return factors.unusedRecoveryCodes(this.db, userId);
  }

  /** An operator removes a lost second factor (`kluis user reset-factor`); the account's sessions end. */
  async reset(actor: Actor, emailOrId: string): Promise<{ email: string }> {
    requireCapability(this.policy, actor, 'users', 'manage users');
    return this.db.transaction().execute(async (trx) => {
      const user = (await users.getByEmail(trx, emailOrId.toLowerCase())) ?? (await users.getById(trx, emailOrId));
      if (user === undefined) throw notFound('User', emailOrId);
      await factors.clear(trx, user.id);
      await sessions.removeAllOfUser(trx, user.id);
      await logAdministration(trx, actor, {
        at: isoNow(this.clock),
        operation: 'modify',
        recordType: 'account',
        records: [`user:${user.id}`],
        reason: 'second factor: reset by an operator; sessions ended',
      });
      return { email: user.email };
    });
  }

  private async factorOf(actor: Actor) {
    if (actor.kind !== 'user') throw forbidden('Only a person signed in to their own account can do this');
    const factor = await factors.getFactor(this.db, actor.id);
    if (factor === undefined) throw notFound('User', actor.id);
    return factor;
  }
}

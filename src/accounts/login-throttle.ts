import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { KluisError } from '../errors.ts';
import * as throttles from './login-throttle.repository.ts';
import { type Clock } from '../shared/clock.ts';

const MINUTE = 60_000;

/** How failures in a row of one key slow down its next sign-in, and when they lock it. */
export interface ThrottleRule {
  name: 'account' | 'ip';
  /** Failures that cost nothing: a mistyped password or two. */
  freeFailures: number;
  /** At this many failures in a row the key is locked for lockMs (and again at every failure after). */
  lockAfter: number;
  lockMs: number;
}

/** Per account (by e-mail address, whether or not the account exists): 5 failures lock it for 15 minutes. */
export const ACCOUNT_RULE: ThrottleRule = { name: 'account', freeFailures: 2, lockAfter: 5, lockMs: 15 * MINUTE };
/** Per IP address: an office behind one address may mistype more, a password sprayer not much more. */
export const ADDRESS_RULE: ThrottleRule = { name: 'ip', freeFailures: 10, lockAfter: 30, lockMs: 15 * MINUTE };

const MAX_DELAY_MS = MINUTE;
// Failures in a row end with a success, or after an hour without one.
const FORGET_AFTER_MS = 60 * MINUTE;

/** How long a key must wait after its n-th failure in a row: nothing, then 1 s, 2 s, 4 s … up to a minute, then the lock. */
export function waitAfter(rule: ThrottleRule, failures: number): number {
  if (failures >= rule.lockAfter) return rule.lockMs;
  if (failures <= rule.freeFailures) return 0;
  return Math.min(1000 * 2 ** (failures - rule.freeFailures - 1), MAX_DELAY_MS);
}

const keyOf = (rule: ThrottleRule, value: string) =>
  `${rule.name}:${createHash('sha256').update(`${rule.name}:${value.toLowerCase()}`).digest('hex')}`;

export interface CountedKey {
  rule: ThrottleRule;
  key: string;
  /** Failures in a row, this attempt included. */
  failures: number;
}

/** A sign-in attempt that has been counted as a failure until it is settled. */
export interface Attempt {
  keys: CountedKey[];
}

export const rateLimited = (retryAfterSeconds: number) =>
  new KluisError('rate_limited', 'Too many failed sign-ins; wait and try again', { retryAfterSeconds });

/**
 * Growing delays and temporary locks for sign-ins, per account and per IP address, in the database so that
 * every instance counts together. Keys are hashed: the table holds no address in the clear. An unknown
 * account is throttled exactly like a known one, so the answers never tell which accounts exist.
 */
export class LoginThrottle {
  private readonly db: Kysely<DB>;
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Refuses (429) while any of the keys must wait; otherwise counts the attempt as a failure before the
   * password is checked, so parallel guesses count too. Settle it with succeeded() or forgive().
   */
  async begin(values: [ThrottleRule, string][]): Promise<Attempt> {
    const now = this.clock.now();
    const at = now.toISOString();
    const wanted = values.map(([rule, value]) => ({ rule, key: keyOf(rule, value) }));
    const outcome = await this.db.transaction().execute(async (trx) => {
      const rows = new Map(
        (
          await throttles.lockRows(
            trx,
            wanted.map((w) => w.key),
            at,
          )
        ).map((r) => [r.key, r]),
      );
      let waitMs = 0;
      const counted: CountedKey[] = [];
      for (const { rule, key } of wanted) {
        const row = rows.get(key);
        const last = Date.parse(row?.last_failure_at ?? at);
        const forgotten = now.getTime() - last >= FORGET_AFTER_MS;
        const failures = forgotten ? 0 : Number(row?.failures ?? 0);
        waitMs = Math.max(waitMs, last + waitAfter(rule, failures) - now.getTime());
        counted.push({ rule, key, failures: failures + 1 });
      }
      if (waitMs > 0) return { waitMs, counted: [] };
      for (const c of counted) await throttles.setFailures(trx, c.key, c.failures, at);
      return { waitMs: 0, counted };
    });
    if (outcome.waitMs > 0) throw rateLimited(Math.ceil(outcome.waitMs / 1000));
    return { keys: outcome.counted };
  }

  /** The sign-in succeeded: the account starts afresh; the address's count is taken back. */
  async succeeded(attempt: Attempt): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const k of attempt.keys)
        await (k.rule.name === 'account' ? throttles.remove(trx, k.key) : throttles.uncount(trx, k.key));
    });
  }

  /** The password was right but the code is still to come: the attempt was no failure. */
  async forgive(attempt: Attempt): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const k of attempt.keys) await throttles.uncount(trx, k.key);
    });
  }

  /** An operator lifts the lock of an account (`kluis user unlock`). */
  async clear(rule: ThrottleRule, value: string): Promise<void> {
    await this.db.transaction().execute((trx) => throttles.remove(trx, keyOf(rule, value)));
  }
}

/** The keys of the attempt that this failure locked, for the log. */
export const lockedBy = (attempt: Attempt): CountedKey[] => attempt.keys.filter((k) => k.failures >= k.rule.lockAfter);

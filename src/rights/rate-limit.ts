import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.ts';
import { KluisError } from '../errors.ts';
import type { Executor } from '../db/executor.ts';
import type { Clock } from '../shared/clock.ts';

/** How often something may happen in a window. */
export interface Limit {
  /** What is counted, e.g. 'intake:address'; part of the key. */
  name: string;
  max: number;
  windowMs: number;
}

const HOUR = 60 * 60 * 1000;

/** Limits on the public request routes: enough for a person, too few to probe who is a customer. */
export const LIMITS = {
  intakePerAddress: { name: 'intake:address', max: 5, windowMs: HOUR },
  intakePerIp: { name: 'intake:ip', max: 20, windowMs: HOUR },
  proofPerIp: { name: 'proof:ip', max: 30, windowMs: HOUR },
  resendPerRequest: { name: 'resend:request', max: 3, windowMs: HOUR },
  statusPerIp: { name: 'status:ip', max: 60, windowMs: HOUR },
} satisfies Record<string, Limit>;

export const rateLimited = (message: string, details?: unknown) => new KluisError('rate_limited', message, details);

// Keys are hashed: the table never holds an e-mail or IP address (or a subject's id) in the clear.
const keyOf = (limit: Limit, value: string): string =>
  `${limit.name}:${createHash('sha256').update(value.toLowerCase()).digest('hex')}`;
const windowOf = (limit: Limit, now: number): string => new Date(now - (now % limit.windowMs)).toISOString();

/** Counts one event for (limit, value) in the caller's transaction; returns the count in the current window. */
export async function countEvent(db: Executor, limit: Limit, value: string, now: number): Promise<number> {
  // One statement on both dialects: a new window starts at 1, the same window counts on.
  const row = await db
    .insertInto('rate_limits')
    .values({ key: keyOf(limit, value), window_start: windowOf(limit, now), count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when rate_limits.window_start = excluded.window_start then rate_limits.count + 1 else 1 end`,
        window_start: sql<string>`excluded.window_start`,
      }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** How many events (limit, value) counted in the current window, without counting one. */
export async function eventsInWindow(db: Executor, limit: Limit, value: string, now: number): Promise<number> {
  const row = await db
    .selectFrom('rate_limits')
    .select('count')
    .where('key', '=', keyOf(limit, value))
    .where('window_start', '=', windowOf(limit, now))
    .executeTakeFirst();
  return row === undefined ? 0 : Number(row.count);
}

/** Fixed-window counters in the rate_limits table, so every instance sharing the database counts together. */
export class RateLimiter {
  private readonly db: Kysely<DB>;
  /** The clock of the windows (createServices' one clock). */
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Counts one more event for each (limit, value) and refuses with 429 when any is over its maximum. Runs in
   * a transaction of its own before the work, so a refused or failed request still counts.
   */
  async hit(...hits: [Limit, string][]): Promise<void> {
    const now = this.clock.now().getTime();
    let over: Limit | undefined;
    await this.db.transaction().execute(async (trx) => {
      for (const [limit, value] of hits) {
        if ((await countEvent(trx, limit, value, now)) > limit.max && over === undefined) over = limit;
      }
    });
    if (over !== undefined) throw rateLimited('Too many requests; try again later');
  }
}

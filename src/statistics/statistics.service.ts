import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { forbidden } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Policy } from '../policy/policy.ts';
import { dayOfReceipt, isOverdue } from '../rights/deadline.ts';
import { parse } from '../shared/parse.ts';
import { countDeletions, listRequestTimes } from './statistics.repository.ts';
import {
  type DeletionsPerMonth,
  type RequestsPerMonth,
  type StatisticsQuery,
  statisticsQuerySchema,
} from './statistics.schema.ts';
import { type Clock, systemClock } from '../shared/clock.ts';
import { requireCapability } from '../guard/capability.ts';

const DAY_MS = 86_400_000;

/** The calendar months (UTC, 'YYYY-MM') from `count - 1` months ago up to this one, oldest first. */
export function lastMonths(count: number, now: Date): string[] {
  const months: string[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    months.push(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7));
  }
  return months;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round(value * 10) / 10;
}

/**
 * Aggregated counts for the dashboard's plots. They name nobody (no ids, no names), so they pass no guard
 * and are not logged; who may see them follows who may see what they count.
 */
export class StatisticsService {
  private readonly db: Kysely<DB>;
  private readonly policy: Policy;
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, policy: Policy, clock: Clock = systemClock) {
    this.db = db;
    this.policy = policy;
    this.clock = clock;
  }

  /** Requests per month of receipt and the time to answer them: for whoever may list requests (they are consulted as cases). */
  async requestsPerMonth(actor: Actor, input: StatisticsQuery): Promise<RequestsPerMonth> {
    if (!this.policy.allows(actor.role, 'consult', 'case'))
      throw forbidden(`The role ${actor.role} may not see request statistics`);
    const q = parse(statisticsQuerySchema, input, 'statistics query');
    const months = lastMonths(q.months, this.clock.now());
    const rows = await listRequestTimes(this.db, `${months[0] ?? ''}-01T00:00:00.000Z`);
    return {
      months: months.map((month) => {
        const received = rows.filter((r) => r.received_at.startsWith(month));
        const answered = received.filter((r) => r.answered_at !== null);
        const days = answered.map((r) => (Date.parse(r.answered_at ?? '') - Date.parse(r.received_at)) / DAY_MS);
        // Art. 12(3): the deadline in force is the extension when there is one, ending on its legal end
        // (Regulation 1182/71 art. 3(4)); a date, so compare the answer's day in the Netherlands.
        const late = answered.filter(
          (r) => r.answered_at !== null && isOverdue(r.extended_to ?? r.due_on, dayOfReceipt(new Date(r.answered_at))),
        );
        return {
          month,
          received: received.length,
          answered: answered.length,
          answeredLate: late.length,
          medianDaysToAnswer: median(days),
          maxDaysToAnswer: days.length === 0 ? null : Math.round(Math.max(...days) * 10) / 10,
        };
      }),
    };
  }

  /** Records deleted per month by erasure and by retention, from the erasure ledger: the dpo's, like the ledger. */
  async deletionsPerMonth(actor: Actor, input: StatisticsQuery): Promise<DeletionsPerMonth> {
    requireCapability(this.policy, actor, 'processing_log', 'see deletion statistics');
    const q = parse(statisticsQuerySchema, input, 'statistics query');
    const months = lastMonths(q.months, this.clock.now());
    const counts = await countDeletions(this.db, `${months[0] ?? ''}-01T00:00:00.000Z`);
    return {
      months: months.map((month) => {
        const of = counts.filter((c) => c.month === month);
        const sum = (rows: typeof of, what: 'rows' | 'records') => rows.reduce((total, c) => total + Number(c[what]), 0);
        return {
          month,
          erasure: sum(
            of.filter((c) => c.kind === 'erasure'),
            'records',
          ),
          retention: sum(
            of.filter((c) => c.kind === 'retention'),
            'records',
          ),
          subjects: sum(
            of.filter((c) => Number(c.is_subject) === 1),
            'rows',
          ),
        };
      }),
    };
  }
}

import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import { MAIL_TEXT_DAYS } from '../retention/rules/own-periods.ts';
import { listTextsDue, removeTexts } from './mail-retention.repository.ts';
import { type Clock, systemClock } from '../shared/clock.ts';

/** The job's actor: a system process with the dpo's rights, named in each log entry. */
export const MAIL_RETENTION_ACTOR: Actor = { kind: 'system', id: 'mail-retention', role: 'dpo' };

const BATCH = 500;

export interface MailRetentionReport {
  /** Messages delivered or given up before this moment had their text removed. */
  before: string;
  removed: number;
}

/**
 * Art. 5(1)(e): the outbox keeps the text of a letter only for `MAIL_TEXT_DAYS` after it was delivered or given
 * up (own-periods.ts says why). The text, the HTML and any sealed secret go; to whom, the title, when and the
 * status stay. A batch at a time, each one processing through the guard (`erase` of correspondence), logged
 * naming every message and person. Running twice changes nothing more.
 */
export class MailRetentionService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, guard: Guard, options: { clock?: Clock | undefined } = {}) {
    this.db = db;
    this.guard = guard;
    this.clock = options.clock ?? systemClock;
  }

  /** Removes the texts due at `at` (the clock's moment by default). */
  async run(options: { at?: Date } = {}): Promise<MailRetentionReport> {
    const at = options.at ?? this.clock.now();
    const before = new Date(at.getTime() - MAIL_TEXT_DAYS * 86_400_000).toISOString();
    const report: MailRetentionReport = { before, removed: 0 };
    for (;;) {
      const due = await listTextsDue(this.db, before, BATCH);
      if (due.length === 0) return report;
      const note = `retention: the text of messages delivered or given up before ${before} (${MAIL_TEXT_DAYS} days)`;
      const removed = await this.guard.process(
        { actor: MAIL_RETENTION_ACTOR, operation: 'erase', recordType: 'message', note },
        async (ctx) => {
          const ids = new Set(
            await removeTexts(
              ctx.trx,
              due.map((m) => m.id),
              at.toISOString(),
            ),
          );
          for (const m of due) if (ids.has(m.id)) ctx.touch('outbox', m.id, m.subject_id ?? undefined);
          return ids.size;
        },
      );
      report.removed += removed;
      // A message requeued meanwhile stays due no longer; the ones left changed nothing twice.
      if (due.length < BATCH || removed === 0) return report;
    }
  }
}

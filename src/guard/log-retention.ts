import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Policy } from '../policy/policy.ts';
import { logDueBefore, logRetention } from '../retention/rules/own-periods.ts';
import { logAdministration } from './admin-log.ts';
import {
  type Checkpoint,
  LOG_RETENTION_ACTOR,
  checkpointReason,
  checkpointRecords,
  insertCheckpoint,
  newestCheckpoint,
} from './log-checkpoint.ts';
import { deleteEntries, entriesAfter, firstHeldEntry, lockHead } from './log-retention.repository.ts';
import { sealLog } from './log-sealer.ts';
import { type Clock, isoNow, systemClock } from '../shared/clock.ts';
import { businessToday } from '../shared/business-day.ts';

export interface LogPruneReport {
  today: string;
  /** Entries written before this day were due. */
  dueBefore: string;
  pruned: number;
  /** The checkpoint the chain now starts from, if the log was ever pruned. */
  checkpoint: { seq: number; hash: string } | null;
  /** The first entry kept because it names a person under a legal hold, when that stopped the pruning. */
  heldFrom: number | null;
}

/**
 * Art. 5(1)(e): the processing log is not kept without end. Entries older than the period of `logRetention`
 * are removed from the start of the chain, a batch per transaction. Each batch records, in the same transaction,
 * the seq and hash of the last entry it removed twice: as a checkpoint row, where `verifyChain` starts, and in a
 * new entry of the chain itself, which the rest of the chain protects; a changed checkpoint no longer matches
 * it. What remains stays verifiable end to end (`kluis log verify`). A killed run leaves whole batches only.
 */
export class LogRetentionService {
  private readonly db: Kysely<DB>;
  private readonly years: number;
  private readonly batchSize: number;
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, policy: Policy, options: { batchSize?: number; clock?: Clock | undefined } = {}) {
    this.db = db;
    this.years = logRetention(policy.document).years;
    this.batchSize = options.batchSize ?? 5000;
    this.clock = options.clock ?? systemClock;
  }

  /** Prunes what is due on `today` (the clock's day by default), `batchSize` entries a transaction. */
  async run(options: { today?: string; batchSize?: number } = {}): Promise<LogPruneReport> {
    const today = options.today ?? businessToday(this.clock.now());
    const batchSize = options.batchSize ?? this.batchSize;
    const report: LogPruneReport = {
      today,
      dueBefore: logDueBefore(today, this.years),
      pruned: 0,
      checkpoint: null,
      heldFrom: null,
    };
    // Never beyond the head as the run found it: the entries this run writes are not its to prune (with a clock
    // set years ahead they would be due, and each batch would prune the entry of the one before).
    // Only sealed entries can be pruned (the checkpoint keeps the hash of the last one pruned): seal first.
    const upTo = (await sealLog(this.db)).head.seq;
    for (;;) {
      const done = await this.db.transaction().execute((trx) => this.pruneBatch(trx, report, upTo, batchSize));
      if (done) break;
    }
    // The entries recording each pruning join the chain now rather than at the sealer's next run.
    await sealLog(this.db);
    const cp = await newestCheckpoint(this.db);
    report.checkpoint = cp === null ? null : { seq: cp.seq, hash: cp.hash };
    return report;
  }

  /** One batch in the caller's transaction; true when nothing (more) is due. */
  private async pruneBatch(trx: Transaction<DB>, report: LogPruneReport, upTo: number, batchSize: number): Promise<boolean> {
    await lockHead(trx);
    const previous = await newestCheckpoint(trx);
    const after = previous?.seq ?? 0;
    const held = await firstHeldEntry(trx, after, report.today);
    const rows = await entriesAfter(trx, after, batchSize);
    // Only the start of the chain can go: stop at the first entry that is not due or is held.
    const due: typeof rows = [];
    for (const row of rows) {
      const seq = Number(row.seq);
      if (held !== null && seq >= held && row.at < report.dueBefore) report.heldFrom = held;
      if (row.at >= report.dueBefore || seq > upTo || (held !== null && seq >= held)) break;
      due.push(row);
    }
    const last = due.at(-1);
    if (last === undefined) return true;
    const first = after + 1;
    const subjects = [...new Set(due.flatMap((row) => JSON.parse(row.subject_ids) as string[]))];
    await deleteEntries(trx, first, Number(last.seq), subjects);
    const checkpoint: Omit<Checkpoint, 'entrySeq' | 'at'> = {
      seq: Number(last.seq),
      hash: last.hash,
      first,
      prunedBefore: report.dueBefore,
    };
    const entrySeq = await logAdministration(trx, LOG_RETENTION_ACTOR, {
      at: isoNow(this.clock),
      operation: 'erase',
      recordType: 'processing_log',
      records: checkpointRecords(checkpoint),
      reason: checkpointReason(checkpoint),
    });
    await insertCheckpoint(trx, { ...checkpoint, entrySeq, at: this.clock.now().toISOString() });
    report.pruned += due.length;
    return due.length < rows.length || rows.length < batchSize;
  }
}

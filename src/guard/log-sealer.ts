import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { isPostgres } from '../db/bulk.ts';
import type { DB } from '../db/types.ts';
import { entryHash } from './chain.ts';
import { drawnHorizon, lockedHead, stillWriting, unsealedAfter, writeSeals } from './log-seal.repository.ts';

/**
 * How long an entry may stay unsealed. The sealer runs every quarter second (jobs.ts), so an entry is normally
 * chained within a second of its commit; `verifyChain` reports an entry still unsealed after this long as a fault
 * (no sealer running, or a transaction that kept its entry uncommitted this long). Within the window an entry is
 * committed with its processing but not yet protected by the chain.
 */
export const SEAL_BOUND_MS = 60_000;

/** Entries chained per transaction. */
const BATCH = 5000;
/** How long one run waits for the transactions that drew numbers to end, before it seals only the part without gaps. */
const WAIT_MS = 100;

export interface SealReport {
  sealed: number;
  head: { seq: number; hash: string };
}

/**
 * Chains the committed entries after the head, in the order of their numbers (Certificate Transparency's way:
 * entries are accepted at once and merged into the tree shortly after). Safe to run anywhere and at any time,
 * also twice at once: each batch locks the head, so two sealers take turns and the second continues from what
 * the first sealed. The `log-seal` job runs it on one instance under its lease; every CLI command runs it as it
 * ends (runtime.ts).
 *
 * Never seals past an entry that may still appear below it. SQLite: numbers are handed out under the write lock
 * every transaction holds from its start, and this holds it too, so every entry it sees is final. PostgreSQL:
 * a transaction may draw a number and commit after another that drew a higher one. A run seals the entries that
 * follow the head without a gap at once; past a gap (a number drawn by a transaction still open, or by one that
 * rolled back) only up to the highest number drawn before the run started, once every transaction that could
 * have drawn one has ended (drawnHorizon).
 */
export async function sealLog(db: Kysely<DB>): Promise<SealReport> {
  let upTo = Number.MAX_SAFE_INTEGER;
  let acrossGaps = true;
  if (isPostgres(db)) {
    const horizon = await drawnHorizon(db);
    upTo = horizon.drawn;
    acrossGaps = await ended(db, horizon.writers);
  }
  let sealed = 0;
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const head = await lockedHead(trx);
      const rows = await unsealedAfter(trx, head.seq, upTo, BATCH);
      let prev = head.hash;
      let prevSeq = head.seq;
      const seals: { seq: number; prev_hash: string; hash: string }[] = [];
      for (const row of rows) {
        if (!acrossGaps && row.seq !== prevSeq + 1) break;
        const hash = entryHash(prev, row);
        seals.push({ seq: row.seq, prev_hash: prev, hash });
        prev = hash;
        prevSeq = row.seq;
      }
      await writeSeals(trx, seals);
      return { count: seals.length, complete: seals.length < BATCH, head: { seq: prevSeq, hash: prev } };
    });
    sealed += batch.count;
    if (batch.complete) return { sealed, head: batch.head };
  }
}

/** Whether these transactions all ended within WAIT_MS (they are normally in their last statement or commit). */
async function ended(db: Kysely<DB>, writers: string[]): Promise<boolean> {
  // A wait measured on the monotonic timer: elapsed time, not the day.
  const until = performance.now() + WAIT_MS;
  while ((await stillWriting(db, writers)) > 0) {
    if (performance.now() > until) return false;
    await sleep(2);
  }
  return true;
}

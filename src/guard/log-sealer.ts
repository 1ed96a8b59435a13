import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { isPostgres } from '../db/bulk.ts';
import type { DB } from '../db/types.ts';
import { entryHash } from './chain.ts';
import { drawnHorizon, lockedHead, stillWriting, unsealedAfter, writeSeals } from './log-seal.repository.ts';
import { getHead } from './processing-log.repository.ts';

/**
 * How long an entry may stay unsealed. The sealer runs every quarter second (jobs.ts), so an entry is normally
 * chained within a second of its commit; `verifyChain` reports an entry still unsealed after this long as a fault
 * (no sealer running, or a transaction that kept its entry uncommitted this long). Within the window an entry is
 * committed with its processing but not yet protected by the chain.
 */
export const SEAL_BOUND_MS = 60_000;

/** Entries chained per transaction. */
const BATCH = 5000;
/** How long one run waits for transactions that drew numbers to end before it leaves them to the next run. */
const WAIT_MS = 2000;

export interface SealReport {
  sealed: number;
  head: { seq: number; hash: string };
}

/**
 * Chains the committed entries after the head, in the order of their numbers (Certificate Transparency's way:
 * entries are accepted at once and merged into the tree shortly after). Safe to run anywhere and at any time,
 * also twice at once: each batch locks the head, so two sealers take turns and the second continues from what
 * the first sealed. The `log-seal` job runs it on one instance under its lease.
 *
 * Never seals past an entry that may still appear below it. SQLite: numbers are handed out under the write lock
 * every transaction holds from its start, and this holds it too, so every entry it sees is final. PostgreSQL:
 * a transaction may draw a number and commit after another that drew a higher one; this seals only up to the
 * highest number drawn before it started, once every transaction that could have drawn one has ended (drawnHorizon).
 */
export async function sealLog(db: Kysely<DB>): Promise<SealReport> {
  let upTo = Number.MAX_SAFE_INTEGER;
  if (isPostgres(db)) {
    const horizon = await drawnHorizon(db);
    const until = Date.now() + WAIT_MS;
    while ((await stillWriting(db, horizon.writers)) > 0) {
      if (Date.now() > until) return { sealed: 0, head: await getHead(db) };
      await sleep(1);
    }
    upTo = horizon.drawn;
  }
  let sealed = 0;
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const head = await lockedHead(trx);
      const rows = await unsealedAfter(trx, head.seq, upTo, BATCH);
      let prev = head.hash;
      const seals = rows.map((row) => {
        const hash = entryHash(prev, row);
        const seal = { seq: row.seq, prev_hash: prev, hash };
        prev = hash;
        return seal;
      });
      await writeSeals(trx, seals);
      return { count: seals.length, head: { seq: seals.at(-1)?.seq ?? head.seq, hash: prev } };
    });
    sealed += batch.count;
    if (batch.count < BATCH) return { sealed, head: batch.head };
  }
}

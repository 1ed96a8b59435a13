import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { GENESIS_HASH, entryHash } from './chain.ts';
import { chainPage, getHead } from './processing-log.repository.ts';

export interface ChainReport {
  ok: boolean;
  entries: number;
  /** The first entry that does not fit the chain, and why. */
  firstBroken?: { seq: number; problem: string };
}

const PAGE = 5000;

/** Walks the whole processing log and checks every link, the numbering and the head. */
export async function verifyChain(db: Kysely<DB>): Promise<ChainReport> {
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  for (;;) {
    const page = await chainPage(db, expectedSeq - 1, PAGE);
    for (const row of page) {
      if (row.seq !== expectedSeq) {
        return broken(entries, expectedSeq, `entry ${expectedSeq} is missing (next is ${row.seq})`);
      }
      if (row.prev_hash !== previousHash) {
        return broken(entries, row.seq, 'its link to the previous entry does not match');
      }
      if (entryHash(previousHash, row) !== row.hash) {
        return broken(entries, row.seq, 'its content does not match its hash (edited after it was written)');
      }
      previousHash = row.hash;
      expectedSeq += 1;
      entries += 1;
    }
    if (page.length < PAGE) break;
  }
  const head = await getHead(db);
  if (head.seq !== entries || head.hash !== previousHash) {
    return broken(entries, entries + 1, `the head says ${head.seq} entries, the log holds ${entries}: entries were removed from the end`);
  }
  return { ok: true, entries };
}

function broken(entries: number, seq: number, problem: string): ChainReport {
  return { ok: false, entries, firstBroken: { seq, problem } };
}

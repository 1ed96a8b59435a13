import type { Kysely } from 'kysely';
import type { DB, ProcessingLogRow } from '../db/types.ts';
import { GENESIS_HASH, entryHash } from './chain.ts';
import { type Checkpoint, checkpointReason, firstSeq, newestCheckpoint } from './log-checkpoint.ts';
import { chainPage, getHead } from './processing-log.repository.ts';

export interface ChainReport {
  ok: boolean;
  /** The entries checked: every entry after the checkpoint, or from the first when the log was never pruned. */
  entries: number;
  /** The first entry that does not fit the chain, and why. */
  firstBroken?: { seq: number; problem: string };
  /** Where the check started when older entries were pruned after their retention period (log-retention.ts). */
  checkpoint?: { seq: number; first: number; prunedBefore: string; at: string };
}

const PAGE = 5000;

type Start = { seq: number; hash: string; checkpoint: Checkpoint | null } | { broken: ChainReport };

/**
 * Walks the processing log and checks every link, the numbering and the head. After a pruning the walk starts
 * at the newest checkpoint: the first entry must link to its hash, and the entry that recorded the pruning
 * must say exactly what the checkpoint says, so changing the checkpoint is found as well as changing an entry.
 */
export async function verifyChain(db: Kysely<DB>): Promise<ChainReport> {
  const start = await chainStart(db);
  if ('broken' in start) return start.broken;
  const cp = start.checkpoint;
  let previousHash = start.hash;
  let expectedSeq = start.seq + 1;
  let entries = 0;
  let checkpointRecorded = cp === null;
  const fail = (seq: number, problem: string) => broken(entries, seq, problem, cp);
  for (;;) {
    const page = await chainPage(db, expectedSeq - 1, PAGE);
    for (const row of page) {
      if (row.seq !== expectedSeq) return fail(expectedSeq, `entry ${expectedSeq} is missing (next is ${row.seq})`);
      if (row.prev_hash !== previousHash) {
        return fail(row.seq, entries === 0 && cp !== null ? 'its link to the checkpoint does not match (the checkpoint or the entry was changed)' : 'its link to the previous entry does not match');
      }
      if (entryHash(previousHash, row) !== row.hash) return fail(row.seq, 'its content does not match its hash (edited after it was written)');
      if (cp !== null && row.seq === cp.entrySeq) {
        if (!recordsCheckpoint(row, cp)) return fail(row.seq, 'it does not record the checkpoint that names it (the checkpoint was changed)');
        checkpointRecorded = true;
      }
      previousHash = row.hash;
      expectedSeq += 1;
      entries += 1;
    }
    if (page.length < PAGE) break;
  }
  if (!checkpointRecorded) return fail(cp?.entrySeq ?? 0, `the entry that recorded the checkpoint at entry ${cp?.seq ?? 0} is missing`);
  const head = await getHead(db);
  if (head.seq !== expectedSeq - 1 || head.hash !== previousHash) {
    return fail(expectedSeq, `the head says ${head.seq} entries, the log holds ${expectedSeq - 1}: entries were removed from the end`);
  }
  return { ok: true, entries, ...(cp === null ? {} : { checkpoint: summary(cp) }) };
}

/**
 * Genesis while the log starts at entry 1 (read without the checkpoint table, so a backup made before it existed
 * verifies too); else the newest checkpoint, which must end just before the first entry left.
 */
async function chainStart(db: Kysely<DB>): Promise<Start> {
  const first = await firstSeq(db);
  const head = await getHead(db);
  if (first === 1 || (first === null && head.seq === 0)) return { seq: 0, hash: GENESIS_HASH, checkpoint: null };
  const cp = await newestCheckpoint(db).catch(() => null);
  const from = first ?? head.seq + 1;
  if (cp === null) return { broken: broken(0, 1, `entries 1 to ${from - 1} are missing and no checkpoint records that they were pruned`, null) };
  if (cp.seq + 1 !== from) return { broken: broken(0, cp.seq + 1, `the checkpoint says entries up to ${cp.seq} were pruned, but the log starts at entry ${from}`, cp) };
  if (cp.entrySeq <= cp.seq) return { broken: broken(0, cp.seq + 1, 'the checkpoint names an entry inside what it pruned (the checkpoint was changed)', cp) };
  return { seq: cp.seq, hash: cp.hash, checkpoint: cp };
}

const recordsCheckpoint = (row: ProcessingLogRow, cp: Checkpoint): boolean =>
  row.operation === 'erase' && row.record_type === 'processing_log' && row.reason === checkpointReason(cp);

const summary = (cp: Checkpoint) => ({ seq: cp.seq, first: cp.first, prunedBefore: cp.prunedBefore, at: cp.at });

function broken(entries: number, seq: number, problem: string, cp: Checkpoint | null): ChainReport {
  return { ok: false, entries, firstBroken: { seq, problem }, ...(cp === null ? {} : { checkpoint: summary(cp) }) };
}

import type { Kysely } from 'kysely';
import type { DB, ProcessingLogRow } from '../db/types.ts';
import { GENESIS_HASH, entryHash } from './chain.ts';
import { type Checkpoint, checkpointReason, firstSeq, newestCheckpoint } from './log-checkpoint.ts';
import { oldestUnsealed } from './log-seal.repository.ts';
import { SEAL_BOUND_MS } from './log-sealer.ts';
import { chainPage, getHead } from './processing-log.repository.ts';

export interface ChainReport {
  ok: boolean;
  /** The sealed entries checked: every entry after the checkpoint, or from the first when the log was never pruned. */
  entries: number;
  /** Entries committed but not chained yet (the sealer chains them within a second or so); present when there are any. */
  unsealed?: number;
  /** The first entry that does not fit the chain, and why. */
  firstBroken?: { seq: number; problem: string };
  /** Where the check started when older entries were pruned after their retention period (log-retention.ts). */
  checkpoint?: { seq: number; first: number; prunedBefore: string; at: string };
}

const PAGE = 5000;

type Start = { seq: number; hash: string; checkpoint: Checkpoint | null } | { broken: ChainReport };

/**
 * Walks the processing log and checks every link, the order and the head. Entries are numbered as they are
 * written and chained by the sealer (log-sealer.ts): every entry up to the head must be sealed and link to the
 * one before it; the entries after the head are the unsealed ones, and one older than SEAL_BOUND_MS is a fault once
 * a `log-seal` job holds or left its lease here (a `kluis serve` runs its sealer, or died without giving the lease
 * up): the server promises the window; a server that stops cleanly seals as it ends and gives the lease up, and a
 * database used by commands alone is sealed as each command ends.
 * Numbers may skip (PostgreSQL hands out a number to a transaction that then rolls back), so a removed entry is
 * found by the link of the entry after it. After a pruning the walk starts at the newest checkpoint: the first
 * entry must link to its hash, and the entry that recorded the pruning must say exactly what the checkpoint says,
 * so changing the checkpoint is found as well as changing an entry.
 */
export async function verifyChain(db: Kysely<DB>, now: Date): Promise<ChainReport> {
  const start = await chainStart(db);
  if ('broken' in start) return start.broken;
  const cp = start.checkpoint;
  const head = await getHead(db);
  let previousHash = start.hash;
  let previousSeq = start.seq;
  let entries = 0;
  let checkpointRecorded = cp === null;
  let cursor = start.seq;
  const fail = (seq: number, problem: string) => broken(entries, seq, problem, cp);
  const found = (row: ProcessingLogRow) => {
    if (cp !== null && row.seq === cp.entrySeq && recordsCheckpoint(row, cp)) checkpointRecorded = true;
  };
  for (;;) {
    const page = await chainPage(db, cursor, PAGE);
    for (const row of page) {
      if (row.seq > head.seq) {
        // Not sealed yet: only the checkpoint's own entry is looked at (its record may await the sealer).
        found(row);
        continue;
      }
      if (row.hash === '')
        return fail(
          row.seq,
          `it is not sealed, though the head is at entry ${head.seq} (it was committed after later entries were sealed)`,
        );
      if (row.prev_hash !== previousHash) {
        if (entries === 0 && cp !== null)
          return fail(row.seq, 'its link to the checkpoint does not match (the checkpoint or the entry was changed)');
        if (row.seq > previousSeq + 1)
          return fail(
            previousSeq + 1,
            `${row.seq === previousSeq + 2 ? `entry ${previousSeq + 1} is` : `entries ${previousSeq + 1} to ${row.seq - 1} are`} missing (next is ${row.seq})`,
          );
        return fail(row.seq, 'its link to the previous entry does not match');
      }
      if (entryHash(previousHash, row) !== row.hash)
        return fail(row.seq, 'its content does not match its hash (edited after it was written)');
      if (cp !== null && row.seq === cp.entrySeq) {
        if (!recordsCheckpoint(row, cp))
          return fail(row.seq, 'it does not record the checkpoint that names it (the checkpoint was changed)');
        checkpointRecorded = true;
      }
      previousHash = row.hash;
      previousSeq = row.seq;
      entries += 1;
    }
    if (page.length < PAGE) break;
    cursor = page.at(-1)?.seq ?? cursor;
  }
  if (!checkpointRecorded)
    return fail(cp?.entrySeq ?? 0, `the entry that recorded the checkpoint at entry ${cp?.seq ?? 0} is missing`);
  if (head.seq !== previousSeq || head.hash !== previousHash) {
    return fail(
      previousSeq + 1,
      `the head says the chain ends at entry ${head.seq}, the log's last sealed entry is ${previousSeq}: entries were removed from the end`,
    );
  }
  const waiting = await oldestUnsealed(db, head.seq);
  if (waiting !== null && now.getTime() - Date.parse(waiting.at) > SEAL_BOUND_MS && (await sealerHasRun(db))) {
    return {
      ...fail(
        waiting.seq,
        `it was written at ${waiting.at} and is still not sealed, longer than the ${SEAL_BOUND_MS / 1000} s allowed: no sealer has run since (is \`kluis serve\` running?)`,
      ),
      unsealed: waiting.count,
    };
  }
  return {
    ok: true,
    entries,
    ...(waiting === null ? {} : { unsealed: waiting.count }),
    ...(cp === null ? {} : { checkpoint: summary(cp) }),
  };
}

/** Whether a `log-seal` job holds its lease here, or left it when its process died. */
async function sealerHasRun(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectFrom('job_leases')
    .select('name')
    .where('name', '=', 'log-seal')
    .executeTakeFirst()
    .catch(() => undefined);
  return row !== undefined;
}

/**
 * Genesis while no checkpoint was ever written (read without the checkpoint table, so a backup made before it
 * existed verifies too); else the newest checkpoint, which must end before the first entry left.
 */
async function chainStart(db: Kysely<DB>): Promise<Start> {
  const first = await firstSeq(db);
  const head = await getHead(db);
  if (first === 1 || (first === null && head.seq === 0)) return { seq: 0, hash: GENESIS_HASH, checkpoint: null };
  const cp = await newestCheckpoint(db).catch(() => null);
  const from = first ?? head.seq + 1;
  if (cp === null) {
    // A first number drawn by a transaction that rolled back is no gap: the first entry links to genesis.
    const firstRow = first === null ? undefined : (await chainPage(db, 0, 1))[0];
    if (firstRow !== undefined && (firstRow.prev_hash === GENESIS_HASH || (firstRow.hash === '' && head.seq === 0)))
      return { seq: 0, hash: GENESIS_HASH, checkpoint: null };
    return { broken: broken(0, 1, `entries 1 to ${from - 1} are missing and no checkpoint records that they were pruned`, null) };
  }
  if (from <= cp.seq)
    return {
      broken: broken(0, from, `the checkpoint says entries up to ${cp.seq} were pruned, but the log starts at entry ${from}`, cp),
    };
  if (cp.entrySeq <= cp.seq)
    return {
      broken: broken(0, cp.seq + 1, 'the checkpoint names an entry inside what it pruned (the checkpoint was changed)', cp),
    };
  return { seq: cp.seq, hash: cp.hash, checkpoint: cp };
}

const recordsCheckpoint = (row: ProcessingLogRow, cp: Checkpoint): boolean =>
  row.operation === 'erase' && row.record_type === 'processing_log' && row.reason === checkpointReason(cp);

const summary = (cp: Checkpoint) => ({ seq: cp.seq, first: cp.first, prunedBefore: cp.prunedBefore, at: cp.at });

function broken(entries: number, seq: number, problem: string, cp: Checkpoint | null): ChainReport {
  return { ok: false, entries, firstBroken: { seq, problem }, ...(cp === null ? {} : { checkpoint: summary(cp) }) };
}

import type { Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Actor } from './actor.ts';
import type { Executor } from '../db/executor.ts';

/** Where the chain starts after a pruning: entries first..seq are gone, entry `seq` had hash `hash`. */
export interface Checkpoint {
  seq: number;
  hash: string;
  first: number;
  /** Entries written before this day were due. */
  prunedBefore: string;
  /** The entry in the chain that records this pruning, with exactly these values. */
  entrySeq: number;
  at: string;
}

/** The pruning's actor: a system process, named in the entry that records each pruning. */
export const LOG_RETENTION_ACTOR: Actor = { kind: 'system', id: 'log-retention', role: 'dpo' };

/**
 * The reason of the entry that records a pruning. The writer and `verifyChain` both build it from the
 * checkpoint, so a checkpoint changed afterwards no longer matches the entry the chain protects.
 */
export const checkpointReason = (c: Pick<Checkpoint, 'first' | 'seq' | 'hash' | 'prunedBefore'>): string =>
  `pruned entries ${c.first} to ${c.seq}, written before ${c.prunedBefore}, after their retention period; checkpoint: entry ${c.seq} with hash ${c.hash}`;

/** The records the entry names. */
export const checkpointRecords = (c: Pick<Checkpoint, 'first' | 'seq'>): string[] => [`processing_log:${c.first}-${c.seq}`];

/** The newest checkpoint, or null when the log was never pruned. */
export async function newestCheckpoint(db: Executor): Promise<Checkpoint | null> {
  const row = await db
    .selectFrom('processing_log_checkpoints')
    .select(['seq', 'hash', 'first_seq', 'pruned_before', 'entry_seq', 'at'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (row === undefined) return null;
  return {
    seq: Number(row.seq),
    hash: row.hash,
    first: Number(row.first_seq),
    prunedBefore: row.pruned_before,
    entrySeq: Number(row.entry_seq),
    at: row.at,
  };
}

export async function insertCheckpoint(trx: Transaction<DB>, c: Checkpoint): Promise<void> {
  await trx
    .insertInto('processing_log_checkpoints')
    .values({ seq: c.seq, hash: c.hash, first_seq: c.first, pruned_before: c.prunedBefore, entry_seq: c.entrySeq, at: c.at })
    .execute();
}

/** The first entry still in the log, or null when it is empty. */
export async function firstSeq(db: Executor): Promise<number | null> {
  const row = await db.selectFrom('processing_log').select('seq').orderBy('seq').limit(1).executeTakeFirst();
  return row === undefined ? null : Number(row.seq);
}

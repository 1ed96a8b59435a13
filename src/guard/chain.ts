import { createHash } from 'node:crypto';
import type { ProcessingLogTable } from '../db/types.ts';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of a processing-log entry that the hash chain covers: all of them but the hashes. */
export type ChainedEntry = Omit<ProcessingLogTable, 'prev_hash' | 'hash'>;

/** SHA-256 over the previous hash and the entry, so editing or removing any row breaks every later link. */
export function entryHash(prevHash: string, e: ChainedEntry): string {
  const canonical = JSON.stringify([
    e.seq,
    e.at,
    e.actor_kind,
    e.actor_id,
    e.actor_role,
    e.operation,
    e.purpose,
    e.record_type,
    e.subject_ids,
    e.records,
    e.outcome,
    e.reason,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

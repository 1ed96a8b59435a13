import { sql } from 'kysely';
import type { VerificationChallengeRow } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';

const CHALLENGE_COLUMNS = [
  'id',
  'request_id',
  'method',
  'secret_hash',
  'sent_to',
  'expires_at',
  'attempts',
  'consumed_at',
  'created_at',
] as const;

export async function create(db: Executor, rows: VerificationChallengeRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('verification_challenges').values(rows).execute();
}

/**
 * The newest challenge of a method for a request, used or not. A new challenge ends the open one in the same
 * transaction, so two can share a created_at (the same millisecond, or a test's clock that stands still): then the
 * one still open is the newer, and a random id must not decide (a fresh code was refused as closed).
 */
export const latest = (db: Executor, requestId: string, method: string): Promise<VerificationChallengeRow | undefined> =>
  db
    .selectFrom('verification_challenges')
    .select(CHALLENGE_COLUMNS)
    .where('request_id', '=', requestId)
    .where('method', '=', method)
    .orderBy('created_at', 'desc')
    .orderBy(sql`case when consumed_at is null then 0 else 1 end`)
    .orderBy('id', 'desc')
    .executeTakeFirst();

// The proofs of identity of a request; other methods (the access package's download code) are not ours to end.
const IDENTITY_METHODS = ['email_code', 'email_link', 'knowledge'];

/** Ends every identity challenge of the request still open: a new code replaces the old one. */
export async function retireOpen(db: Executor, requestId: string, now: string): Promise<void> {
  await db
    .updateTable('verification_challenges')
    .set({ consumed_at: now })
    .where('request_id', '=', requestId)
    .where('method', 'in', IDENTITY_METHODS)
    .where('consumed_at', 'is', null)
    .execute();
}

/** Counts a failed attempt; the count is what locks the challenge after the fifth. */
export async function countAttempt(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('verification_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Uses the challenge up, unless someone else did at the same moment; true when this call did. */
export async function consume(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('verification_challenges')
    .set({ consumed_at: now })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

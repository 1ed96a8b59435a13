import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB, VerificationChallengeRow } from '../db/types.ts';
import { newCode, newToken, secretHash } from './secrets.ts';
import * as challenges from './verification.repository.ts';

/** EDPB 01/2022 and the issue: a code lives at most 30 minutes and allows at most 5 attempts. */
export const CODE_MINUTES = 30;
export const MAX_ATTEMPTS = 5;
/** Knowing a reference proves identity as long as the request is open; its attempts are counted all the same. */
const KNOWLEDGE_DAYS = 30;

/** The ways a person proves identity publicly, as stored in verification_challenges.method. */
export type ProofMethod = 'email_code' | 'email_link' | 'knowledge';

/** The secrets of a new challenge, for the mail; only their hashes are stored. */
export interface Secrets {
  code: string;
  token: string;
}

/**
 * Opens a new set of challenges for a request, ending any still open: a code and a link for the address on
 * file, and a counter for proofs by knowledge. Someone who is no customer gets the same rows, with no secret
 * and no address, so that every later answer (wrong, expired, locked) is the same as for a customer.
 */
export async function openChallenges(
  trx: Transaction<DB>,
  requestId: string,
  sentTo: string | null,
  now: Date,
): Promise<Secrets> {
  const at = now.toISOString();
  await challenges.retireOpen(trx, requestId, at);
  const secrets = { code: newCode(), token: newToken() };
  const codeExpiry = new Date(now.getTime() + CODE_MINUTES * 60_000).toISOString();
  const row = (method: ProofMethod, secret: string | null, expiresAt: string): VerificationChallengeRow => {
    const id = randomUUID();
    return {
      id,
      request_id: requestId,
      method,
      secret_hash: secret === null || sentTo === null ? null : secretHash(id, secret),
      sent_to: method === 'knowledge' ? null : sentTo,
      expires_at: expiresAt,
      attempts: 0,
      consumed_at: null,
      created_at: at,
    };
  };
  await challenges.create(trx, [
    row('email_code', secrets.code, codeExpiry),
    row('email_link', secrets.token, codeExpiry),
    row('knowledge', null, new Date(now.getTime() + KNOWLEDGE_DAYS * 86_400_000).toISOString()),
  ]);
  return secrets;
}

/** Why a challenge can no longer be answered, or null when it can. */
export function closedReason(c: VerificationChallengeRow | undefined, now: Date): 'used' | 'expired' | 'locked' | null {
  if (c === undefined || c.consumed_at !== null) return 'used';
  if (c.attempts >= MAX_ATTEMPTS) return 'locked';
  if (c.expires_at <= now.toISOString()) return 'expired';
  return null;
}

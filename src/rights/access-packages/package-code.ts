import { randomUUID } from 'node:crypto';
import { CODE_MINUTES, closedReason } from '../challenges.ts';
import { matchesHash, newCode, newToken, secretHash } from '../secrets.ts';
import * as challenges from '../verification.repository.ts';
import type { Executor } from '../../db/executor.ts';

/** The method under which download codes are kept among the request's verification challenges. */
export const PACKAGE_CODE_METHOD = 'package_code';

/**
 * Opens a fresh download code for the request of a package, ending the previous one (only codes of this
 * method: the request's own verification is long done). Only its hash is stored; the code goes in the mail.
 */
export async function openPackageCode(trx: Executor, requestId: string, sentTo: string, now: Date): Promise<string> {
  const at = now.toISOString();
  await trx
    .updateTable('verification_challenges')
    .set({ consumed_at: at })
    .where('request_id', '=', requestId)
    .where('method', '=', PACKAGE_CODE_METHOD)
    .where('consumed_at', 'is', null)
    .execute();
  const code = newCode();
  const id = randomUUID();
  await challenges.create(trx, [
    {
      id,
      request_id: requestId,
      method: PACKAGE_CODE_METHOD,
      secret_hash: secretHash(id, code),
      sent_to: sentTo,
      expires_at: new Date(now.getTime() + CODE_MINUTES * 60_000).toISOString(),
      attempts: 0,
      consumed_at: null,
      created_at: at,
    },
  ]);
  return code;
}

/**
 * Checks a download code against the newest one of the request: single use, 30 minutes, at most five
 * attempts (the same rules as the identity check of the request). A wrong code counts an attempt.
 */
export async function usePackageCode(
  trx: Executor,
  requestId: string,
  code: string,
  now: Date,
): Promise<'ok' | 'wrong' | 'closed'> {
  const challenge = await challenges.latest(trx, requestId, PACKAGE_CODE_METHOD);
  if (challenge === undefined || closedReason(challenge, now) !== null) return 'closed';
  if (!matchesHash(challenge.id, code, challenge.secret_hash)) {
    await challenges.countAttempt(trx, challenge.id);
    return 'wrong';
  }
  return (await challenges.consume(trx, challenge.id, now.toISOString())) ? 'ok' : 'closed';
}

/** The method under which a download grant is kept: the right code was given, the zip is not fetched yet. */
export const PACKAGE_GRANT_METHOD = 'package_grant';
/** Long enough to press the download button on the next page, short enough to be of no use later. */
export const GRANT_MINUTES = 10;

/**
 * Opens the grant that the right download code buys (post/redirect/get, issue 19, part 6): the POST with the code
 * answers 303 to a page with a download button, and that button fetches the zip with the grant. The grant goes
 * into an HttpOnly cookie, never into an address; only its hash is stored. A new grant ends the previous one.
 */
export async function openPackageGrant(trx: Executor, requestId: string, now: Date): Promise<string> {
  const at = now.toISOString();
  await trx
    .updateTable('verification_challenges')
    .set({ consumed_at: at })
    .where('request_id', '=', requestId)
    .where('method', '=', PACKAGE_GRANT_METHOD)
    .where('consumed_at', 'is', null)
    .execute();
  const grant = newToken();
  const id = randomUUID();
  await challenges.create(trx, [
    {
      id,
      request_id: requestId,
      method: PACKAGE_GRANT_METHOD,
      secret_hash: secretHash(id, grant),
      sent_to: null,
      expires_at: new Date(now.getTime() + GRANT_MINUTES * 60_000).toISOString(),
      attempts: 0,
      consumed_at: null,
      created_at: at,
    },
  ]);
  return grant;
}

/** Whether the grant is the request's newest and still open; `use` spends it (one download per code). */
export async function checkPackageGrant(
  trx: Executor,
  requestId: string,
  grant: string,
  now: Date,
  use: boolean,
): Promise<boolean> {
  const challenge = await challenges.latest(trx, requestId, PACKAGE_GRANT_METHOD);
  if (challenge === undefined || closedReason(challenge, now) !== null) return false;
  if (!matchesHash(challenge.id, grant, challenge.secret_hash)) return false;
  return use ? challenges.consume(trx, challenge.id, now.toISOString()) : true;
}

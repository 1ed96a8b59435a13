import { type Transaction, sql } from 'kysely';
import type { DB } from '../db/types.ts';
import { REQUEST_STATUSES, isOpen } from './request-status.ts';
import type { Executor } from '../db/executor.ts';
import type { RequestKind } from '../db/vocabulary.ts';

/** Answered, withdrawn or found unverifiable: the statuses a request can be kept and then deleted in. */
export const CLOSED_STATUSES = REQUEST_STATUSES.filter((s) => !isOpen(s));

/**
 * When a closed request was closed: its answer, or for a withdrawn request (which has none) its last change,
 * which is the withdrawal or later, so the period never starts early.
 */
const closedAt = sql<string>`coalesce(answered_at, updated_at)`;

const CLOSED_COLUMNS = ['id', 'kind', 'subject_id', 'case_id', 'received_at', closedAt.as('closed_at')] as const;

/** Requests of these kinds closed before `before` (YYYY-MM-DD), after the id cursor, in id order. */
export const listClosedBefore = (db: Executor, kinds: readonly RequestKind[], before: string, afterId: string, limit: number) =>
  db
    .selectFrom('rights_requests')
    .select(CLOSED_COLUMNS)
    .where('status', 'in', CLOSED_STATUSES)
    .where('kind', 'in', kinds)
    .where(closedAt, '<', before)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();

export type ClosedRequest = Awaited<ReturnType<typeof listClosedBefore>>[number];

/** The request again, inside the transaction that deletes it, if it is still closed. */
export const getClosed = (db: Executor, id: string): Promise<ClosedRequest | undefined> =>
  db
    .selectFrom('rights_requests')
    .select(CLOSED_COLUMNS)
    .where('id', '=', id)
    .where('status', 'in', CLOSED_STATUSES)
    .executeTakeFirst();

/** What hangs on a request besides the rows that cascade with it: its access packages, its case, its mail. */
export async function hangingOn(trx: Transaction<DB>, requestId: string, caseId: string | null) {
  const packages = await trx
    .selectFrom('access_packages')
    .select(['id', 'subject_id'])
    .where('request_id', '=', requestId)
    .execute();
  const kase =
    caseId === null
      ? undefined
      : await trx.selectFrom('cases').select(['id', 'subject_id']).where('id', '=', caseId).executeTakeFirst();
  const messages =
    kase === undefined ? [] : await trx.selectFrom('messages').select('id').where('case_id', '=', kase.id).execute();
  const mail = await trx
    .selectFrom('outbox')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('related_type', '=', 'rights_request'), eb('related_id', '=', requestId)]),
        ...(packages.length === 0
          ? []
          : [
              eb.and([
                eb('related_type', '=', 'access_package'),
                eb(
                  'related_id',
                  'in',
                  packages.map((p) => p.id),
                ),
              ]),
            ]),
      ]),
    )
    .execute();
  return { packages, kase, messages: messages.map((m) => m.id), mail: mail.map((m) => m.id) };
}

/**
 * Deletes the request with what hangs on it: its mail, the request (its verification challenges and access
 * packages cascade), then its case (its messages and attachments cascade).
 */
export async function deleteRequest(
  trx: Transaction<DB>,
  requestId: string,
  caseId: string | null,
  mailIds: string[],
): Promise<void> {
  if (mailIds.length > 0) await trx.deleteFrom('outbox').where('id', 'in', mailIds).execute();
  await trx.deleteFrom('rights_requests').where('id', '=', requestId).execute();
  if (caseId !== null) await trx.deleteFrom('cases').where('id', '=', caseId).execute();
}

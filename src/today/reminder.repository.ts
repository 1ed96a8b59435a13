import type { Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';
import type { RequestStatus } from '../db/vocabulary.ts';

// The reminders read references, kinds and dates only: never a person's name, address or the text of a request.

/** Accounts that can sign in, with what a reminder needs: where, in which language, which reminders. */
export const activeAccounts = (db: Executor) =>
  db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'role', 'language', 'reminders'])
    .where('disabled_at', 'is', null)
    .orderBy('email')
    .execute();

/** Open requests by their deadline: reference, kind, receipt and the target dates. */
export const openRequests = (db: Executor, openStatuses: readonly RequestStatus[]) =>
  db
    .selectFrom('rights_requests')
    .select(['id', 'reference', 'kind', 'received_at', 'due_on', 'extended_to'])
    .where('status', 'in', openStatuses)
    .orderBy('due_on')
    .execute();

/** Access and portability packages waiting for the dpo's review, with their request's reference. */
export const packagesAwaitingRelease = (db: Executor) =>
  db
    .selectFrom('access_packages')
    .innerJoin('rights_requests', 'rights_requests.id', 'access_packages.request_id')
    .select(['access_packages.id', 'access_packages.request_id', 'access_packages.created_at', 'rights_requests.reference'])
    .where('access_packages.review_status', '=', 'pending_review')
    .orderBy('access_packages.created_at')
    .execute();

/** Holds in force on `today` whose review date has come. */
export const holdsToReview = (db: Executor, today: string) =>
  db
    .selectFrom('legal_holds')
    .select(['id', 'subject_id', 'review_on'])
    .where('released_at', 'is', null)
    .where('review_on', 'is not', null)
    .where('review_on', '<=', today)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', today)]))
    .orderBy('review_on')
    .execute();

/**
 * Records that a reminder goes out; false when it went already (by this instance or another: the key is the
 * primary key, so of two at once exactly one inserts). Call it in the transaction that queues the mail.
 */
export async function markSent(
  trx: Transaction<DB>,
  row: { key: string; user_id: string; kind: string; sent_at: string; outbox_id: string },
): Promise<boolean> {
  const result = await trx
    .insertInto('reminders_sent')
    .values(row)
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The keys already sent among these: the job skips them before it writes anything. */
export async function sentKeys(db: Executor, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.selectFrom('reminders_sent').select('key').where('key', 'in', keys).execute();
  return new Set(rows.map((r) => r.key));
}

export async function setPreferences(
  db: Executor,
  userId: string,
  prefs: { language: string; reminders: string },
): Promise<void> {
  await db.updateTable('users').set(prefs).where('id', '=', userId).execute();
}

export const preferencesOf = (db: Executor, userId: string) =>
  db.selectFrom('users').select(['id', 'role', 'language', 'reminders']).where('id', '=', userId).executeTakeFirst();

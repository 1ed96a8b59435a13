import type { Insertable, Selectable } from 'kysely';
import { precompiled } from '../db/precompiled.ts';
import type { MailboxReadsTable } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';

export type MailboxReadRow = Selectable<MailboxReadsTable>;
export type NewMailboxRead = Insertable<MailboxReadsTable>;

export const MAILBOX_READ_COLUMNS = [
  'id',
  'folder',
  'uid_validity',
  'uid',
  'fingerprint',
  'arrived_at',
  'size_bytes',
  'outcome',
  'problem',
  'request_id',
  'case_id',
  'message_id',
  'inbox_item_id',
  'read_at',
  'moved_to',
  'moved_at',
] as const;

/** The reads of these UIDs of the folder under its UIDVALIDITY. */
export const listByUids = (db: Executor, folder: string, uidValidity: string, uids: number[]): Promise<MailboxReadRow[]> =>
  uids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('mailbox_reads')
        .select(MAILBOX_READ_COLUMNS)
        .where('folder', '=', folder)
        .where('uid_validity', '=', uidValidity)
        .where('uid', 'in', uids)
        .execute();

/** An earlier read of the same message (the same bytes), under any UIDVALIDITY. Asked for every mail: compiled once. */
const byFingerprint = precompiled((db: Executor, fingerprint: string) =>
  db.selectFrom('mailbox_reads').select(MAILBOX_READ_COLUMNS).where('fingerprint', '=', fingerprint).orderBy('read_at').limit(1),
);
export const getByFingerprint = async (db: Executor, fingerprint: string): Promise<MailboxReadRow | undefined> =>
  (await byFingerprint(db, fingerprint))[0];

/**
 * Records a read. The unique (folder, uid_validity, uid) makes a second read of the same UID fail, and with
 * it the transaction that stored what the mail became: a mail is never taken in twice.
 */
export async function create(db: Executor, row: NewMailboxRead): Promise<void> {
  await db.insertInto('mailbox_reads').values(row).execute();
}

/** Notes that these reads' mails were moved out of the inbox. */
export async function markMoved(db: Executor, ids: string[], folder: string, at: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('mailbox_reads').set({ moved_to: folder, moved_at: at }).where('id', 'in', ids).execute();
}

/** The newest reads, newest first, for `kluis mail inbox status` and the API. */
export const listRecent = (db: Executor, limit: number): Promise<MailboxReadRow[]> =>
  db
    .selectFrom('mailbox_reads')
    .select(MAILBOX_READ_COLUMNS)
    .orderBy('read_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

import type { Selectable } from 'kysely';
import type { InboxAttachmentsTable, InboxItemsTable } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';

export type InboxItemRow = Selectable<InboxItemsTable>;
export type InboxAttachmentRow = Selectable<InboxAttachmentsTable>;
export type InboxAttachmentSummary = Omit<InboxAttachmentRow, 'content'>;

export const INBOX_ITEM_COLUMNS = [
  'id',
  'received_at',
  'from_address',
  'to_address',
  'title',
  'body',
  'occurred_at',
  'reason',
  'reason_detail',
  'related_request_id',
  'related_case_id',
  'size_bytes',
  'mail_authentication',
  'created_at',
] as const;
const ATTACHMENT_SUMMARY = ['id', 'item_id', 'filename', 'content_type', 'size_bytes', 'sha256'] as const;

export async function create(db: Executor, item: InboxItemRow, attachments: InboxAttachmentRow[]): Promise<void> {
  await db.insertInto('inbox_items').values(item).execute();
  // One row per statement, as for a case's attachments: ten 5 MiB blobs are not one statement.
  for (const a of attachments) await db.insertInto('inbox_attachments').values(a).execute();
}

export const getById = (db: Executor, id: string): Promise<InboxItemRow | undefined> =>
  db.selectFrom('inbox_items').select(INBOX_ITEM_COLUMNS).where('id', '=', id).executeTakeFirst();

/** The items oldest first (the first to arrive is the first to handle), keyset-paged after (received_at, id). */
export function list(db: Executor, limit: number, after?: { receivedAt: string; id: string }): Promise<InboxItemRow[]> {
  let query = db.selectFrom('inbox_items').select(INBOX_ITEM_COLUMNS);
  if (after !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb('received_at', '>', after.receivedAt),
        eb.and([eb('received_at', '=', after.receivedAt), eb('id', '>', after.id)]),
      ]),
    );
  }
  return query.orderBy('received_at').orderBy('id').limit(limit).execute();
}

export const count = async (db: Executor): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('inbox_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

export const listAttachments = (db: Executor, itemIds: string[]): Promise<InboxAttachmentSummary[]> =>
  itemIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('inbox_attachments').select(ATTACHMENT_SUMMARY).where('item_id', 'in', itemIds).orderBy('id').execute();

/** The attachments with their content: to file them on a case, or to download one. */
export const listAttachmentsWithContent = (db: Executor, itemId: string): Promise<InboxAttachmentRow[]> =>
  db
    .selectFrom('inbox_attachments')
    .select([...ATTACHMENT_SUMMARY, 'content'])
    .where('item_id', '=', itemId)
    .orderBy('id')
    .execute();

/** Removes the item and its attachments (cascade); false when it was already gone (handled by someone else). */
export async function remove(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('inbox_items').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

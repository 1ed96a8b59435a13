import { sql } from 'kysely';
import type { RecipientNoticeRow } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';
import { type Order, type Paging, countRows, offsetOf } from '../shared/list.ts';
import type { NOTICE_SORTS } from './recipient-notice.schema.ts';
import type { NoticeKind } from '../db/vocabulary.ts';

export const NOTICE_COLUMNS = [
  'id',
  'request_id',
  'subject_id',
  'recipient_id',
  'company_id',
  'kind',
  'created_at',
  'outbox_id',
  'status',
  'note',
  'resolved_at',
  'resolved_by',
  'resolution',
] as const;

export const listNotices = (db: Executor, subjectId: string): Promise<RecipientNoticeRow[]> =>
  db
    .selectFrom('recipient_notices')
    .select(NOTICE_COLUMNS)
    .where('subject_id', '=', subjectId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export async function insertNotice(db: Executor, row: RecipientNoticeRow): Promise<void> {
  await db.insertInto('recipient_notices').values(row).execute();
}

export const getById = (db: Executor, id: string): Promise<RecipientNoticeRow | undefined> =>
  db.selectFrom('recipient_notices').select(NOTICE_COLUMNS).where('id', '=', id).executeTakeFirst();

export interface NoticeFilter extends Paging {
  status: RecipientNoticeRow['status'];
  kind?: NoticeKind | undefined;
  customer?: string | undefined;
  sort: (typeof NOTICE_SORTS)[number];
  order: Order;
}

/**
 * A page of the notices in a status, with the person's name (null once erased), and how many there are: the dpo's
 * list of what waits.
 */
export async function listPage(db: Executor, f: NoticeFilter) {
  const query = db
    .selectFrom('recipient_notices')
    // An erased person's notices outlive them (Art. 19 tells the recipients of that very erasure): no name, still listed.
    .leftJoin('subjects', 'subjects.id', 'recipient_notices.subject_id')
    .select(NOTICE_COLUMNS.map((c) => `recipient_notices.${c}` as const))
    .select(sql<string | null>`subjects.first_name || ' ' || subjects.last_name`.as('customer_name'))
    .where('recipient_notices.status', '=', f.status)
    .$if(f.kind !== undefined, (qb) => qb.where('recipient_notices.kind', '=', f.kind ?? 'erasure'))
    .$if(f.customer !== undefined, (qb) => qb.where('recipient_notices.subject_id', '=', f.customer ?? ''));
  const orders = {
    createdAt: [sql`recipient_notices.created_at`],
    kind: [sql`recipient_notices.kind`, sql`recipient_notices.created_at`],
    customer: [sql`coalesce(lower(subjects.last_name), '')`, sql`coalesce(lower(subjects.first_name), '')`],
  }[f.sort];
  let ordered = query;
  for (const o of orders) ordered = ordered.orderBy(o, f.order);
  const rows = await ordered.orderBy('recipient_notices.id').limit(f.pageSize).offset(offsetOf(f)).execute();
  return { rows, total: await countRows(db, query) };
}

/** Resolves a queued notice; false when it was resolved already. */
export async function resolve(
  db: Executor,
  id: string,
  status: 'confirmed' | 'impossible',
  at: string,
  by: string,
  resolution: string,
): Promise<boolean> {
  const result = await db
    .updateTable('recipient_notices')
    .set({ status, resolved_at: at, resolved_by: by, resolution })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The delivery state of the notices' messages. */
export async function messages(db: Executor, outboxIds: string[]) {
  if (outboxIds.length === 0) return [];
  return db.selectFrom('outbox').select(['id', 'status', 'sent_at']).where('id', 'in', outboxIds).execute();
}

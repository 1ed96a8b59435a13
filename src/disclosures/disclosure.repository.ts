import { sql } from 'kysely';
import type { DisclosureRow, OutboxRow } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';
import { countRows, offsetOf } from '../shared/list.ts';
import type { AWAITING_SORTS } from './disclosure.schema.ts';

export const DISCLOSURE_COLUMNS = [
  'id',
  'subject_id',
  'kind',
  'recipient_id',
  'company_id',
  'authority',
  'authority_reference',
  'categories',
  'purpose',
  'legal_ground',
  'mode',
  'format',
  'description',
  'status',
  'notice',
  'notice_outbox_id',
  'notice_reason',
  'processor_agreement_id',
  'batch_id',
  'requested_by',
  'requested_at',
  'released_at',
  'released_by',
  'exported_at',
  'cancelled_at',
  'cancel_reason',
  'request_id',
  'recipient_name',
  'recipient_email',
] as const;

/** What the delivery of a notice looks like to a disclosure waiting for it. */
export type NoticeMessage = Pick<OutboxRow, 'id' | 'status' | 'sent_at'>;

export const getById = (db: Executor, id: string): Promise<DisclosureRow | undefined> =>
  db.selectFrom('disclosures').select(DISCLOSURE_COLUMNS).where('id', '=', id).executeTakeFirst();

/** What the guard must know before it reads the disclosure itself: whose data, for which purpose. */
export const getRouting = (db: Executor, id: string) =>
  db
    .selectFrom('disclosures')
    .select(['id', 'subject_id', 'kind', 'purpose', 'categories', 'legal_ground', 'notice'])
    .where('id', '=', id)
    .executeTakeFirst();

/** A person's disclosure log, oldest first. */
export const listBySubject = (db: Executor, subjectId: string): Promise<DisclosureRow[]> =>
  db
    .selectFrom('disclosures')
    .select(DISCLOSURE_COLUMNS)
    .where('subject_id', '=', subjectId)
    .orderBy('requested_at')
    .orderBy('id')
    .execute();

export async function insert(db: Executor, rows: DisclosureRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('disclosures').values(rows).execute();
}

/** Releases a waiting disclosure; false when it was not waiting (released or cancelled meanwhile). */
export async function release(db: Executor, id: string, at: string, by: string): Promise<boolean> {
  const result = await db
    .updateTable('disclosures')
    .set({ status: 'released', released_at: at, released_by: by })
    .where('id', '=', id)
    .where('status', '=', 'awaiting_notice')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Cancels a waiting disclosure; false when it was not waiting. */
export async function cancel(db: Executor, id: string, at: string, reason: string): Promise<boolean> {
  const result = await db
    .updateTable('disclosures')
    .set({ status: 'cancelled', cancelled_at: at, cancel_reason: reason })
    .where('id', '=', id)
    .where('status', '=', 'awaiting_notice')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markExported(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('disclosures').set({ exported_at: at }).where('id', '=', id).where('exported_at', 'is', null).execute();
}

/** The notices (P9) this person was sent about this recipient (and company): the categories each named and its message. */
export const listNoticesAbout = (db: Executor, subjectId: string, recipientId: string, companyId: string | null) =>
  db
    .selectFrom('disclosures')
    .innerJoin('outbox', 'outbox.id', 'disclosures.notice_outbox_id')
    .select(['disclosures.categories', 'outbox.id', 'outbox.status', 'outbox.sent_at', 'outbox.created_at'])
    .where('disclosures.subject_id', '=', subjectId)
    .where('disclosures.recipient_id', '=', recipientId)
    .where('disclosures.company_id', companyId === null ? 'is' : '=', companyId)
    .orderBy('outbox.created_at')
    .execute();

/** The outbox messages of these notices. */
export async function noticeMessages(db: Executor, outboxIds: string[]): Promise<NoticeMessage[]> {
  if (outboxIds.length === 0) return [];
  return db.selectFrom('outbox').select(['id', 'status', 'sent_at']).where('id', 'in', outboxIds).execute();
}

/** Waiting disclosures whose notice was delivered at or before `sentBefore`, oldest first. */
export async function listReleasable(db: Executor, sentBefore: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('disclosures')
    .innerJoin('outbox', 'outbox.id', 'disclosures.notice_outbox_id')
    .select('disclosures.id')
    .where('disclosures.status', '=', 'awaiting_notice')
    .where('outbox.status', '=', 'sent')
    .where('outbox.sent_at', '<=', sentBefore)
    .orderBy('disclosures.requested_at')
    .orderBy('disclosures.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** What the list of waiting disclosures is asked for (disclosure.schema.ts, awaitingQuery, parsed). */
export interface AwaitingFilter {
  releasable?: boolean | undefined;
  sort: (typeof AWAITING_SORTS)[number];
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/**
 * The disclosures of every customer awaiting their advance notice, a page at a time, with the customer's name (null
 * once erased: the row outlives the person). `releasable` compares the notice's sending with `sentBefore` (now
 * minus the lead time), as `listReleasable` does; `withSuppressed` false leaves out a legal demand nobody may tell.
 */
export async function listAwaiting(db: Executor, f: AwaitingFilter, sentBefore: string, withSuppressed: boolean) {
  const query = db
    .selectFrom('disclosures')
    .leftJoin('subjects', 'subjects.id', 'disclosures.subject_id')
    .leftJoin('outbox', 'outbox.id', 'disclosures.notice_outbox_id')
    .select(DISCLOSURE_COLUMNS.map((c) => `disclosures.${c}` as const))
    .select(sql<string | null>`subjects.first_name || ' ' || subjects.last_name`.as('customer_name'))
    .where('disclosures.status', '=', 'awaiting_notice')
    .$if(!withSuppressed, (qb) =>
      qb.where((eb) => eb.or([eb('disclosures.kind', '<>', 'legal_demand'), eb('disclosures.notice', '<>', 'suppressed')])),
    )
    .$if(f.releasable !== undefined, (qb) =>
      qb.where((eb) =>
        f.releasable === true
          ? eb.and([eb('outbox.status', '=', 'sent'), eb('outbox.sent_at', '<=', sentBefore)])
          : // Spelled out rather than negated: a notice not in the outbox (null) is still waiting, not unknown.
            eb.or([
              eb('outbox.status', 'is', null),
              eb('outbox.status', '<>', 'sent'),
              eb('outbox.sent_at', 'is', null),
              eb('outbox.sent_at', '>', sentBefore),
            ]),
      ),
    );
  const orders = {
    requestedAt: [sql`disclosures.requested_at`],
    customer: [sql`coalesce(lower(subjects.last_name), '')`, sql`coalesce(lower(subjects.first_name), '')`],
  }[f.sort];
  let ordered = query;
  for (const o of orders) ordered = ordered.orderBy(o, f.order);
  const rows = await ordered.orderBy('disclosures.id').limit(f.pageSize).offset(offsetOf(f)).execute();
  return { rows, total: await countRows(db, query) };
}

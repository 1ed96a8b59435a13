import { type ExpressionBuilder, type Updateable, sql } from 'kysely';
import type { DB, RightsRequestRow, RightsRequestsTable } from '../db/types.ts';
import type { RequestKind, RequestStatus } from '../db/vocabulary.ts';
import type { Executor } from '../db/executor.ts';
import { type Order, type Paging, countRows, offsetOf } from '../shared/list.ts';
import type { REQUEST_SORTS } from './request.schema.ts';

export type RequestUpdate = Updateable<RightsRequestsTable>;

export const REQUEST_COLUMNS = [
  'id',
  'reference',
  'kind',
  'channel',
  'language',
  'received_at',
  'due_on',
  'extended_to',
  'extension_reason',
  'extension_notified_at',
  'requester_name',
  'requester_email',
  'requester_address',
  'details',
  'purpose',
  'changes',
  'subject_id',
  'case_id',
  'status',
  'verification_method',
  'verified_at',
  'verification_note',
  'decision',
  'decision_ground',
  'decision_motivation',
  'decision_evidence',
  'decided_at',
  'decided_by',
  'answered_at',
  'closing_note',
  'attachments_dropped',
  'mail_authentication',
  'created_by',
  'created_at',
  'updated_at',
  'transfer_organisation',
  'transfer_email',
  'transfer_confirmed_at',
] as const;

export const getById = (db: Executor, id: string): Promise<RightsRequestRow | undefined> =>
  db.selectFrom('rights_requests').select(REQUEST_COLUMNS).where('id', '=', id).executeTakeFirst();

export const getByReference = (db: Executor, reference: string): Promise<RightsRequestRow | undefined> =>
  db.selectFrom('rights_requests').select(REQUEST_COLUMNS).where('reference', '=', reference).executeTakeFirst();

/** Inserts the request unless its reference is taken (also by a transaction still running); true when inserted. */
/**
 * The names of the customers requests are about, by subject id, as the request page and the list show them: subject
 * records, so only inside a processing that declares `subject` (src/guard/door.ts). A customer who is gone is absent.
 */
export async function customerNames(db: Executor, subjectIds: string[]): Promise<Map<string, string>> {
  if (subjectIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('subjects')
    .select(['id', 'first_name', 'last_name'])
    .where('id', 'in', [...new Set(subjectIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, `${r.first_name} ${r.last_name}`.trim()]));
}

export async function createIfReferenceFree(db: Executor, row: RightsRequestRow): Promise<boolean> {
  const result = await db
    .insertInto('rights_requests')
    .values(row)
    .onConflict((oc) => oc.column('reference').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Changes the request only if it still has the status `from`, so two people acting on the same request at
 * once cannot both succeed; true when it did.
 */
export async function updateIfStatus(db: Executor, id: string, from: RequestStatus, changes: RequestUpdate): Promise<boolean> {
  const result = await db
    .updateTable('rights_requests')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ListCriteria extends Paging {
  status?: RequestStatus | undefined;
  kind?: RequestKind | undefined;
  /** Open requests whose target date in force is on or before this day (see overdueTargetsThrough)... */
  overdueThrough?: string | undefined;
  /** ...and whether to list those (true) or all others (false). */
  overdue?: boolean | undefined;
  open?: boolean | undefined;
  /** A reference, exactly, or the start of the requester's name. */
  q?: string | undefined;
  openStatuses: RequestStatus[];
  sort: (typeof REQUEST_SORTS)[number];
  order: Order;
}

// The target date in force: the extended one when there is one (Art. 12(3)). Its legal end follows it in order.
const deadline = sql<string>`coalesce(extended_to, due_on)`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** A page of requests, by the deadline in force (earliest first) unless asked otherwise, and how many there are. */
export async function list(db: Executor, c: ListCriteria): Promise<{ rows: RightsRequestRow[]; total: number }> {
  let query = db.selectFrom('rights_requests').select(REQUEST_COLUMNS);
  if (c.status !== undefined) query = query.where('status', '=', c.status);
  if (c.kind !== undefined) query = query.where('kind', '=', c.kind);
  if (c.open !== undefined) query = query.where('status', c.open ? 'in' : 'not in', c.openStatuses);
  if (c.overdueThrough !== undefined) {
    const through = c.overdueThrough;
    const overdue = (eb: ExpressionBuilder<DB, 'rights_requests'>) =>
      eb.and([eb('status', 'in', c.openStatuses), eb(deadline, '<=', through)]);
    query = query.where((eb) => (c.overdue === false ? eb.not(overdue(eb)) : overdue(eb)));
  }
  if (c.q !== undefined) {
    const text = c.q;
    query = query.where((eb) =>
      eb.or([
        eb('reference', '=', text.toUpperCase()),
        eb(sql`lower(requester_name)`, 'like', sql`${`${escapeLike(text.toLowerCase())}%`} escape '\\'`),
      ]),
    );
  }
  const orders = {
    deadline: [deadline, sql`received_at`],
    receivedAt: [sql`received_at`],
    reference: [sql`reference`],
    status: [sql`status`, deadline],
  }[c.sort];
  let ordered = query;
  for (const o of orders) ordered = ordered.orderBy(o, c.order);
  const rows = await ordered.orderBy('id').limit(c.pageSize).offset(offsetOf(c)).execute();
  return { rows, total: await countRows(db, query) };
}

export async function setDetails(db: Executor, id: string, details: string, updatedAt: string): Promise<void> {
  await db.updateTable('rights_requests').set({ details, updated_at: updatedAt }).where('id', '=', id).execute();
}

export async function setCase(db: Executor, id: string, caseId: string, updatedAt: string): Promise<void> {
  await db.updateTable('rights_requests').set({ case_id: caseId, updated_at: updatedAt }).where('id', '=', id).execute();
}

/** Adds to the count of attachments dropped from mail imported for the request. */
export async function addDroppedAttachments(db: Executor, id: string, count: number, updatedAt: string): Promise<void> {
  await db
    .updateTable('rights_requests')
    .set((eb) => ({ attachments_dropped: eb('attachments_dropped', '+', count), updated_at: updatedAt }))
    .where('id', '=', id)
    .execute();
}

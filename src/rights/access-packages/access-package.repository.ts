import { type Insertable, sql } from 'kysely';
import type { AccessPackageRow, AccessPackagesTable } from '../../db/types.ts';
import type { Executor } from '../../db/executor.ts';
import type { PACKAGE_KINDS, PACKAGE_REVIEW_STATUSES } from '../../db/vocabulary.ts';
import { type Order, type Paging, countRows, offsetOf } from '../../shared/list.ts';
import type { PACKAGE_SORTS } from './access-package.schema.ts';

/** Everything of a package but its content, which is read only for the download. */
export const PACKAGE_COLUMNS = [
  'id',
  'request_id',
  'subject_id',
  'created_at',
  'expires_at',
  'token_hash',
  'size_bytes',
  'review_status',
  'reviewed_by',
  'released_at',
  'downloaded_at',
  'kind',
  'deliver_to',
  'disclosure_id',
] as const;
export type PackageSummaryRow = Omit<AccessPackageRow, 'content'>;

export async function insert(db: Executor, row: Insertable<AccessPackagesTable>): Promise<void> {
  await db.insertInto('access_packages').values(row).execute();
}

export const getById = (db: Executor, id: string): Promise<PackageSummaryRow | undefined> =>
  db.selectFrom('access_packages').select(PACKAGE_COLUMNS).where('id', '=', id).executeTakeFirst();

export const getByTokenHash = (db: Executor, tokenHash: string): Promise<PackageSummaryRow | undefined> =>
  db.selectFrom('access_packages').select(PACKAGE_COLUMNS).where('token_hash', '=', tokenHash).executeTakeFirst();

export const listByRequest = (db: Executor, requestId: string): Promise<PackageSummaryRow[]> =>
  db
    .selectFrom('access_packages')
    .select(PACKAGE_COLUMNS)
    .where('request_id', '=', requestId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export interface PackageFilter extends Paging {
  reviewStatus?: (typeof PACKAGE_REVIEW_STATUSES)[number] | undefined;
  kind?: (typeof PACKAGE_KINDS)[number] | undefined;
  sort: (typeof PACKAGE_SORTS)[number];
  order: Order;
}

/** A page of the packages of every request, with the request's reference and the person's name, and the count. */
export async function listAll(db: Executor, f: PackageFilter) {
  const query = db
    .selectFrom('access_packages')
    .innerJoin('rights_requests', 'rights_requests.id', 'access_packages.request_id')
    .innerJoin('subjects', 'subjects.id', 'access_packages.subject_id')
    .select(PACKAGE_COLUMNS.map((c) => `access_packages.${c}` as const))
    .select(['rights_requests.reference as request_reference'])
    .select(sql<string>`subjects.first_name || ' ' || subjects.last_name`.as('customer_name'))
    .$if(f.reviewStatus !== undefined, (qb) => qb.where('access_packages.review_status', '=', f.reviewStatus ?? 'pending_review'))
    .$if(f.kind !== undefined, (qb) => qb.where('access_packages.kind', '=', f.kind ?? 'access'));
  const orders = {
    createdAt: [sql`access_packages.created_at`],
    expiresAt: [sql`access_packages.expires_at`],
    reference: [sql`rights_requests.reference`],
    customer: [sql`lower(subjects.last_name)`, sql`lower(subjects.first_name)`],
  }[f.sort];
  let ordered = query;
  for (const o of orders) ordered = ordered.orderBy(o, f.order);
  const rows = await ordered.orderBy('access_packages.id').limit(f.pageSize).offset(offsetOf(f)).execute();
  return { rows, total: await countRows(db, query) };
}

export async function getContent(db: Executor, id: string): Promise<Uint8Array | undefined> {
  const row = await db.selectFrom('access_packages').select('content').where('id', '=', id).executeTakeFirst();
  return row?.content;
}

/** What a release sets: the link's hash and expiry, who released it, and for a transfer where the link went. */
export type Release = Pick<AccessPackageRow, 'token_hash' | 'expires_at' | 'released_at' | 'reviewed_by'> &
  Partial<Pick<AccessPackageRow, 'deliver_to' | 'disclosure_id'>>;

/**
 * Releases a package still in the state `from` (waiting for review, or for the person to confirm where a transfer
 * goes); true when this call released it.
 */
export async function release(
  db: Executor,
  id: string,
  changes: Release,
  from: 'pending_review' | 'awaiting_confirmation' = 'pending_review',
): Promise<boolean> {
  const result = await db
    .updateTable('access_packages')
    .set({ ...changes, review_status: 'released' })
    .where('id', '=', id)
    .where('review_status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks a reviewed portability package as waiting for the person to confirm the organisation's address (Art. 20(2)). */
export async function awaitConfirmation(db: Executor, id: string, reviewedBy: string): Promise<boolean> {
  const result = await db
    .updateTable('access_packages')
    .set({ review_status: 'awaiting_confirmation', reviewed_by: reviewedBy })
    .where('id', '=', id)
    .where('review_status', 'in', ['pending_review', 'awaiting_confirmation'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markDownloaded(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('access_packages').set({ downloaded_at: at }).where('id', '=', id).execute();
}

/** The request a package answers: where the link goes and in which language. */
export const getRequestContact = (db: Executor, requestId: string) =>
  db
    .selectFrom('rights_requests')
    .select([
      'id',
      'reference',
      'language',
      'requester_email',
      'requester_name',
      'status',
      'transfer_organisation',
      'transfer_email',
    ])
    .where('id', '=', requestId)
    .executeTakeFirst();

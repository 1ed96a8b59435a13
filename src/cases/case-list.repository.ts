import { sql } from 'kysely';
import type { Executor } from '../db/executor.ts';
import type { CaseRow } from '../db/types.ts';
import { type Order, type Paging, countRows, offsetOf } from '../shared/list.ts';
import { CASE_COLUMNS } from './case.repository.ts';
import type { CASE_SORTS } from './case-list.schema.ts';

export interface CaseFilter extends Paging {
  status?: CaseRow['status'] | undefined;
  kind?: CaseRow['kind'] | undefined;
  customer?: string | undefined;
  q?: string | undefined;
  sort: (typeof CASE_SORTS)[number];
  order: Order;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** A page of cases with their customer's name, and how many the filter finds in all. */
export async function listCases(db: Executor, f: CaseFilter) {
  const query = db
    .selectFrom('cases')
    .innerJoin('subjects', 'subjects.id', 'cases.subject_id')
    .select(CASE_COLUMNS.map((c) => `cases.${c}` as const))
    .select(sql<string>`subjects.first_name || ' ' || subjects.last_name`.as('customer_name'))
    .$call((qb) => (f.status === undefined ? qb : qb.where('cases.status', '=', f.status)))
    .$call((qb) => (f.kind === undefined ? qb : qb.where('cases.kind', '=', f.kind)))
    .$if(f.customer !== undefined, (qb) => qb.where('cases.subject_id', '=', f.customer ?? ''))
    .$if(f.q !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('cases.reference', '=', (f.q ?? '').toUpperCase()),
          eb(sql`lower(cases.title)`, 'like', sql`${`%${escapeLike((f.q ?? '').toLowerCase())}%`} escape '\\'`),
        ]),
      ),
    );
  const orders = {
    openedAt: [sql`cases.opened_at`],
    reference: [sql`cases.reference`],
    title: [sql`lower(cases.title)`],
    customer: [sql`lower(subjects.last_name)`, sql`lower(subjects.first_name)`],
    status: [sql`cases.status`, sql`cases.opened_at`],
  }[f.sort];
  let ordered = query;
  for (const o of orders) ordered = ordered.orderBy(o, f.order);
  const rows = await ordered.orderBy('cases.id').limit(f.pageSize).offset(offsetOf(f)).execute();
  return { rows, total: await countRows(db, query) };
}

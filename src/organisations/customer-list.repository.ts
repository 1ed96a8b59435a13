import { sql } from 'kysely';
import type { Executor } from '../db/executor.ts';
import { type Order, type Paging, countRows, offsetOf } from '../shared/list.ts';
import type { CUSTOMER_KINDS, CUSTOMER_SORTS } from './customer-list.schema.ts';

export interface CustomerFilter extends Paging {
  q?: string | undefined;
  kind?: (typeof CUSTOMER_KINDS)[number] | undefined;
  sort: (typeof CUSTOMER_SORTS)[number];
  order: Order;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * Persons and organisations as one list, a page of it and how many there are in all. `q` is what someone types
 * into one search box: a prefix of a name, or exactly an e-mail address, phone number or reference. Persons sort
 * by last name, organisations by name.
 */
export async function listCustomers(db: Executor, f: CustomerFilter) {
  const text = f.q?.trim();
  const prefix = text === undefined ? '' : `${escapeLike(text.toLowerCase())}%`;
  const like = (expression: ReturnType<typeof sql>) => sql<boolean>`${expression} like ${prefix} escape '\\'`;
  const exact = (column: string) => sql<boolean>`${sql.ref(column)} = ${text ?? ''}`;
  const persons = db
    .selectFrom('subjects')
    .select([
      sql<string>`'person'`.as('kind'),
      'id',
      'reference',
      sql<string>`first_name || ' ' || last_name`.as('name'),
      sql<string>`lower(last_name || ' ' || first_name)`.as('sort_name'),
      'email',
      'phone',
      'created_at',
    ])
    .$if(text !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb(sql`lower(email)`, '=', (text ?? '').toLowerCase()),
          exact('phone'),
          eb('reference', 'in', [text ?? '', (text ?? '').toUpperCase()]),
          like(sql`lower(last_name)`),
          like(sql`lower(first_name)`),
          like(sql`lower(first_name || ' ' || last_name)`),
        ]),
      ),
    );
  const organisations = db
    .selectFrom('organisations')
    .select([
      sql<string>`'organisation'`.as('kind'),
      'id',
      'reference',
      'name',
      sql<string>`lower(name)`.as('sort_name'),
      'email',
      'phone',
      'created_at',
    ])
    .$if(text !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          like(sql`lower(name)`),
          eb(sql`lower(email)`, '=', (text ?? '').toLowerCase()),
          exact('phone'),
          exact('kvk_number'),
          eb('reference', 'in', [text ?? '', (text ?? '').toUpperCase()]),
        ]),
      ),
    );
  const both = f.kind === 'person' ? persons : f.kind === 'organisation' ? organisations : persons.unionAll(organisations);
  const all = db.selectFrom(both.as('customers')).selectAll();
  const column = { name: 'sort_name', reference: 'reference', createdAt: 'created_at' } as const;
  const rows = await all.orderBy(column[f.sort], f.order).orderBy('id').limit(f.pageSize).offset(offsetOf(f)).execute();
  return { rows, total: await countRows(db, all) };
}

import { sql } from 'kysely';
import type { AddressRow, NewSubjectRow, SubjectRow, SubjectUpdate } from '../db/types.ts';
import { precompiled } from '../db/precompiled.ts';
import type { Executor } from '../db/executor.ts';

const SUBJECT_COLUMNS = [
  'id',
  'reference',
  'first_name',
  'last_name',
  'gender',
  'email',
  'phone',
  'language',
  'source',
  'source_organisation',
  'created_at',
  'updated_at',
] as const;
const ADDRESS_COLUMNS = ['id', 'subject_id', 'kind', 'street', 'postal_code', 'city', 'country', 'created_at'] as const;

const subjectById = precompiled((db: Executor, id: string) =>
  db.selectFrom('subjects').select(SUBJECT_COLUMNS).where('id', '=', id),
);
export const getById = async (db: Executor, id: string): Promise<SubjectRow | undefined> => (await subjectById(db, id))[0];

export const getByReference = (db: Executor, reference: string): Promise<SubjectRow | undefined> =>
  db.selectFrom('subjects').select(SUBJECT_COLUMNS).where('reference', '=', reference).executeTakeFirst();

export const listAddresses: (db: Executor, subjectId: string) => Promise<AddressRow[]> = precompiled(
  (db: Executor, subjectId: string) =>
    db
      .selectFrom('subject_addresses')
      .select(ADDRESS_COLUMNS)
      .where('subject_id', '=', subjectId)
      .orderBy('created_at')
      .orderBy('id'),
);

export async function create(db: Executor, row: NewSubjectRow): Promise<void> {
  await db.insertInto('subjects').values(row).execute();
}

export async function update(db: Executor, id: string, changes: SubjectUpdate): Promise<void> {
  await db.updateTable('subjects').set(changes).where('id', '=', id).execute();
}

export async function replaceAddresses(db: Executor, subjectId: string, rows: AddressRow[]): Promise<void> {
  await db.deleteFrom('subject_addresses').where('subject_id', '=', subjectId).execute();
  if (rows.length > 0) await db.insertInto('subject_addresses').values(rows).execute();
}

export interface SearchCriteria {
  q?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  reference?: string | undefined;
  limit: number;
  offset?: number;
}

/**
 * Finds subjects by the criteria, all of which must hold (none: everyone, by name, a page at a time). `q` is what someone types into one search box: a
 * prefix of the first, last or full name, or exactly an e-mail address, phone number or customer reference.
 */
export function search(db: Executor, c: SearchCriteria) {
  let query = db.selectFrom('subjects').select(['id', 'reference', 'first_name', 'last_name', 'email', 'phone']);
  if (c.q !== undefined) {
    const text = c.q.trim();
    const prefix = `${escapeLike(text.toLowerCase())}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(email)`, '=', text.toLowerCase()),
        eb('phone', '=', text),
        eb('reference', 'in', [text, text.toUpperCase()]),
        eb(sql`lower(last_name)`, 'like', sql`${prefix} escape '\\'`),
        eb(sql`lower(first_name)`, 'like', sql`${prefix} escape '\\'`),
        eb(sql`lower(first_name || ' ' || last_name)`, 'like', sql`${prefix} escape '\\'`),
      ]),
    );
  }
  if (c.email !== undefined) query = query.where(sql`lower(email)`, '=', c.email.toLowerCase());
  if (c.phone !== undefined) query = query.where('phone', '=', c.phone);
  if (c.reference !== undefined) query = query.where('reference', '=', c.reference);
  return query
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('id')
    .limit(c.limit)
    .offset(c.offset ?? 0)
    .execute();
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

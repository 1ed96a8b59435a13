import { type Updateable, sql } from 'kysely';
import type { ContactRoleRow, OrganisationAddressRow, OrganisationRow, OrganisationsTable } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';

const ORGANISATION_COLUMNS = [
  'id',
  'reference',
  'name',
  'kind',
  'kvk_number',
  'vat_number',
  'email',
  'phone',
  'created_at',
  'updated_at',
] as const;
const ADDRESS_COLUMNS = ['id', 'organisation_id', 'kind', 'street', 'postal_code', 'city', 'country', 'created_at'] as const;

export const getById = (db: Executor, id: string): Promise<OrganisationRow | undefined> =>
  db.selectFrom('organisations').select(ORGANISATION_COLUMNS).where('id', '=', id).executeTakeFirst();

export const getByReference = (db: Executor, reference: string): Promise<OrganisationRow | undefined> =>
  db.selectFrom('organisations').select(ORGANISATION_COLUMNS).where('reference', '=', reference).executeTakeFirst();

export async function create(db: Executor, row: OrganisationRow): Promise<void> {
  await db.insertInto('organisations').values(row).execute();
}

export async function update(db: Executor, id: string, changes: Updateable<OrganisationsTable>): Promise<void> {
  await db.updateTable('organisations').set(changes).where('id', '=', id).execute();
}

export const listAddresses = (db: Executor, organisationId: string): Promise<OrganisationAddressRow[]> =>
  db
    .selectFrom('organisation_addresses')
    .select(ADDRESS_COLUMNS)
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export async function replaceAddresses(db: Executor, organisationId: string, rows: OrganisationAddressRow[]): Promise<void> {
  await db.deleteFrom('organisation_addresses').where('organisation_id', '=', organisationId).execute();
  if (rows.length > 0) await db.insertInto('organisation_addresses').values(rows).execute();
}

/** A contact person with the part of their record the organisation page shows. */
export interface ContactRow extends ContactRoleRow {
  reference: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
}

/** The contact persons of organisations, by last name. */
export async function listContacts(db: Executor, organisationIds: string[]): Promise<ContactRow[]> {
  if (organisationIds.length === 0) return [];
  return db
    .selectFrom('contact_roles')
    .innerJoin('subjects', 'subjects.id', 'contact_roles.subject_id')
    .select([
      'contact_roles.organisation_id',
      'contact_roles.subject_id',
      'contact_roles.role',
      'contact_roles.owner',
      'contact_roles.created_at',
      'subjects.reference',
      'subjects.first_name',
      'subjects.last_name',
      'subjects.email',
      'subjects.phone',
    ])
    .where('contact_roles.organisation_id', 'in', organisationIds)
    .orderBy('subjects.last_name')
    .orderBy('subjects.first_name')
    .orderBy('subjects.id')
    .execute();
}

export const getContact = (db: Executor, organisationId: string, subjectId: string): Promise<ContactRoleRow | undefined> =>
  db
    .selectFrom('contact_roles')
    .select(['organisation_id', 'subject_id', 'role', 'owner', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();

/** A contact person's name and role at the organisation, as an agreement or invoice names them. */
export const getContactName = (db: Executor, organisationId: string, subjectId: string) =>
  db
    .selectFrom('contact_roles')
    .innerJoin('subjects', 'subjects.id', 'contact_roles.subject_id')
    .select(['contact_roles.role', 'subjects.first_name', 'subjects.last_name'])
    .where('contact_roles.organisation_id', '=', organisationId)
    .where('contact_roles.subject_id', '=', subjectId)
    .executeTakeFirst();

export async function addContact(db: Executor, row: ContactRoleRow): Promise<void> {
  await db.insertInto('contact_roles').values(row).execute();
}

export async function updateContact(
  db: Executor,
  organisationId: string,
  subjectId: string,
  changes: { role?: string; owner?: number },
): Promise<void> {
  await db
    .updateTable('contact_roles')
    .set(changes)
    .where('organisation_id', '=', organisationId)
    .where('subject_id', '=', subjectId)
    .execute();
}

/** Unlinks a contact person: the role goes, and so does the person's name on the organisation's records. */
export async function removeContact(db: Executor, organisationId: string, subjectId: string): Promise<void> {
  await db
    .deleteFrom('contact_roles')
    .where('organisation_id', '=', organisationId)
    .where('subject_id', '=', subjectId)
    .execute();
  for (const table of ['agreements', 'invoices'] as const) {
    await db
      .updateTable(table)
      .set({ contact_id: null })
      .where('organisation_id', '=', organisationId)
      .where('contact_id', '=', subjectId)
      .execute();
  }
}

/** The owners (sole trader, partners) of organisations whose data is theirs; none for a legal entity. */
export async function ownersOf(db: Executor, organisationIds: string[]): Promise<Map<string, string[]>> {
  const owners = new Map<string, string[]>();
  if (organisationIds.length === 0) return owners;
  const rows = await db
    .selectFrom('contact_roles')
    .innerJoin('organisations', 'organisations.id', 'contact_roles.organisation_id')
    .select(['contact_roles.organisation_id', 'contact_roles.subject_id'])
    .where('contact_roles.organisation_id', 'in', organisationIds)
    .where('contact_roles.owner', '=', 1)
    .where('organisations.kind', '!=', 'legal_entity')
    .execute();
  for (const r of rows) owners.set(r.organisation_id, [...(owners.get(r.organisation_id) ?? []), r.subject_id]);
  return owners;
}

/**
 * Organisations by what someone types into one search box: a prefix of the name, or exactly a KvK number, VAT
 * number or reference; or the organisations of contact persons whose name starts with it or whose e-mail it is.
 */
export function search(db: Executor, q: string, limit: number) {
  const text = q.trim();
  const prefix = `${escapeLike(text.toLowerCase())}%`;
  const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${prefix} escape '\\'`;
  const viaContacts = db
    .selectFrom('contact_roles')
    .innerJoin('subjects', 'subjects.id', 'contact_roles.subject_id')
    .select('contact_roles.organisation_id')
    .where((eb) =>
      eb.or([
        eb(sql`lower(subjects.email)`, '=', text.toLowerCase()),
        like('subjects.last_name'),
        like('subjects.first_name'),
        eb(sql`lower(subjects.first_name || ' ' || subjects.last_name)`, 'like', sql`${prefix} escape '\\'`),
      ]),
    );
  return db
    .selectFrom('organisations')
    .select(ORGANISATION_COLUMNS)
    .where((eb) =>
      eb.or([
        like('name'),
        eb('kvk_number', '=', text),
        eb('vat_number', '=', text.replace(/[\s.]/g, '').toUpperCase()),
        eb('reference', 'in', [text, text.toUpperCase()]),
        eb('id', 'in', viaContacts),
      ]),
    )
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .limit(limit)
    .execute();
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** A person's roles as contact person, with the organisation's own data (the access package, Art. 15). */
export const listRolesOfSubject = (db: Executor, subjectId: string) =>
  db
    .selectFrom('contact_roles')
    .innerJoin('organisations', 'organisations.id', 'contact_roles.organisation_id')
    .select([
      'contact_roles.organisation_id',
      'contact_roles.role',
      'contact_roles.owner',
      'contact_roles.created_at',
      'organisations.reference',
      'organisations.name',
      'organisations.kind',
      'organisations.kvk_number',
      'organisations.vat_number',
    ])
    .where('contact_roles.subject_id', '=', subjectId)
    .orderBy('organisations.name')
    .execute();
export type SubjectRoleRow = Awaited<ReturnType<typeof listRolesOfSubject>>[number];

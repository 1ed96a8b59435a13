import { type BulkColumn, idsIn, insertRows } from '../db/bulk.ts';
import type { OrganisationKind } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';

const text = (name: string): BulkColumn => ({ name, pgType: 'text' });

export const SUBJECT_COLUMNS = [
  'id',
  'reference',
  'first_name',
  'last_name',
  'email',
  'phone',
  'language',
  'source',
  'external_reference',
  'import_source',
  'created_at',
  'updated_at',
].map(text);
export const ORGANISATION_COLUMNS = [
  'id',
  'reference',
  'name',
  'kind',
  'kvk_number',
  'vat_number',
  'email',
  'phone',
  'external_reference',
  'import_source',
  'created_at',
  'updated_at',
].map(text);
const ADDRESS_COLUMNS = ['id', 'kind', 'street', 'postal_code', 'city', 'country', 'created_at'].map(text);
export const SUBJECT_ADDRESS_COLUMNS = [text('subject_id'), ...ADDRESS_COLUMNS];
export const ORGANISATION_ADDRESS_COLUMNS = [text('organisation_id'), ...ADDRESS_COLUMNS];
export const CONTACT_ROLE_COLUMNS: BulkColumn[] = [
  text('organisation_id'),
  text('subject_id'),
  text('role'),
  { name: 'owner', pgType: 'integer' },
  text('created_at'),
];

/** The subjects imported before under these external references. */
export async function subjectsByExternalReference(db: Executor, refs: string[]): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const rows = await db
    .selectFrom('subjects')
    .select(['id', 'external_reference'])
    .where('external_reference', 'in', idsIn(db, refs))
    .execute();
  return new Map(rows.map((r) => [r.external_reference ?? '', r.id]));
}

export interface FoundOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
}

/** The organisations with these external references, or these references of our own (O-…). */
export async function organisationsByReference(db: Executor, refs: string[]): Promise<Map<string, FoundOrganisation>> {
  if (refs.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'reference', 'external_reference'])
    .where((eb) => eb.or([eb('external_reference', 'in', idsIn(db, refs)), eb('reference', 'in', idsIn(db, refs))]))
    .execute();
  const found = new Map<string, FoundOrganisation>();
  for (const r of rows) {
    const value = { id: r.id, name: r.name, kind: r.kind };
    found.set(r.reference, value);
    if (r.external_reference !== null) found.set(r.external_reference, value);
  }
  return found;
}

/** The contact roles among these subjects, as `organisation:subject`. */
export async function contactRolesOf(db: Executor, subjectIds: string[]): Promise<Set<string>> {
  if (subjectIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('contact_roles')
    .select(['organisation_id', 'subject_id'])
    .where('subject_id', 'in', idsIn(db, subjectIds))
    .execute();
  return new Set(rows.map((r) => `${r.organisation_id}:${r.subject_id}`));
}

/** Which of these customer references (K-…, O-…) are taken already. */
export async function takenReferences(db: Executor, table: 'subjects' | 'organisations', refs: string[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const rows = await db.selectFrom(table).select('reference').where('reference', 'in', idsIn(db, refs)).execute();
  return new Set(rows.map((r) => r.reference));
}

export const insertSubjects = (db: Executor, rows: Record<string, unknown>[]) =>
  insertRows(db, 'subjects', SUBJECT_COLUMNS, rows);
export const insertSubjectAddresses = (db: Executor, rows: Record<string, unknown>[]) =>
  insertRows(db, 'subject_addresses', SUBJECT_ADDRESS_COLUMNS, rows);
export const insertOrganisations = (db: Executor, rows: Record<string, unknown>[]) =>
  insertRows(db, 'organisations', ORGANISATION_COLUMNS, rows);
export const insertOrganisationAddresses = (db: Executor, rows: Record<string, unknown>[]) =>
  insertRows(db, 'organisation_addresses', ORGANISATION_ADDRESS_COLUMNS, rows);
export const insertContactRoles = (db: Executor, rows: Record<string, unknown>[]) =>
  insertRows(db, 'contact_roles', CONTACT_ROLE_COLUMNS, rows);

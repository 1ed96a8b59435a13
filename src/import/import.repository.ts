import { sql } from 'kysely';
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

/** A customer an imported invoice names: an organisation or a person, with what the invoice copies of it. */
export interface FoundCustomer {
  kind: 'organisation' | 'person';
  id: string;
  name: string;
  /** The customer's own reference in Kluis (K-… or O-…), the invoice's reference as a form would give it. */
  reference: string;
  vatNumber: string | null;
}

/**
 * The customers with these references: an organisation's or a person's external reference (imported before) or
 * their own reference in Kluis (O-…, K-…). An organisation is found before a person with the same reference.
 */
export async function customersByReference(db: Executor, refs: string[]): Promise<Map<string, FoundCustomer>> {
  const found = new Map<string, FoundCustomer>();
  if (refs.length === 0) return found;
  const persons = await db
    .selectFrom('subjects')
    .select(['id', 'first_name', 'last_name', 'reference', 'external_reference'])
    .where((eb) => eb.or([eb('external_reference', 'in', idsIn(db, refs)), eb('reference', 'in', idsIn(db, refs))]))
    .execute();
  for (const p of persons) {
    const value = {
      kind: 'person' as const,
      id: p.id,
      name: `${p.first_name} ${p.last_name}`,
      reference: p.reference,
      vatNumber: null,
    };
    found.set(p.reference, value);
    if (p.external_reference !== null) found.set(p.external_reference, value);
  }
  const organisations = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'reference', 'external_reference', 'vat_number'])
    .where((eb) => eb.or([eb('external_reference', 'in', idsIn(db, refs)), eb('reference', 'in', idsIn(db, refs))]))
    .execute();
  for (const o of organisations) {
    const value = { kind: 'organisation' as const, id: o.id, name: o.name, reference: o.reference, vatNumber: o.vat_number };
    found.set(o.reference, value);
    if (o.external_reference !== null) found.set(o.external_reference, value);
  }
  return found;
}

export interface FoundInvoice {
  id: string;
  subject_id: string | null;
  organisation_id: string | null;
  import_source: string | null;
}

/** The invoices, Kluis's own or imported, that have these numbers. */
export async function invoicesByNumber(db: Executor, numbers: string[]): Promise<Map<string, FoundInvoice>> {
  if (numbers.length === 0) return new Map();
  const rows = await db
    .selectFrom('invoices')
    .select(['id', 'number', 'subject_id', 'organisation_id', 'import_source'])
    .where('number', 'in', idsIn(db, numbers))
    .execute();
  return new Map(rows.map(({ number, ...r }) => [number ?? '', r]));
}

/** Of these years ('2025'), those in which Kluis numbered invoices of its own (not imported ones). */
export async function yearsWithOwnInvoices(db: Executor, years: string[]): Promise<Set<string>> {
  if (years.length === 0) return new Set();
  const rows = await db
    .selectFrom('invoices')
    .select(sql<string>`substr(number, 1, 4)`.as('year'))
    .distinct()
    .where('import_source', 'is', null)
    .where('number', 'is not', null)
    .where(sql<string>`substr(number, 1, 4)`, 'in', idsIn(db, years))
    .execute();
  return new Set(rows.map((r) => r.year));
}

export interface FoundAddress {
  owner_id: string;
  kind: string;
  street: string;
  postal_code: string;
  city: string;
  country: string;
}

/** The addresses of these persons and organisations, which an imported invoice copies as its billing address. */
export async function addressesOf(db: Executor, subjectIds: string[], organisationIds: string[]): Promise<FoundAddress[]> {
  const columns = ['kind', 'street', 'postal_code', 'city', 'country'] as const;
  const persons =
    subjectIds.length === 0
      ? []
      : await db
          .selectFrom('subject_addresses')
          .select([...columns, 'subject_id as owner_id'])
          .where('subject_id', 'in', idsIn(db, subjectIds))
          .orderBy('created_at')
          .execute();
  const organisations =
    organisationIds.length === 0
      ? []
      : await db
          .selectFrom('organisation_addresses')
          .select([...columns, 'organisation_id as owner_id'])
          .where('organisation_id', 'in', idsIn(db, organisationIds))
          .orderBy('created_at')
          .execute();
  return [...persons, ...organisations];
}

import { idsIn } from '../db/bulk.ts';
import type { Executor } from '../db/executor.ts';

// The one deleter of a person's records (issue 18): the erasure (Art. 17), the retention sweep (Art. 5(1)(e))
// and a restore's replay of the erasure ledger all delete through `deleteRecords`, so the three cannot drift
// apart in what goes with what. Callers decide what goes and write their own ledger rows and log entries; this
// only deletes, in the caller's transaction, and deleting what is already gone changes nothing (the replay
// relies on that).

/**
 * The tables of the record types a deletion names. The foreign keys cascade from an invoice to its lines, from
 * a case to its messages and their attachments, and from a subject to its addresses, restrictions, objections,
 * contact roles and access packages (requests keep their row, set null; see the records migration).
 */
export const DELETED_TABLES = {
  invoice: 'invoices',
  agreement: 'agreements',
  case: 'cases',
  message: 'messages',
  attachment: 'attachments',
  consent: 'consents',
  access_package: 'access_packages',
  subject_address: 'subject_addresses',
} as const;
export type DeletedType = keyof typeof DELETED_TABLES;

/** The order records go in: an invoice before the agreement it points at. */
const ORDER = Object.keys(DELETED_TABLES) as DeletedType[];

/** What one deletion removes. */
export interface Deletion {
  /** Records by type and id. */
  records?: Partial<Record<DeletedType, readonly string[]>>;
  /** Subjects that go as a whole, with everything they still have. */
  subjects?: readonly string[];
  /** Subjects that stay, reduced to what their kept records need (`minimised`). */
  minimised?: readonly string[];
  /** Sole traders and partnerships that go as a whole with everything they still have (their owners' personal data). */
  organisations?: readonly string[];
  /** Sole traders and partnerships that stay, reduced to their name and reference for the invoices kept. */
  minimisedOrganisations?: readonly string[];
}

/** Ids per `in (...)` list: far below both dialects' parameter limits. */
const ID_CHUNK = 1000;
const chunks = (list: readonly string[]): string[][] =>
  Array.from({ length: Math.ceil(list.length / ID_CHUNK) }, (_, i) => list.slice(i * ID_CHUNK, (i + 1) * ID_CHUNK));

/**
 * Deletes the records, then the subjects, then reduces the minimised subjects (`at`: their `updated_at`), one
 * set-at-a-time statement per table and thousand ids, so a sweep's batch costs what it did before.
 */
export async function deleteRecords(db: Executor, deletion: Deletion, at: string): Promise<void> {
  for (const type of ORDER) {
    for (const ids of chunks(deletion.records?.[type] ?? []))
      await db.deleteFrom(DELETED_TABLES[type]).where('id', 'in', idsIn(db, ids)).execute();
  }
  for (const ids of chunks(deletion.organisations ?? [])) {
    // Neither records nor cases cascade from an organisation: its invoices and agreements go first (a credit note
    // with the invoice it credits, in one statement), a person's case only forgets for whom it was written. Its
    // addresses and contact roles cascade.
    await db.deleteFrom('invoices').where('organisation_id', 'in', idsIn(db, ids)).execute();
    await db.deleteFrom('agreements').where('organisation_id', 'in', idsIn(db, ids)).execute();
    await db.updateTable('cases').set({ organisation_id: null }).where('organisation_id', 'in', idsIn(db, ids)).execute();
    await db.deleteFrom('organisations').where('id', 'in', idsIn(db, ids)).execute();
  }
  for (const ids of chunks(deletion.subjects ?? [])) {
    // Invoices do not cascade (the books must not lose one by accident): a subject that goes as a whole loses
    // the ones it still has first; a credit note and the invoice it credits go in one statement.
    await db.deleteFrom('invoices').where('subject_id', 'in', idsIn(db, ids)).execute();
    await db.deleteFrom('subjects').where('id', 'in', idsIn(db, ids)).execute();
  }
  // One parameter however many ids (`idsIn`): the sweep's reduction minimises a whole batch in one go.
  if ((deletion.minimised ?? []).length > 0) await minimise(db, deletion.minimised ?? [], at);
  if ((deletion.minimisedOrganisations ?? []).length > 0)
    await minimiseOrganisations(db, deletion.minimisedOrganisations ?? [], at);
}

/**
 * Keeps of a sole trader or partnership only its name and reference, which its kept invoices are filed under
 * (each invoice carries its own billing name and address, and the buyer's VAT number where art. 35a Wet OB asks
 * for it): its addresses, e-mail, phone, KvK and VAT number go, as a person's contact details do. Its owner roles
 * stay, so retention still counts its kept invoices as the owner's and deletes them when their period ends.
 */
async function minimiseOrganisations(db: Executor, organisationIds: readonly string[], at: string): Promise<void> {
  await db.deleteFrom('organisation_addresses').where('organisation_id', 'in', idsIn(db, organisationIds)).execute();
  await db
    .updateTable('organisations')
    .set({ email: null, phone: null, kvk_number: null, vat_number: null, updated_at: at })
    .where('id', 'in', idsIn(db, organisationIds))
    .execute();
}

/**
 * Keeps of the subjects only what the kept records need to stay attributable: the name and the customer
 * reference (the invoices carry their own billing name and address). Contact details and gender go.
 */
async function minimise(db: Executor, subjectIds: readonly string[], at: string): Promise<void> {
  await db.deleteFrom('subject_addresses').where('subject_id', 'in', idsIn(db, subjectIds)).execute();
  await db
    .updateTable('subjects')
    .set({ email: null, phone: null, gender: null, updated_at: at })
    .where('id', 'in', idsIn(db, subjectIds))
    .execute();
  // A contact person's roles are part of their customer record and go with the contact details; the records of
  // the organisations stay, without their name (docs/organisations.md). A deleted subject's go by cascade.
  // An owner's role stays, a partner's too: it is how retention knows the kept invoices of their business are
  // theirs (owned-organisations.repository.ts). Were a partner's role to go, partners reduced together would leave their
  // partnership's invoices with no owner, and no sweep would ever delete them.
  await db.deleteFrom('contact_roles').where('subject_id', 'in', idsIn(db, subjectIds)).where('owner', '=', 0).execute();
  for (const table of ['agreements', 'invoices'] as const) {
    await db.updateTable(table).set({ contact_id: null }).where('contact_id', 'in', idsIn(db, subjectIds)).execute();
  }
}

/** The ids of the subject's access packages: copies of everything, they go with the data they copy. */
export async function accessPackagesOf(db: Executor, subjectId: string): Promise<string[]> {
  const rows = await db.selectFrom('access_packages').select('id').where('subject_id', '=', subjectId).execute();
  return rows.map((r) => r.id);
}

/** Released packages whose link expired before `before` (a day, YYYY-MM-DD): copies with no use left. */
export const listExpiredReleased = (
  db: Executor,
  before: string,
  limit: number,
): Promise<{ id: string; subject_id: string; released_at: string | null; expires_at: string }[]> =>
  db
    .selectFrom('access_packages')
    .select(['id', 'subject_id', 'released_at', 'expires_at'])
    .where('review_status', '=', 'released')
    .where('expires_at', '<', before)
    .orderBy('expires_at')
    .limit(limit)
    .execute();

/** Deletes a released package whose link expired before `before`; true when this call deleted it. */
export async function deleteExpired(db: Executor, id: string, before: string): Promise<boolean> {
  const result = await db
    .deleteFrom('access_packages')
    .where('id', '=', id)
    .where('review_status', '=', 'released')
    .where('expires_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

import { idsIn } from '../db/bulk.ts';
import type { Executor } from '../db/executor.ts';

// Deletions by id, each list belonging to one subject; the foreign keys cascade to lines, messages and
// attachments (see the records migration).

export async function deleteInvoices(db: Executor, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('invoices').where('id', 'in', ids).execute();
}

export async function deleteAgreements(db: Executor, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('agreements').where('id', 'in', ids).execute();
}

export async function deleteCases(db: Executor, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('cases').where('id', 'in', ids).execute();
}

export async function deleteConsents(db: Executor, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('consents').where('id', 'in', ids).execute();
}

/** Access packages are copies of everything: they go with the data they copy. */
export async function deleteAccessPackages(db: Executor, subjectId: string): Promise<string[]> {
  const rows = await db.deleteFrom('access_packages').where('subject_id', '=', subjectId).returning('id').execute();
  return rows.map((r) => r.id);
}

/** Deletes the subject; addresses, restrictions and objections cascade, requests keep their row (set null). */
export async function deleteSubject(db: Executor, subjectId: string): Promise<void> {
  await db.deleteFrom('subjects').where('id', '=', subjectId).execute();
}

/**
 * Keeps of the subject only what the kept records need to stay attributable: the name and the customer
 * reference (the invoices carry their own billing name and address). Contact details and gender go.
 */
export async function minimiseSubject(db: Executor, subjectId: string, at: string): Promise<void> {
  await minimiseSubjects(db, [subjectId], at);
}

/** `minimiseSubject` for a batch of subjects at once (the retention sweep), in one statement per table. */
export async function minimiseSubjects(db: Executor, subjectIds: string[], at: string): Promise<void> {
  if (subjectIds.length === 0) return;
  await db.deleteFrom('subject_addresses').where('subject_id', 'in', idsIn(db, subjectIds)).execute();
  await db
    .updateTable('subjects')
    .set({ email: null, phone: null, gender: null, updated_at: at })
    .where('id', 'in', idsIn(db, subjectIds))
    .execute();
  // A contact person's roles are part of their customer record and go with the contact details; the records of
  // the organisations stay, without their name (docs/organisations.md). A deleted subject's go by cascade.
  await db.deleteFrom('contact_roles').where('subject_id', 'in', idsIn(db, subjectIds)).execute();
  for (const table of ['agreements', 'invoices'] as const) {
    await db.updateTable(table).set({ contact_id: null }).where('contact_id', 'in', idsIn(db, subjectIds)).execute();
  }
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

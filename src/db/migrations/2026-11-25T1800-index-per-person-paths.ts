import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

// What an access package and an erasure do for one person must cost in proportion to that person's data,
// never to the size of the database. Deleting a row makes the database look for rows that refer to it
// (a foreign key: SQLite and PostgreSQL both search the referring column, and index it only if asked), so
// without these an erasure scanned every invoice of every customer for each agreement and invoice it
// deleted, and the requests for each case. The access package and the erasure also read a person's access
// packages and recipient notices by subject.
const INDEXES = [
  ['invoices_agreement', 'invoices', 'agreement_id'],
  ['invoices_credit_for', 'invoices', 'credit_for_id'],
  ['rights_requests_case', 'rights_requests', 'case_id'],
  ['access_packages_subject', 'access_packages', 'subject_id'],
  ['recipient_notices_subject', 'recipient_notices', 'subject_id'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, column] of INDEXES) await db.schema.createIndex(name).on(table).column(column).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of [...INDEXES].reverse()) await db.schema.dropIndex(name).execute();
}

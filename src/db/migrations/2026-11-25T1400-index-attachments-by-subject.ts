import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

// The customer page and every per-person operation (access, erasure) read attachments by subject;
// without this index each of them scans the whole table (a person's cost must not grow with the database).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('attachments_subject').on('attachments').column('subject_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('attachments_subject').execute();
}

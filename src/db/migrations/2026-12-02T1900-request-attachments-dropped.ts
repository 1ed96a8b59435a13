import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * How many attachments of mail imported for a request were dropped unread. Kluis keeps no attachment of a
 * request, before or after verification: it may be a copy of an identity document (AP guidance; UAVG art. 46
 * for the BSN). Staff see the count; neither the content nor the file names are kept.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('rights_requests')
    .addColumn('attachments_dropped', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rights_requests').dropColumn('attachments_dropped').execute();
}

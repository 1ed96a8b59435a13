import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * The secrets of a message (a verification code, a download link) leave its text and HTML: those hold a
 * placeholder, and the secrets are kept here sealed with the mail key (AES-256-GCM), which only delivery
 * uses; set to null once the message was sent.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('sealed_secrets', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('sealed_secrets').execute();
}

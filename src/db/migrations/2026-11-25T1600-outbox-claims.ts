import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * Who is sending a message and since when. An instance claims a message (status 'sending') before it
 * talks to the SMTP server, so two instances sharing the database never send the same message; a claim
 * older than the timeout is an instance that stopped mid-send, and the message becomes pending again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('claimed_at', 'text').execute();
  // The listing of the API and the CLI: newest first, optionally one status.
  await db.schema.createIndex('outbox_created').on('outbox').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('outbox_status_created').on('outbox').columns(['status', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_status_created').execute();
  await db.schema.dropIndex('outbox_created').execute();
  await db.schema.alterTable('outbox').dropColumn('claimed_at').execute();
  await db.schema.alterTable('outbox').dropColumn('claimed_by').execute();
}

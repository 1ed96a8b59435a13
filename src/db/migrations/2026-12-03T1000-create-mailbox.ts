import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * The mailbox (issue 17): Kluis reads the organisation's mailbox over IMAP.
 *
 * - `mailbox_reads`: one row per mail read, keyed by folder, UIDVALIDITY and UID, written in the transaction
 *   that stores what the mail became, before the mail is moved out of the inbox: a re-read of the same UID
 *   (Kluis stopped between the two) is recognised, and nothing is taken in twice. It names no person: what
 *   happened, and the ids of what it became. `fingerprint` (SHA-256 of the message) recognises the mail when
 *   the server renumbered the folder (a new UIDVALIDITY).
 * - `inbox_items` and `inbox_attachments`: mail that is neither a reply to a case nor a request, kept until
 *   staff assign it to a case, register it as a request, or discard it.
 * - `rights_requests.mail_authentication`: for a request that came by mail, what DKIM, SPF and DMARC said.
 * - An index on `outbox.message_id`, which a reply's In-Reply-To is looked up by.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
  const blob = isPostgres ? 'bytea' : 'blob';

  await db.schema
    .createTable('mailbox_reads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('uid_validity', 'text', (c) => c.notNull())
    .addColumn('uid', 'integer', (c) => c.notNull())
    .addColumn('fingerprint', 'text')
    .addColumn('arrived_at', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    // request | request_message | case_message | inbox | refused
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('problem', 'text')
    .addColumn('request_id', 'text')
    .addColumn('case_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('inbox_item_id', 'text')
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addColumn('moved_to', 'text')
    .addColumn('moved_at', 'text')
    .addUniqueConstraint('mailbox_reads_uid', ['folder', 'uid_validity', 'uid'])
    .execute();
  await db.schema.createIndex('mailbox_reads_fingerprint').on('mailbox_reads').column('fingerprint').execute();

  await db.schema
    .createTable('inbox_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('from_address', 'text')
    .addColumn('to_address', 'text')
    .addColumn('title', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    // not_addressed | no_sender | automatic | bulk | closed | dmarc_failed | restricted | refused
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reason_detail', 'text')
    .addColumn('related_request_id', 'text')
    .addColumn('related_case_id', 'text')
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('mail_authentication', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inbox_items_received').on('inbox_items').columns(['received_at', 'id']).execute();

  await db.schema
    .createTable('inbox_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('inbox_items.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', blob, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inbox_attachments_item').on('inbox_attachments').column('item_id').execute();

  await db.schema.alterTable('rights_requests').addColumn('mail_authentication', 'text').execute();
  await db.schema.createIndex('outbox_message_id').on('outbox').column('message_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_message_id').execute();
  await db.schema.alterTable('rights_requests').dropColumn('mail_authentication').execute();
  await db.schema.dropTable('inbox_attachments').execute();
  await db.schema.dropTable('inbox_items').execute();
  await db.schema.dropTable('mailbox_reads').execute();
}

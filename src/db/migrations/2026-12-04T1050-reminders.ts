import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * Reminders by mail to the people who must act (issue 19, part 4): each account's language and the reminders it
 * chose (null: every reminder its role may get), and one row per reminder sent, whose key makes a second sending
 * impossible, also from a second instance. The self-check keeps a digest of the settings it ran with, so a
 * change of them (a backup key set) runs it again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('nl'))
    .execute();
  await db.schema.alterTable('users').addColumn('reminders', 'text').execute();
  await db.schema
    .createTable('reminders_sent')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reminders_sent_user').on('reminders_sent').column('user_id').execute();
  await db.schema.alterTable('self_check_runs').addColumn('settings_digest', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('self_check_runs').dropColumn('settings_digest').execute();
  await db.schema.dropTable('reminders_sent').execute();
  await db.schema.alterTable('users').dropColumn('reminders').execute();
  await db.schema.alterTable('users').dropColumn('language').execute();
}

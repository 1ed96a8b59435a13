import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * Inviting a colleague by mail instead of passing a password on by hand, and a password change at the first
 * sign-in when someone else chose the password. An invitation keeps only the SHA-256 of its token (the token
 * travels in the mail, sealed in the outbox), works once and expires.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('password_change_required', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('account_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('account_invitations_user').on('account_invitations').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_invitations').execute();
  await db.schema.alterTable('users').dropColumn('password_change_required').execute();
}

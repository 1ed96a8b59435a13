import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * Work that must run once on every installation but cannot run in a migration, because it goes through the
 * processing guard and the processing log (application code): the first start-up after this migration does
 * it and records it here. The first such job erases the gender values the policy no longer processes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('one_time_jobs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('done_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('one_time_jobs').execute();
}

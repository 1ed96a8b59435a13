import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * Art. 5(1)(e) GDPR for what Kluis keeps about its own work (issue 15, item 7):
 *  - `outbox.body_removed_at`: when the text of a delivered (or given-up) message was removed; its address,
 *    title, times and status stay, so the log can still show that and when the person was told;
 *  - `processing_log_checkpoints`: each pruning of the processing log records the seq and hash of the last
 *    entry it removed and the entry (in the chain) that says so; the chain is verified from the newest one;
 *  - SQLite: `processing_log_subjects` loses its foreign key to the log, as it did on PostgreSQL in
 *    2026-11-26T1400. Pruning deletes log rows, and SQLite checks each deleted parent by scanning the link table,
 *    whose key starts with the subject: a batch of 200 entries took 0.4 s on a log of 20,000. The pruning deletes
 *    the links itself, by their key, and only the append writes them. Dropping the constraint means rebuilding
 *    the table, once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
  const seq = isPostgres ? 'bigint' : 'integer';
  await db.schema.alterTable('outbox').addColumn('body_removed_at', 'text').execute();
  await db.schema
    .createTable('processing_log_checkpoints')
    .addColumn('seq', seq, (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('first_seq', seq, (c) => c.notNull())
    .addColumn('pruned_before', 'text', (c) => c.notNull())
    .addColumn('entry_seq', seq, (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  if (!isPostgres) await rebuildLinks(db, false);
}

/** SQLite: the link table again, with or without the foreign key, its rows copied over. */
async function rebuildLinks(db: Kysely<any>, withForeignKey: boolean): Promise<void> {
  const reference = withForeignKey ? sql` references processing_log (seq)` : sql``;
  await sql`create table processing_log_subjects_new (subject_id text not null, log_seq bigint not null${reference}, constraint processing_log_subjects_pk primary key (subject_id, log_seq)) without rowid`.execute(
    db,
  );
  await sql`insert into processing_log_subjects_new (subject_id, log_seq) select subject_id, log_seq from processing_log_subjects`.execute(
    db,
  );
  await sql`drop table processing_log_subjects`.execute(db);
  await sql`alter table processing_log_subjects_new rename to processing_log_subjects`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter.constructor.name !== 'PostgresAdapter') await rebuildLinks(db, true);
  await db.schema.dropTable('processing_log_checkpoints').execute();
  await db.schema.alterTable('outbox').dropColumn('body_removed_at').execute();
}

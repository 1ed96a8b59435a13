import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * PostgreSQL: drops the foreign key from `processing_log_subjects.log_seq` to `processing_log.seq`. Its check
 * runs once per link row through a plan each connection caches the first time; planned while the log was
 * small (a fresh database, right after an ANALYZE) that plan scans the whole log, so every later append
 * got slower as the log grew: 50k link rows took 54 s instead of under one. The link rows are only ever
 * written by the append itself, in the transaction that writes their entry, and the log is never deleted
 * from, so the key guarded nothing the append does not. SQLite keeps it: its check is a rowid lookup, and
 * dropping a constraint there means rebuilding the table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter.constructor.name !== 'PostgresAdapter') return;
  await sql`alter table processing_log_subjects drop constraint if exists processing_log_subjects_log_seq_fkey`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter.constructor.name !== 'PostgresAdapter') return;
  await sql`alter table processing_log_subjects add constraint processing_log_subjects_log_seq_fkey foreign key (log_seq) references processing_log (seq)`.execute(
    db,
  );
}

import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * The processing log is chained after the fact (src/guard/log-sealer.ts): a processing's transaction inserts its
 * entry without hashes, numbered without locking anything, and one sealer chains the committed entries shortly
 * after. The head row now names the last sealed entry.
 *
 * PostgreSQL: `seq` takes its number from a sequence, so concurrent transactions no longer wait for the head
 * row's lock; numbers a rolled-back transaction drew stay unused (the chain links entries, not numbers).
 * SQLite: `seq` is the rowid, numbered under the write lock every transaction takes (BEGIN IMMEDIATE), so
 * nothing changes in the schema.
 *
 * An unsealed entry has '' as its hashes (the columns stay NOT NULL: on SQLite dropping that means rebuilding
 * the whole log).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter.constructor.name !== 'PostgresAdapter') return;
  const { rows } = await sql<{
    next: string;
  }>`select greatest((select coalesce(max(seq), 0) from processing_log), (select seq from processing_log_head where id = 1)) + 1 as next`.execute(
    db,
  );
  const next = Number(rows[0]?.next ?? 1);
  await sql`create sequence processing_log_seq as bigint start with ${sql.raw(String(next))} owned by processing_log.seq`.execute(
    db,
  );
  await sql`alter table processing_log alter column seq set default nextval('processing_log_seq')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter.constructor.name !== 'PostgresAdapter') return;
  await sql`alter table processing_log alter column seq drop default`.execute(db);
  await sql`drop sequence processing_log_seq`.execute(db);
}

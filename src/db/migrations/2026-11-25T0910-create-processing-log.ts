import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

const GENESIS = '0'.repeat(64);

export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
  // Every consultation appends here, so each page an append touches counts. On SQLite `integer primary key`
  // makes seq the rowid itself (one B-tree, not a table plus an index); PostgreSQL gets a 64-bit key.
  await db.schema
    .createTable('processing_log')
    .addColumn('seq', isPostgres ? 'bigint' : 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('subject_ids', 'text', (c) => c.notNull())
    .addColumn('records', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('processing_log_at').on('processing_log').column('at').execute();

  // Which subjects each entry touched, so "everything done with this person's data" is an index lookup.
  await db.schema
    .createTable('processing_log_subjects')
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('log_seq', 'bigint', (c) => c.notNull().references('processing_log.seq'))
    .addPrimaryKeyConstraint('processing_log_subjects_pk', ['subject_id', 'log_seq'])
    // SQLite: the key is the table (no separate rowid B-tree to write on every append).
    .$call((table) => (isPostgres ? table : table.modifyEnd(sql`without rowid`)))
    .execute();

  // The head of the hash chain: one row, locked by every append so the chain has no forks.
  await db.schema
    .createTable('processing_log_head')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('processing_log_head').values({ id: 1, seq: 0, hash: GENESIS }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('processing_log_head').execute();
  await db.schema.dropTable('processing_log_subjects').execute();
  await db.schema.dropTable('processing_log').execute();
}

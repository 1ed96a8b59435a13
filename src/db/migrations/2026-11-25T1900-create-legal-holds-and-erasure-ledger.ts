import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * Legal holds (Art. 17(3)(e): establishment, exercise or defence of legal claims): the dpo keeps a subject,
 * or one record of theirs, out of reach of erasure and retention until the hold ends or is released. A hold
 * without a record is on the whole subject. Released holds stay, with who released them and why.
 *
 * The erasure ledger: every record deleted by an erasure or the retention sweep, as opaque ids and a time
 * (no personal data), so a restored backup can delete again what was erased after it was made.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
  await db.schema
    .createTable('legal_holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
    .addColumn('record_type', 'text')
    .addColumn('record_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('placed_by', 'text', (c) => c.notNull())
    .addColumn('placed_at', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('review_on', 'text')
    .addColumn('released_at', 'text')
    .addColumn('released_by', 'text')
    .addColumn('release_reason', 'text')
    .addCheckConstraint('legal_holds_dated', sql`ends_on is not null or review_on is not null`)
    .addCheckConstraint('legal_holds_record', sql`(record_type is null) = (record_id is null)`)
    .execute();
  await db.schema.createIndex('legal_holds_subject').on('legal_holds').columns(['subject_id', 'released_at']).execute();

  await db.schema
    .createTable('erasure_ledger')
    // SQLite: integer primary key is the rowid, assigned in order; PostgreSQL: a 64-bit sequence.
    .addColumn('seq', isPostgres ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('erasure', 'retention')`))
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .execute();
  await db.schema.createIndex('erasure_ledger_at').on('erasure_ledger').columns(['at', 'seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('erasure_ledger').execute();
  await db.schema.dropTable('legal_holds').execute();
}

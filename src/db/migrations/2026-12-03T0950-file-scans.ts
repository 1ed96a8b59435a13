import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * Every file that enters Kluis is scanned for viruses before it is stored (statement, BEVEILIGING:
 * "antivirusscanners"). A file the scanner could not check is kept in quarantine: stored, never served or
 * packaged, until a later scan clears it. Attachments stored before the scanner existed are `unscanned`.
 * Breach evidence (screenshots, logs, the letter of a processor) is a file of the breach register.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
  const blob = isPostgres ? 'bytea' : 'blob';
  const status = sql`scan_status in ('clean', 'quarantined', 'unscanned')`;

  await db.schema
    .alterTable('attachments')
    .addColumn('scan_status', 'text', (c) => c.notNull().defaultTo('unscanned').check(status))
    .execute();
  // When it was scanned, or last tried while it waits in quarantine.
  await db.schema.alterTable('attachments').addColumn('scanned_at', 'text').execute();
  // Why it waits in quarantine (the scanner could not be reached, answered garbage, …); null otherwise.
  await db.schema.alterTable('attachments').addColumn('scan_problem', 'text').execute();
  // Only the few waiting files: the rescan job reads them, everything else never looks.
  await db.schema
    .createIndex('attachments_quarantined')
    .on('attachments')
    .column('created_at')
    .where(sql.ref('scan_status'), '=', 'quarantined')
    .execute();

  await db.schema
    .createTable('breach_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('breach_id', 'text', (c) => c.notNull().references('breaches.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', blob, (c) => c.notNull())
    .addColumn('scan_status', 'text', (c) => c.notNull().check(status))
    .addColumn('scanned_at', 'text')
    .addColumn('scan_problem', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('breach_evidence_by_breach').on('breach_evidence').columns(['breach_id', 'added_at']).execute();
  await db.schema
    .createIndex('breach_evidence_quarantined')
    .on('breach_evidence')
    .column('added_at')
    .where(sql.ref('scan_status'), '=', 'quarantined')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('breach_evidence').execute();
  await db.schema.dropIndex('attachments_quarantined').execute();
  await db.schema.alterTable('attachments').dropColumn('scan_problem').execute();
  await db.schema.alterTable('attachments').dropColumn('scanned_at').execute();
  await db.schema.alterTable('attachments').dropColumn('scan_status').execute();
}

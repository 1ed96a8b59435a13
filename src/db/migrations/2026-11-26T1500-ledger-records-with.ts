import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * How many records went with a ledger row beyond the one it names: the retention sweep writes one `subject`
 * row for a subject it removes, standing for its agreements, invoices, cases and messages too, and the
 * deletion statistics count those. 0 for every row written before, each of which names one record.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('erasure_ledger')
    .addColumn('records_with', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('erasure_ledger').dropColumn('records_with').execute();
}

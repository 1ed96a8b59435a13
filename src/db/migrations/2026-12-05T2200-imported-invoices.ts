import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * Invoices issued before Kluis, taken over from an earlier administration (issue 20, part 3). `import_source`
 * ("import: <file name>, <date>") marks an invoice as imported: its number is the earlier administration's, another
 * series than Kluis's own (Wet OB 1968 art. 35a(1)(b): unique and sequential within a series), so the next number
 * of Kluis's own series is counted without it. Empty for an invoice made in Kluis. The number stays unique over
 * both series (the existing unique index on `number`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invoices').addColumn('import_source', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invoices').dropColumn('import_source').execute();
}

import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * Records taken over from an earlier administration (issue 20, part 3): the reference they had there
 * (`external_reference`, unique per table, so importing the same file twice finds them and changes nothing) and
 * where they came from (`import_source`: "import: <file name>, <date>"), which the access report can name
 * (Art. 14(2)(f), 15(1)(g)). Both are empty for a record typed in.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['subjects', 'organisations']) {
    await db.schema.alterTable(table).addColumn('external_reference', 'text').execute();
    await db.schema.alterTable(table).addColumn('import_source', 'text').execute();
    await db.schema.createIndex(`${table}_external_reference`).on(table).column('external_reference').unique().execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['subjects', 'organisations']) {
    await db.schema.dropIndex(`${table}_external_reference`).execute();
    await db.schema.alterTable(table).dropColumn('import_source').execute();
    await db.schema.alterTable(table).dropColumn('external_reference').execute();
  }
}

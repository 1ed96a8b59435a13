import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * Where a person's record came from (Art. 14(2)(f), Art. 15(1)(g)): 'person' (the person gave it to us),
 * 'employer' (a contact person's employer gave us the name and business contact details), 'staff' (our staff
 * noted it from their own contact with the person) or 'import' (taken over from an earlier administration);
 * `source_organisation` names the employer when it is known.
 *
 * Existing rows become 'person': until now staff entered every record from what the person gave them (by
 * e-mail, letter, phone, or with a quote or order), which the access report already said in so many words.
 * The data came from the person even though an employee typed it in, so Art. 13, not 14, applied to them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('subjects')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('person'))
    .execute();
  await db.schema.alterTable('subjects').addColumn('source_organisation', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('subjects').dropColumn('source_organisation').execute();
  await db.schema.alterTable('subjects').dropColumn('source').execute();
}

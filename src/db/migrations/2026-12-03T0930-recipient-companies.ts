import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * The companies within a recipient category (P9, Art. 13(1)(e), 15(1)(c) GDPR): the register names each company
 * that actually receives data (legal name, KvK number, country, role), a disclosure names the company it went to,
 * and a processor agreement (Art. 28(3)) can belong to one company. A recipient serves one or more purposes
 * (`purposes`, a JSON array), so a storage provider can be the processor of every purpose whose data it keeps.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('recipients')
    .addColumn('purposes', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  // Purpose ids are slugs (lower-case letters, digits, - and _), so they need no escaping inside the JSON string.
  await sql`update recipients set purposes = '["' || purpose || '"]'`.execute(db);
  await db.schema.alterTable('recipients').dropColumn('purpose').execute();

  await db.schema
    .createTable('recipient_companies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
    .addColumn('legal_name', 'text', (c) => c.notNull())
    // The Dutch trade register number (Handelsregister); null for a company registered abroad.
    .addColumn('kvk_number', 'text')
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('processor', 'controller')`))
    .addColumn('transfer_mechanism', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recipient_companies_recipient').on('recipient_companies').column('recipient_id').execute();

  // No foreign keys on the added columns: SQLite cannot drop a column that has one (down), and a company is never
  // deleted, only retired.
  // An agreement of one company of the category; null: the agreement of the recipient itself.
  await db.schema.alterTable('processor_agreements').addColumn('company_id', 'text').execute();
  await db.schema.createIndex('processor_agreements_company').on('processor_agreements').column('company_id').execute();
  // The company a disclosure went to, and the company an Art. 19 notice is for.
  await db.schema.alterTable('disclosures').addColumn('company_id', 'text').execute();
  await db.schema.alterTable('recipient_notices').addColumn('company_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('recipient_notices').dropColumn('company_id').execute();
  await db.schema.alterTable('disclosures').dropColumn('company_id').execute();
  await db.schema.dropIndex('processor_agreements_company').execute();
  // A company's agreements go with it: before this migration an agreement belonged to the recipient itself.
  await db.deleteFrom('processor_agreements').where('company_id', 'is not', null).execute();
  await db.schema.alterTable('processor_agreements').dropColumn('company_id').execute();
  await db.schema.dropTable('recipient_companies').execute();

  await db.schema
    .alterTable('recipients')
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  const rows = await db.selectFrom('recipients').select(['id', 'purposes']).execute();
  for (const row of rows as { id: string; purposes: string }[]) {
    // Before this migration a recipient had one purpose: it keeps its first.
    const [first] = JSON.parse(row.purposes) as string[];
    await db
      .updateTable('recipients')
      .set({ purpose: first ?? '' })
      .where('id', '=', row.id)
      .execute();
  }
  await db.schema.alterTable('recipients').dropColumn('purposes').execute();
}

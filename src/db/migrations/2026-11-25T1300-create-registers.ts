import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

export async function up(db: Kysely<any>): Promise<void> {
  // The register of recipients (P7): seeded from the policy file, then kept by the dpo through the API.
  await db.schema
    .createTable('recipients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_nl', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('transfer_mechanism', 'text')
    .addColumn('notice_per_disclosure', 'integer', (c) => c.notNull())
    .addColumn('contact_email', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Every state a recipient had, with who changed it: the register keeps its history.
  await db.schema
    .createTable('recipient_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('recipient_history_recipient')
    .on('recipient_history')
    .columns(['recipient_id', 'changed_at'])
    .execute();

  // Processor agreements (Art. 28(3)); a new agreement supersedes the previous one, which is kept.
  await db.schema
    .createTable('processor_agreements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('document_reference', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('superseded_at', 'text')
    .execute();
  await db.schema.createIndex('processor_agreements_recipient').on('processor_agreements').column('recipient_id').execute();

  // Published privacy statements (P14): every version stays readable at its own address.
  await db.schema
    .createTable('statement_versions')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('markdown_nl', 'text', (c) => c.notNull())
    .addColumn('markdown_en', 'text', (c) => c.notNull())
    .addColumn('html_nl', 'text', (c) => c.notNull())
    .addColumn('html_en', 'text', (c) => c.notNull())
    .addColumn('material_change', 'integer', (c) => c.notNull())
    .addColumn('change_summary', 'text')
    // Intent to tell customers of a material change; the outbox that sends it comes with the rights work.
    .addColumn('customer_notice', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('statement_versions').execute();
  await db.schema.dropTable('processor_agreements').execute();
  await db.schema.dropTable('recipient_history').execute();
  await db.schema.dropTable('recipients').execute();
}

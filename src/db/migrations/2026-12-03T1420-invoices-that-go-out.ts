import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * Invoices that go out (issue 20, part 2).
 *
 * - `invoices`: what art. 35a Wet OB asks beyond what was kept: the buyer's VAT number (required with a reverse
 *   charge or an intra-community supply), the VAT treatment (`standard`, `reverse_charge`, `intra_community`,
 *   `exempt`) with the ground of an exemption, the payment term in days and the due date fixed when issued.
 * - `invoice_payments`: payments received on an issued invoice; part of the fiscal record, so they go with their
 *   invoice (the foreign key cascades when retention deletes it).
 * - `outbox_attachments`: files a message carries (an invoice's PDF and UBL), removed with the message's text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
  const blob = isPostgres ? 'bytea' : 'blob';

  if (isPostgres) {
    // One ALTER TABLE on PostgreSQL (a restore migrates a staging schema: every statement counts); SQLite takes one column at a time.
    await db.schema
      .alterTable('invoices')
      .addColumn('buyer_vat_number', 'text')
      .addColumn('vat_treatment', 'text', (c) => c.notNull().defaultTo('standard'))
      .addColumn('vat_exemption_reason', 'text')
      .addColumn('payment_term_days', 'integer')
      .addColumn('due_date', 'text')
      .execute();
  } else {
    await db.schema.alterTable('invoices').addColumn('buyer_vat_number', 'text').execute();
    await db.schema
      .alterTable('invoices')
      .addColumn('vat_treatment', 'text', (c) => c.notNull().defaultTo('standard'))
      .execute();
    await db.schema.alterTable('invoices').addColumn('vat_exemption_reason', 'text').execute();
    await db.schema.alterTable('invoices').addColumn('payment_term_days', 'integer').execute();
    await db.schema.alterTable('invoices').addColumn('due_date', 'text').execute();
  }
  await db.schema.createIndex('invoices_due').on('invoices').columns(['status', 'due_date']).execute();

  await db.schema
    .createTable('invoice_payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invoice_payments_invoice').on('invoice_payments').column('invoice_id').execute();

  await db.schema
    .createTable('outbox_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outbox_id', 'text', (c) => c.notNull().references('outbox.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('content', blob, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_attachments_outbox').on('outbox_attachments').column('outbox_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox_attachments').execute();
  await db.schema.dropTable('invoice_payments').execute();
  await db.schema.dropIndex('invoices_due').execute();
  for (const column of ['due_date', 'payment_term_days', 'vat_exemption_reason', 'vat_treatment', 'buyer_vat_number']) {
    await db.schema.alterTable('invoices').dropColumn(column).execute();
  }
}

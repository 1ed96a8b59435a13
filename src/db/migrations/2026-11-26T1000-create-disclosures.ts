import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * The disclosure log (P7-P9): every hand-over of a person's data to a recipient of the register, every legal
 * demand of an authority, every fiscal export to the accounting firm, with its categories, purpose, legal
 * ground and what the person was told. It feeds the access package's actual recipients (Art. 15(1)(c)) and
 * the Art. 19 notices. No foreign key to subjects: the record that a disclosure happened is the controller's
 * accountability (Art. 5(2)) and outlives an erasure, naming the person by an opaque id only.
 *
 * Recipient notices (Art. 19) get who resolved them and how: confirmed by the recipient, or impossible.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('disclosures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('disclosure', 'legal_demand', 'fiscal_export')`))
    .addColumn('recipient_id', 'text', (c) => c.references('recipients.id'))
    .addColumn('authority', 'text')
    .addColumn('authority_reference', 'text')
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('legal_ground', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('export', 'recorded')`))
    .addColumn('format', 'text')
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('awaiting_notice', 'released', 'cancelled')`))
    .addColumn('notice', 'text', (c) => c.notNull().check(sql`notice in ('required', 'suppressed', 'not_required')`))
    .addColumn('notice_outbox_id', 'text')
    .addColumn('notice_reason', 'text')
    .addColumn('processor_agreement_id', 'text')
    .addColumn('batch_id', 'text')
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('released_at', 'text')
    .addColumn('released_by', 'text')
    .addColumn('exported_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('cancel_reason', 'text')
    // A legal demand names its authority and reference; every other kind names a recipient of the register.
    .addCheckConstraint(
      'disclosures_addressee',
      sql`(kind = 'legal_demand' and recipient_id is null and authority is not null and authority_reference is not null) or (kind <> 'legal_demand' and recipient_id is not null)`,
    )
    // A suppressed notice needs its recorded legal ground (P9: "tenzij dat wettelijk gezien niet is toegestaan").
    .addCheckConstraint('disclosures_suppression_ground', sql`notice <> 'suppressed' or notice_reason is not null`)
    .execute();
  await db.schema.createIndex('disclosures_subject').on('disclosures').columns(['subject_id', 'requested_at']).execute();
  await db.schema.createIndex('disclosures_status').on('disclosures').columns(['status', 'requested_at']).execute();
  await db.schema.createIndex('disclosures_recipient').on('disclosures').column('recipient_id').execute();

  await db.schema.alterTable('recipient_notices').addColumn('resolved_by', 'text').execute();
  await db.schema.alterTable('recipient_notices').addColumn('resolution', 'text').execute();
  await db.schema.createIndex('recipient_notices_status').on('recipient_notices').columns(['status', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('recipient_notices_status').execute();
  await db.schema.alterTable('recipient_notices').dropColumn('resolution').execute();
  await db.schema.alterTable('recipient_notices').dropColumn('resolved_by').execute();
  await db.schema.dropTable('disclosures').execute();
}

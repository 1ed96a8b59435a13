import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * Data portability (Art. 20 GDPR).
 *
 * - `rights_requests`: the organisation a person asks us to send their data to (Art. 20(2)), its e-mail address,
 *   and when the person confirmed that address from the mailbox we hold for them.
 * - `access_packages` holds the portability package too (`kind`): `deliver_to` is the organisation's address the
 *   link went to (null: the person's own), `disclosure_id` the disclosure that recorded it.
 * - `disclosures`: kind `portability`, the one disclosure to someone outside the register of recipients: the
 *   organisation the person named (`recipient_name`, `recipient_email`), for the request that asked for it
 *   (`request_id`). The checks change, which SQLite can only do by rebuilding the table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rights_requests').addColumn('transfer_organisation', 'text').execute();
  await db.schema.alterTable('rights_requests').addColumn('transfer_email', 'text').execute();
  await db.schema.alterTable('rights_requests').addColumn('transfer_confirmed_at', 'text').execute();
  await db.schema
    .alterTable('access_packages')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('access'))
    .execute();
  await db.schema.alterTable('access_packages').addColumn('deliver_to', 'text').execute();
  await db.schema.alterTable('access_packages').addColumn('disclosure_id', 'text').execute();
  await rebuildDisclosures(db, NEW_CHECKS, ['request_id', 'recipient_name', 'recipient_email']);
}

export async function down(db: Kysely<any>): Promise<void> {
  // The old checks know no portability disclosure: those rows cannot go back (a down migration is for development).
  await db.deleteFrom('disclosures').where('kind', '=', 'portability').execute();
  await rebuildDisclosures(db, OLD_CHECKS, []);
  await db.schema.alterTable('access_packages').dropColumn('disclosure_id').execute();
  await db.schema.alterTable('access_packages').dropColumn('deliver_to').execute();
  await db.schema.alterTable('access_packages').dropColumn('kind').execute();
  await db.schema.alterTable('rights_requests').dropColumn('transfer_confirmed_at').execute();
  await db.schema.alterTable('rights_requests').dropColumn('transfer_email').execute();
  await db.schema.alterTable('rights_requests').dropColumn('transfer_organisation').execute();
}

interface Checks {
  kind: string;
  addressee: string;
}

const OLD_CHECKS: Checks = {
  kind: `kind in ('disclosure', 'legal_demand', 'fiscal_export')`,
  addressee: `(kind = 'legal_demand' and recipient_id is null and authority is not null and authority_reference is not null) or (kind <> 'legal_demand' and recipient_id is not null)`,
};

// A legal demand names its authority; a portability transfer the organisation the person named, for their request,
// without telling anyone in advance (the person asked for it); every other kind names a recipient of the register.
const NEW_CHECKS: Checks = {
  kind: `kind in ('disclosure', 'legal_demand', 'fiscal_export', 'portability')`,
  addressee:
    `(kind = 'legal_demand' and recipient_id is null and authority is not null and authority_reference is not null)` +
    ` or (kind = 'portability' and recipient_id is null and recipient_name is not null and recipient_email is not null and request_id is not null and notice = 'not_required')` +
    ` or (kind in ('disclosure', 'fiscal_export') and recipient_id is not null)`,
};

const COLUMNS = [
  'id',
  'subject_id',
  'kind',
  'recipient_id',
  'authority',
  'authority_reference',
  'categories',
  'purpose',
  'legal_ground',
  'mode',
  'format',
  'description',
  'status',
  'notice',
  'notice_outbox_id',
  'notice_reason',
  'processor_agreement_id',
  'batch_id',
  'requested_by',
  'requested_at',
  'released_at',
  'released_by',
  'exported_at',
  'cancelled_at',
  'cancel_reason',
];

async function rebuildDisclosures(db: Kysely<any>, checks: Checks, added: string[]): Promise<void> {
  if (db.getExecutor().adapter.constructor.name === 'PostgresAdapter') {
    if (added.length > 0)
      for (const column of added) await db.schema.alterTable('disclosures').addColumn(column, 'text').execute();
    await sql`alter table disclosures drop constraint if exists disclosures_kind_check`.execute(db);
    await sql`alter table disclosures drop constraint if exists disclosures_addressee`.execute(db);
    await sql`alter table disclosures add constraint disclosures_kind_check check (${sql.raw(checks.kind)})`.execute(db);
    await sql`alter table disclosures add constraint disclosures_addressee check (${sql.raw(checks.addressee)})`.execute(db);
    if (added.length === 0)
      for (const column of ['request_id', 'recipient_name', 'recipient_email'])
        await db.schema.alterTable('disclosures').dropColumn(column).execute();
    return;
  }
  // SQLite cannot change a check: a new table with the new ones, the rows copied, the old table replaced.
  // Nothing references disclosures, so the rows keep their ids and nothing else changes.
  await db.schema
    .createTable('disclosures_rebuilt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw(checks.kind)))
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
    .$call((t) => added.reduce((table, column) => table.addColumn(column, 'text'), t))
    .addCheckConstraint('disclosures_addressee', sql.raw(checks.addressee))
    .addCheckConstraint('disclosures_suppression_ground', sql`notice <> 'suppressed' or notice_reason is not null`)
    .execute();
  const columns = sql.join(COLUMNS.map((c) => sql.ref(c)));
  await sql`insert into disclosures_rebuilt (${columns}) select ${columns} from disclosures`.execute(db);
  await db.schema.dropTable('disclosures').execute();
  await db.schema.alterTable('disclosures_rebuilt').renameTo('disclosures').execute();
  await db.schema.createIndex('disclosures_subject').on('disclosures').columns(['subject_id', 'requested_at']).execute();
  await db.schema.createIndex('disclosures_status').on('disclosures').columns(['status', 'requested_at']).execute();
  await db.schema.createIndex('disclosures_recipient').on('disclosures').column('recipient_id').execute();
}

import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * The breach register (Art. 33(5) GDPR): every personal data breach, notified or not, with its facts, effects
 * and remedial action; the notifications to the supervisory authority in their phases (Art. 33(4)); and the
 * Art. 34(3) exemption from telling the persons affected. Letters to those persons are outbox rows related to
 * the breach, not rows here.
 *
 * The self-check: each run of the checks of the security measures (BEVEILIGING: "regelmatig gecontroleerd")
 * and what every check found, kept as the evidence that the measures were checked.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('breaches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('became_aware_at', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // JSON arrays: the categories of persons (free text) and of personal data (the policy's ids).
    .addColumn('subject_categories', 'text', (c) => c.notNull())
    .addColumn('data_categories', 'text', (c) => c.notNull())
    .addColumn('approx_subjects', 'integer', (c) => c.notNull())
    .addColumn('approx_records', 'integer', (c) => c.notNull())
    .addColumn('consequences', 'text', (c) => c.notNull())
    .addColumn('measures', 'text', (c) => c.notNull())
    .addColumn('risk', 'text', (c) => c.notNull().check(sql`risk in ('none', 'risk', 'high')`))
    .addColumn('exemption_ground', 'text', (c) =>
      c.check(sql`exemption_ground in ('encrypted', 'risk_removed', 'disproportionate')`),
    )
    .addColumn('exemption_motivation', 'text')
    .addColumn('public_notice_on', 'text')
    .addColumn('public_notice_where', 'text')
    .addColumn('public_notice_text', 'text')
    .addColumn('exemption_recorded_at', 'text')
    .addColumn('exemption_recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('breaches_exemption', sql`(exemption_ground is null) = (exemption_recorded_at is null)`)
    .execute();
  await db.schema.createIndex('breaches_became_aware_at').on('breaches').columns(['became_aware_at', 'id']).execute();

  await db.schema
    .createTable('breach_notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('breach_id', 'text', (c) => c.notNull().references('breaches.id'))
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ('initial', 'follow_up', 'final')`))
    .addColumn('notified_at', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('late_reason', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('breach_notifications_breach')
    .on('breach_notifications')
    .columns(['breach_id', 'notified_at'])
    .execute();
  // One initial and one final notification per breach, even when two dpo's record them at once.
  await db.schema
    .createIndex('breach_notifications_one_initial_and_final')
    .on('breach_notifications')
    .columns(['breach_id', 'phase'])
    .unique()
    .where(sql.ref('phase'), '<>', 'follow_up')
    .execute();

  await db.schema
    .createTable('self_check_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('schedule', 'cli')`))
    .addColumn('ran_by', 'text', (c) => c.notNull())
    .addColumn('errors', 'integer', (c) => c.notNull())
    .addColumn('warnings', 'integer', (c) => c.notNull())
    .addColumn('unknowns', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('self_check_runs_started_at').on('self_check_runs').columns(['started_at', 'id']).execute();

  await db.schema
    .createTable('self_check_results')
    .addColumn('run_id', 'text', (c) => c.notNull().references('self_check_runs.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('ok', 'warning', 'error', 'unknown')`))
    .addColumn('measure', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('self_check_results_pk', ['run_id', 'position'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('self_check_results').execute();
  await db.schema.dropTable('self_check_runs').execute();
  await db.schema.dropTable('breach_notifications').execute();
  await db.schema.dropTable('breaches').execute();
}

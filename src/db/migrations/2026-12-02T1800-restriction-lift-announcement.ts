import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * Art. 18(3): a restriction is lifted only after the person was told. Lifting is announced first (when, why, with
 * the remedies); the restriction stands until that message was delivered and the lead time passed. The delivery
 * time goes to lift_notice_sent_at, which until now held the time the notice was queued.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('restrictions').addColumn('lift_announced_at', 'text').execute();
  await db.schema.alterTable('restrictions').addColumn('lift_announced_by', 'text').execute();
  await db.schema.alterTable('restrictions').addColumn('lift_reason', 'text').execute();
  await db.schema.alterTable('restrictions').addColumn('lift_motivation', 'text').execute();
  await db.schema.alterTable('restrictions').addColumn('lift_notice_outbox_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['lift_notice_outbox_id', 'lift_motivation', 'lift_reason', 'lift_announced_by', 'lift_announced_at']) {
    await db.schema.alterTable('restrictions').dropColumn(column).execute();
  }
}

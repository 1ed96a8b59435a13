import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * Consents get a retention date of their own (`retain_until`, `retain_rule`, as agreements, invoices and cases
 * have), so the sweep deletes a consent once its proof is no longer needed (Art. 7(1), Art. 5(1)(e)) instead of
 * keeping it, and its customer, for ever. Subjects get `reduce_on`: the first day only fiscal records keep the
 * person, when the sweep removes their contact details (P3: name and contact details go two years after the
 * agreement; the invoices keep their own name and address).
 *
 * The columns start empty: the retention service sees a new fingerprint of the way dates are computed and
 * computes every subject again before it sweeps or forecasts (src/retention/retain-until.ts), which also
 * gives quotes and agreements that never ended their dates.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('consents').addColumn('retain_until', 'text').execute();
  await db.schema.alterTable('consents').addColumn('retain_rule', 'text').execute();
  await db.schema.createIndex('consents_retain_until').on('consents').columns(['retain_until', 'id']).execute();
  await db.schema.alterTable('subjects').addColumn('reduce_on', 'text').execute();
  await db.schema.createIndex('subjects_reduce_on').on('subjects').columns(['reduce_on', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('subjects_reduce_on').execute();
  await db.schema.alterTable('subjects').dropColumn('reduce_on').execute();
  await db.schema.dropIndex('consents_retain_until').execute();
  await db.schema.alterTable('consents').dropColumn('retain_rule').execute();
  await db.schema.alterTable('consents').dropColumn('retain_until').execute();
}

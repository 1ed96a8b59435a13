import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

const SWEPT = ['agreements', 'invoices', 'cases'] as const;

/**
 * Every agreement, invoice and case carries the first day it may be deleted (`retain_until`, null while that
 * cannot be known: an agreement still running, a hold without an end) and the rule that decides it, so a
 * sweep and a forecast read what is due from an index instead of computing every record's retention.
 *
 * `retention_basis` holds a fingerprint of the policy's retention rules the stored dates were computed
 * under; when the policy changes (or after this migration, when no dates exist yet), the retention service
 * computes them all again before it trusts them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of SWEPT) {
    await db.schema.alterTable(table).addColumn('retain_until', 'text').execute();
    await db.schema.alterTable(table).addColumn('retain_rule', 'text').execute();
    // (retain_until, id): the sweep pages through what is due in this order, the forecast groups by it.
    await db.schema.createIndex(`${table}_retain_until`).on(table).columns(['retain_until', 'id']).execute();
  }
  await db.schema
    .createTable('retention_basis')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('retention_basis').execute();
  for (const table of SWEPT) {
    await db.schema.dropIndex(`${table}_retain_until`).execute();
    await db.schema.alterTable(table).dropColumn('retain_rule').execute();
    await db.schema.alterTable(table).dropColumn('retain_until').execute();
  }
}

import type { TestApp } from '../harness.ts';

// Helpers shared by the invoice test files: they read the database directly, as the tests assert effects.

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

export const lastEntry = (t: TestApp) =>
  t.database.db.selectFrom('processing_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();

export async function countRows(t: TestApp, table: 'invoices' | 'invoice_lines'): Promise<number> {
  const r = await t.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The stored invoice row, or undefined. */
export const invoiceRow = (t: TestApp, id: string) =>
  t.database.db
    .selectFrom('invoices')
    .select([
      'subject_id',
      'credit_for_id',
      'number',
      'status',
      'issue_date',
      'completed_on',
      'billing_name',
      'billing_gender',
      'billing_street',
      'billing_city',
      'reference',
      'currency',
      'total_excl_cents',
      'vat_cents',
      'total_incl_cents',
      'updated_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst()
    .then((r) =>
      r === undefined
        ? undefined
        : {
            ...r,
            total_excl_cents: Number(r.total_excl_cents),
            vat_cents: Number(r.vat_cents),
            total_incl_cents: Number(r.total_incl_cents),
          },
    );

/** The stored lines of an invoice, in order, with numbers as numbers on both dialects. */
export const lineRows = async (t: TestApp, invoiceId: string) =>
  (
    await t.database.db
      .selectFrom('invoice_lines')
      .select(['position', 'description', 'quantity', 'unit_price_cents', 'vat_rate', 'amount_cents'])
      .where('invoice_id', '=', invoiceId)
      .orderBy('position')
      .execute()
  ).map((l) => ({
    ...l,
    quantity: Number(l.quantity),
    unit_price_cents: Number(l.unit_price_cents),
    amount_cents: Number(l.amount_cents),
  }));

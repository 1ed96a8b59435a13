import { sql } from 'kysely';
import type { InvoicePaymentRow } from '../db/types.ts';
import { INVOICE_COLUMNS } from './invoice.repository.ts';
import type { Executor } from '../db/executor.ts';

export const PAYMENT_COLUMNS = ['id', 'invoice_id', 'paid_on', 'amount_cents', 'reference', 'recorded_by', 'created_at'] as const;

export async function create(db: Executor, row: InvoicePaymentRow): Promise<void> {
  await db.insertInto('invoice_payments').values(row).execute();
}

/** Several payments in one statement: an import's past invoices that were paid before Kluis (src/import/). */
export async function createMany(db: Executor, rows: InvoicePaymentRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('invoice_payments').values(rows).execute();
}

/** The payments of an invoice, first received first. */
export const listByInvoice = (db: Executor, invoiceId: string): Promise<InvoicePaymentRow[]> =>
  db
    .selectFrom('invoice_payments')
    .select(PAYMENT_COLUMNS)
    .where('invoice_id', '=', invoiceId)
    .orderBy('paid_on')
    .orderBy('created_at')
    .execute();

/** The payments on a person's own invoices, for their access package (issue 20). */
export const listBySubject = (db: Executor, subjectId: string): Promise<InvoicePaymentRow[]> =>
  db
    .selectFrom('invoice_payments')
    .innerJoin('invoices', 'invoices.id', 'invoice_payments.invoice_id')
    .select(PAYMENT_COLUMNS.map((c) => `invoice_payments.${c}` as const))
    .where('invoices.subject_id', '=', subjectId)
    .orderBy('invoice_payments.paid_on')
    .orderBy('invoice_payments.created_at')
    .execute();

/** The sum received per invoice, for the invoices given; one query. */
export async function paidPerInvoice(db: Executor, invoiceIds: string[]): Promise<Map<string, number>> {
  if (invoiceIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('invoice_payments')
    .select((eb) => ['invoice_id', eb.fn.sum<number | string>('amount_cents').as('paid')])
    .where('invoice_id', 'in', invoiceIds)
    .groupBy('invoice_id')
    .execute();
  return new Map(rows.map((r) => [r.invoice_id, Number(r.paid)]));
}

/** The sum of the issued credit invoices against each invoice given (negative amounts); one query. */
export async function creditedPerInvoice(db: Executor, invoiceIds: string[]): Promise<Map<string, number>> {
  if (invoiceIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('invoices')
    .select((eb) => ['credit_for_id', eb.fn.sum<number | string>('total_incl_cents').as('credited')])
    .where('credit_for_id', 'in', invoiceIds)
    .where('status', '=', 'issued')
    .groupBy('credit_for_id')
    .execute();
  return new Map(rows.flatMap((r) => (r.credit_for_id === null ? [] : [[r.credit_for_id, Number(r.credited)] as const])));
}

/**
 * Issued invoices (not credit invoices) whose due date is before `today` and on which something is outstanding:
 * total plus issued credits minus payments above zero. Oldest due first.
 */
export const listOverdue = (db: Executor, today: string, limit: number) =>
  overdue(db, today, limit).select(INVOICE_COLUMNS).execute();

/** The same invoices by id, due date and the number of reminders they had: no personal data. */
export const listOverdueIds = async (db: Executor, today: string, limit: number) =>
  (
    await overdue(db, today, limit)
      .select(['id', 'due_date'])
      .select(
        sql<
          number | string
        >`(select count(*) from outbox o where o.related_type = 'invoice' and o.related_id = invoices.id and o.kind = 'invoice_reminder')`.as(
          'reminders',
        ),
      )
      .execute()
  ).map((r) => ({ id: r.id, due_date: r.due_date ?? '', reminders: Number(r.reminders) }));

const overdue = (db: Executor, today: string, limit: number) =>
  db
    .selectFrom('invoices')
    .where('status', '=', 'issued')
    .where('credit_for_id', 'is', null)
    .where('due_date', '<', today)
    .where(
      sql<number>`total_incl_cents
        + coalesce((select sum(c.total_incl_cents) from invoices c where c.credit_for_id = invoices.id and c.status = 'issued'), 0)
        - coalesce((select sum(p.amount_cents) from invoice_payments p where p.invoice_id = invoices.id), 0)`,
      '>',
      0,
    )
    .orderBy('due_date')
    .orderBy('number')
    .limit(limit);

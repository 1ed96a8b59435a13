import { type Updateable, sql } from 'kysely';
import type { InvoiceLineRow, InvoiceRow, InvoicesTable } from '../db/types.ts';
import { precompiled } from '../db/precompiled.ts';
import type { Executor } from '../db/executor.ts';
import { type Order, type Paging, countRows, offsetOf } from '../shared/list.ts';
import type { INVOICE_SORTS, InvoiceStatus } from './invoice.schema.ts';

export type InvoiceUpdate = Updateable<InvoicesTable>;

export const INVOICE_COLUMNS = [
  'id',
  'subject_id',
  'organisation_id',
  'contact_id',
  'agreement_id',
  'credit_for_id',
  'number',
  'status',
  'issue_date',
  'completed_on',
  'billing_name',
  'billing_gender',
  'billing_street',
  'billing_postal_code',
  'billing_city',
  'billing_country',
  'reference',
  'currency',
  'total_excl_cents',
  'vat_cents',
  'total_incl_cents',
  'created_at',
  'updated_at',
  'buyer_vat_number',
  'vat_treatment',
  'vat_exemption_reason',
  'payment_term_days',
  'due_date',
] as const;
export const LINE_COLUMNS = [
  'id',
  'invoice_id',
  'position',
  'description',
  'quantity',
  'unit_price_cents',
  'vat_rate',
  'amount_cents',
] as const;

export const listBySubject: (db: Executor, subjectId: string) => Promise<InvoiceRow[]> = precompiled(
  (db: Executor, subjectId: string) =>
    db.selectFrom('invoices').select(INVOICE_COLUMNS).where('subject_id', '=', subjectId).orderBy('created_at').orderBy('id'),
);

/** The lines of all a subject's invoices in one query, in order (the customer page). */
export const listLinesBySubject: (db: Executor, subjectId: string) => Promise<InvoiceLineRow[]> = precompiled(
  (db: Executor, subjectId: string) =>
    db
      .selectFrom('invoice_lines')
      .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
      .select(LINE_COLUMNS.map((c) => `invoice_lines.${c}` as const))
      .where('invoices.subject_id', '=', subjectId)
      .orderBy('invoice_lines.invoice_id')
      .orderBy('invoice_lines.position'),
);

/** The lines of several invoices in one query, in order. */
export async function listLines(db: Executor, invoiceIds: string[]): Promise<InvoiceLineRow[]> {
  if (invoiceIds.length === 0) return [];
  return db
    .selectFrom('invoice_lines')
    .select(LINE_COLUMNS)
    .where('invoice_id', 'in', invoiceIds)
    .orderBy('invoice_id')
    .orderBy('position')
    .execute();
}

export const getById = (db: Executor, id: string): Promise<InvoiceRow | undefined> =>
  db.selectFrom('invoices').select(INVOICE_COLUMNS).where('id', '=', id).executeTakeFirst();

/** What a draft invoice may copy from its subject: the name and the customer reference, nothing else. */
export const getBillingSource = (db: Executor, subjectId: string) =>
  db.selectFrom('subjects').select(['first_name', 'last_name', 'reference']).where('id', '=', subjectId).executeTakeFirst();

/** Issued invoices with an issue date in [from, to], in number order. */
export const listIssuedBetween = (db: Executor, from: string, to: string): Promise<InvoiceRow[]> =>
  db
    .selectFrom('invoices')
    .select(INVOICE_COLUMNS)
    .where('status', '=', 'issued')
    .where('issue_date', '>=', from)
    .where('issue_date', '<=', to)
    .orderBy('issue_date')
    .orderBy(sql`length(number)`)
    .orderBy('number')
    .execute();

export interface InvoiceFilter extends Paging {
  customer?: string | undefined;
  status?: InvoiceStatus | undefined;
  number?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  sort: (typeof INVOICE_SORTS)[number];
  order: Order;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** A page of the invoices the filter finds, and how many it finds in all. */
export async function listInvoices(db: Executor, f: InvoiceFilter): Promise<{ rows: InvoiceRow[]; total: number }> {
  const query = db
    .selectFrom('invoices')
    .select(INVOICE_COLUMNS)
    .$if(f.customer !== undefined, (qb) =>
      qb.where((eb) => eb.or([eb('subject_id', '=', f.customer ?? ''), eb('organisation_id', '=', f.customer ?? '')])),
    )
    .$if(f.status !== undefined, (qb) => qb.where('status', '=', f.status ?? 'draft'))
    .$if(f.number !== undefined, (qb) =>
      qb.where(sql<boolean>`upper(number) like ${`${escapeLike((f.number ?? '').toUpperCase())}%`} escape '\\'`),
    )
    .$if(f.from !== undefined, (qb) => qb.where('issue_date', '>=', f.from ?? ''))
    .$if(f.to !== undefined, (qb) => qb.where('issue_date', '<=', f.to ?? ''));
  // A draft has no date nor number yet: it sorts as the newest, so the same on both databases.
  const orders = {
    issueDate: [sql`coalesce(issue_date, '9999-12-31')`, sql`length(coalesce(number, ''))`, sql`coalesce(number, '')`],
    number: [sql`length(coalesce(number, ''))`, sql`coalesce(number, '')`],
    name: [sql`lower(billing_name)`],
    total: [sql`total_incl_cents`],
    createdAt: [sql`created_at`],
  }[f.sort];
  let ordered = query;
  for (const o of orders) ordered = ordered.orderBy(o, f.order);
  const rows = await ordered.orderBy('created_at', f.order).orderBy('id').limit(f.pageSize).offset(offsetOf(f)).execute();
  return { rows, total: await countRows(db, query) };
}

/** Whether a credit invoice for this invoice is still a draft. */
export async function hasDraftCredit(db: Executor, invoiceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('invoices')
    .select('id')
    .where('credit_for_id', '=', invoiceId)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return row !== undefined;
}

export async function create(db: Executor, row: InvoiceRow, lines: InvoiceLineRow[]): Promise<void> {
  await db.insertInto('invoices').values(row).execute();
  await db.insertInto('invoice_lines').values(lines).execute();
}

/**
 * Changes a draft, and only a draft: the condition is part of the UPDATE, so on PostgreSQL a concurrent
 * issue either waits for this change or makes it match no row. Returns whether a draft was changed.
 */
export async function updateDraft(db: Executor, id: string, changes: InvoiceUpdate): Promise<boolean> {
  const result = await db
    .updateTable('invoices')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function replaceLines(db: Executor, invoiceId: string, lines: InvoiceLineRow[]): Promise<void> {
  await db.deleteFrom('invoice_lines').where('invoice_id', '=', invoiceId).execute();
  await db.insertInto('invoice_lines').values(lines).execute();
}

/** Deletes a draft with its lines (the foreign key cascades); returns whether a draft was deleted. */
export async function deleteDraft(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('invoices').where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Sets the completion date of an issued invoice that has none yet; returns whether it did. */
export async function completeIssued(db: Executor, id: string, completedOn: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('invoices')
    .set({ completed_on: completedOn, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'issued')
    .where('completed_on', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The highest number Kluis issued in a year ('2026-0042'), by length first so that 2026-10000 follows 2026-9999.
 * Imported invoices are another series (the earlier administration's) and are not counted.
 */
export async function lastNumberOfYear(db: Executor, year: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('invoices')
    .select('number')
    .where('number', 'like', `${year}-%`)
    .where('import_source', 'is', null)
    .orderBy(sql`length(number)`, 'desc')
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.number ?? undefined;
}

/** The e-mail address a customer gave, for mailing their invoice; reads nothing else of the subject. */
export async function subjectEmail(db: Executor, subjectId: string): Promise<string | null> {
  return (await db.selectFrom('subjects').select('email').where('id', '=', subjectId).executeTakeFirst())?.email ?? null;
}

/** How many reminders of an invoice are in the outbox (sent or waiting). */
export async function countReminders(db: Executor, invoiceId: string): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('related_type', '=', 'invoice')
    .where('related_id', '=', invoiceId)
    .where('kind', '=', 'invoice_reminder')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

import { personOf } from './invoice.presenter.ts';
import { randomUUID } from 'node:crypto';
import type { InvoicePaymentRow } from '../db/types.ts';
import { conflict, invoiceRefused, notFound, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import { parse } from '../shared/parse.ts';
import { businessToday } from '../shared/business-day.ts';
import type { Invoice } from './invoice.schema.ts';
import * as invoices from './invoice.repository.ts';
import { withLines } from './invoice.service.ts';
import * as payments from './payment.repository.ts';
import { type NewPayment, type Payment, newPaymentSchema } from './payment.schema.ts';
import { type Clock, systemClock } from '../shared/clock.ts';

const present = (row: InvoicePaymentRow): Payment => ({
  id: row.id,
  invoiceId: row.invoice_id,
  paidOn: row.paid_on,
  amountCents: Number(row.amount_cents),
  reference: row.reference,
  createdAt: row.created_at,
});

/**
 * Payments received on issued invoices, and the invoices still overdue. Payments are part of the fiscal record
 * (AWR art. 52: the books show what was received): recorded through the guard as a change of the invoice, never
 * changed afterwards, and deleted only with their invoice.
 */
export class PaymentService {
  private readonly guard: Guard;
  private readonly clock: Clock;

  constructor(guard: Guard, clock: Clock = systemClock) {
    this.guard = guard;
    this.clock = clock;
  }

  /** Records a payment; more than is outstanding is refused (`payment_exceeds_balance`). The invoice as it stands after. */
  async record(
    actor: Actor,
    invoiceId: string,
    input: NewPayment,
    purpose?: string,
  ): Promise<{ invoice: Invoice; payment: Payment }> {
    const data = parse(newPaymentSchema, input, 'payment');
    const today = businessToday(this.clock.now());
    if (data.paidOn > today)
      throw validationFailed('Invalid payment: paidOn: lies in the future', [{ path: 'paidOn', message: 'lies in the future' }]);
    return this.guard.process(
      { actor, operation: 'modify', recordType: 'invoice', purpose, note: 'payment recorded' },
      async (ctx) => {
        const { trx } = ctx;
        const row = await invoices.getById(trx, invoiceId);
        if (row === undefined) throw notFound('Invoice', invoiceId);
        ctx.touch('invoice', invoiceId, personOf(row));
        if (row.status !== 'issued')
          throw invoiceRefused('invoice_not_issued', `Invoice ${invoiceId} is a draft; issue it first`);
        if (row.credit_for_id !== null)
          throw conflict(`Invoice ${row.number ?? invoiceId} is a credit invoice: record the payment on the invoice it corrects`);
        const [before] = await withLines(trx, [row], today);
        const outstanding = before?.payment?.outstandingCents ?? 0;
        if (data.amountCents > outstanding) {
          throw invoiceRefused(
            'payment_exceeds_balance',
            `Invoice ${row.number ?? invoiceId} has ${outstanding} cents outstanding; ${data.amountCents} is more`,
            { outstandingCents: outstanding },
          );
        }
        const payment: InvoicePaymentRow = {
          id: randomUUID(),
          invoice_id: invoiceId,
          paid_on: data.paidOn,
          amount_cents: data.amountCents,
          reference: data.reference ?? null,
          recorded_by: actor.id,
          created_at: this.clock.now().toISOString(),
        };
        await payments.create(trx, payment);
        const [after] = await withLines(trx, [row], today);
        return { invoice: after as Invoice, payment: present(payment) };
      },
    );
  }

  /** The payments of an invoice, first received first. */
  async list(actor: Actor, invoiceId: string, purpose?: string): Promise<Payment[]> {
    return this.guard.process({ actor, operation: 'consult', recordType: 'invoice', purpose }, async (ctx) => {
      const row = await invoices.getById(ctx.trx, invoiceId);
      if (row === undefined) throw notFound('Invoice', invoiceId);
      ctx.touch('invoice', invoiceId, personOf(row));
      return (await payments.listByInvoice(ctx.trx, invoiceId)).map(present);
    });
  }

  /** Issued invoices past their due date with something outstanding, the longest overdue first. */
  async overdue(actor: Actor, purpose?: string): Promise<Invoice[]> {
    const today = businessToday(this.clock.now());
    return this.guard.process({ actor, operation: 'consult', recordType: 'invoice', purpose }, async (ctx) => {
      const rows = await payments.listOverdue(ctx.trx, today, 500);
      for (const r of rows) ctx.touch('invoice', r.id, personOf(r));
      return withLines(ctx.trx, rows, today);
    });
  }
}

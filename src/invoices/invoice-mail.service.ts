import { throughSystemDoor } from '../guard/door.ts';
import { personOf } from './invoice.presenter.ts';
import type { Kysely, Transaction } from 'kysely';
import type { DB, InvoiceRow } from '../db/types.ts';
import { conflict, invoiceRefused, isKluisError } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard, ProcessingContext } from '../guard/guard.ts';
import { enqueueMail } from '../mail/outbox.repository.ts';
import { businessToday } from '../shared/business-day.ts';
import { type InvoiceDocumentSource, type InvoiceFile, loadDocumentSource, pdfFile, ublFile } from './invoice-documents.ts';
import { invoiceLetter, reminderLetter } from './invoice-letters.ts';
import * as invoices from './invoice.repository.ts';
import { type InvoicingSettings, missingSellerDetails } from './invoicing-settings.ts';
import * as payments from './payment.repository.ts';
import { paymentSummary } from './payment-status.ts';
import { type Clock, isoNow, systemClock } from '../shared/clock.ts';

/** The scheduled reminders act as staff would, named in the log as the job. */
export const REMINDER_ACTOR: Actor = { kind: 'system', id: 'invoice-reminders', role: 'staff' };

/** Where a mail about an invoice goes. */
export interface InvoiceRecipient {
  address: string;
  language: 'nl' | 'en';
}

/**
 * Where an invoice is mailed: the customer's own e-mail address, in their language; an organisation's invoice goes
 * to the contact person chosen on it (`personOf`), whom staff choose by name when they make it (issue 20).
 */
async function invoiceRecipient(trx: Transaction<DB>, source: InvoiceDocumentSource): Promise<InvoiceRecipient> {
  const address = await invoices.subjectEmail(trx, personOf(source.invoice) ?? '');
  if (address === null)
    throw invoiceRefused(
      'invoice_address_missing',
      `The customer of invoice ${source.invoice.number ?? source.invoice.id} has no e-mail address`,
    );
  return { address, language: source.language };
}

export interface ScheduledReminders {
  /** Overdue invoices looked at. */
  checked: number;
  sent: number;
  /** Refused by the guard or the rules (a restricted customer, no e-mail address): left for staff. */
  skipped: number;
}

/**
 * Invoices that go out: their PDF and UBL, sending them by mail through the outbox with both attached, and payment
 * reminders (by staff, or on the schedule the business set). Every read passes the guard as a consultation of the
 * invoice, and of the customer's e-mail address when mailing.
 */
export class InvoiceMailService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly settings: InvoicingSettings;
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, guard: Guard, settings: InvoicingSettings, clock: Clock = systemClock) {
    this.db = db;
    this.guard = guard;
    this.settings = settings;
    this.clock = clock;
  }

  /** The invoice as a PDF; a draft's is marked as a draft. */
  async pdf(actor: Actor, id: string, purpose?: string): Promise<InvoiceFile> {
    return this.guard.process(
      { actor, operation: 'consult', recordType: 'invoice', purpose, note: 'invoice PDF' },
      async (ctx) => {
        const source = await loadDocumentSource(ctx, id);
        ctx.touch('invoice', id, personOf(source.invoice));
        return pdfFile(source, this.settings.seller);
      },
    );
  }

  /** The issued invoice as UBL 2.1 (Peppol BIS Billing 3.0, NLCIUS). A draft has none: it has no number yet. */
  async ubl(actor: Actor, id: string, purpose?: string): Promise<InvoiceFile> {
    return this.guard.process(
      { actor, operation: 'consult', recordType: 'invoice', purpose, note: 'invoice UBL' },
      async (ctx) => {
        const source = await loadDocumentSource(ctx, id);
        ctx.touch('invoice', id, personOf(source.invoice));
        if (source.invoice.status !== 'issued') throw notIssued(source.invoice);
        return ublFile(source, this.settings.seller, null);
      },
    );
  }

  /** Mails an issued invoice to the customer with its PDF and UBL attached; the message id. */
  async send(actor: Actor, id: string, purpose?: string): Promise<{ messageId: string; to: string }> {
    return this.guard.process(
      { actor, operation: 'consult', recordType: 'invoice', purpose, includes: ['subject'], note: 'invoice sent by mail' },
      async (ctx) => {
        const source = await loadDocumentSource(ctx, id);
        ctx.touch('invoice', id, personOf(source.invoice));
        if (source.invoice.status !== 'issued') throw notIssued(source.invoice);
        this.requireSeller();
        const to = await invoiceRecipient(ctx.trx, source);
        const mail = invoiceLetter(this.guard.policy, this.settings.seller, source.invoice, to.language);
        const attachments = [await pdfFile(source, this.settings.seller), ublFile(source, this.settings.seller, to.address)];
        const messageId = await enqueueMail(ctx.trx, {
          createdAt: isoNow(this.clock),
          ...mail,
          kind: 'invoice',
          to: to.address,
          language: to.language,
          related: { type: 'invoice', id },
          subjectId: personOf(source.invoice),
          attachments,
        });
        return { messageId, to: to.address };
      },
    );
  }

  /** Mails a payment reminder for an overdue invoice, the PDF attached again. A paid invoice is refused (`invoice_paid`). */
  async remind(actor: Actor, id: string, purpose?: string): Promise<{ messageId: string; to: string }> {
    return this.guard.process(
      {
        actor,
        operation: 'consult',
        recordType: 'invoice',
        purpose,
        includes: ['subject'],
        note: 'payment reminder sent by mail',
      },
      (ctx) => this.remindIn(ctx, id),
    );
  }

  /**
   * The schedule the business set (KLUIS_INVOICE_REMINDER_DAYS): an overdue invoice gets its n-th reminder once it is
   * that many days past its due date and has had fewer than n reminders (staff's count too). One processing each.
   */
  async remindDue(limit = 200): Promise<ScheduledReminders> {
    const report: ScheduledReminders = { checked: 0, sent: 0, skipped: 0 };
    const schedule = this.settings.reminderDays;
    if (schedule.length === 0) return report;
    const today = businessToday(this.clock.now());
    // Ids, due dates and counts only: no personal data is read until an invoice's reminder passes the guard.
    const overdue = await throughSystemDoor('schedule', () => payments.listOverdueIds(this.db, today, limit));
    report.checked = overdue.length;
    for (const row of overdue) {
      const next = schedule[row.reminders];
      if (next === undefined || daysBetween(row.due_date, today) < next) continue;
      try {
        await this.remind(REMINDER_ACTOR, row.id);
        report.sent += 1;
      } catch (error) {
        // One customer's refusal (a restriction, Art. 18; no address) must not stop the others' reminders.
        if (!isKluisError(error)) throw error;
        report.skipped += 1;
      }
    }
    return report;
  }

  private async remindIn(ctx: ProcessingContext, id: string): Promise<{ messageId: string; to: string }> {
    const source = await loadDocumentSource(ctx, id);
    const { invoice } = source;
    ctx.touch('invoice', id, personOf(invoice));
    if (invoice.status !== 'issued') throw notIssued(invoice);
    if (invoice.credit_for_id !== null)
      throw conflict(`Invoice ${invoice.number ?? id} is a credit invoice: nothing is owed on it`);
    const today = businessToday(this.clock.now());
    const summary = paymentSummary(
      invoice,
      (await payments.paidPerInvoice(ctx.trx, [id])).get(id) ?? 0,
      (await payments.creditedPerInvoice(ctx.trx, [id])).get(id) ?? 0,
      today,
    );
    if (summary?.status === 'paid')
      throw invoiceRefused('invoice_paid', `Invoice ${invoice.number ?? id} has been paid; no reminder is sent`);
    if (summary?.status !== 'overdue')
      throw invoiceRefused('invoice_not_overdue', `Invoice ${invoice.number ?? id} is not due before ${invoice.due_date ?? '?'}`);
    this.requireSeller();
    const to = await invoiceRecipient(ctx.trx, source);
    const mail = reminderLetter(this.guard.policy, this.settings.seller, invoice, summary.outstandingCents, to.language);
    const attachments = [await pdfFile(source, this.settings.seller)];
    const messageId = await enqueueMail(ctx.trx, {
      createdAt: isoNow(this.clock),
      ...mail,
      kind: 'invoice_reminder',
      to: to.address,
      language: to.language,
      related: { type: 'invoice', id },
      subjectId: personOf(invoice),
      attachments,
    });
    return { messageId, to: to.address };
  }

  /** Art. 35a lid 1 Wet OB: an invoice names the seller's VAT number; the KvK number and IBAN belong on it too. */
  private requireSeller(): void {
    const missing = missingSellerDetails(this.settings.seller);
    if (missing.length > 0)
      throw invoiceRefused('seller_details_missing', `Set ${missing.join(', ')} before invoices are sent`, { missing });
  }
}

const notIssued = (invoice: InvoiceRow) =>
  invoiceRefused('invoice_not_issued', `Invoice ${invoice.id} is a draft; issue it first`);

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB, InvoiceRow } from '../db/types.ts';
import { conflict, immutableRecord, invoiceRefused, notFound } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard, ProcessingContext } from '../guard/guard.ts';
import { type RecordContacts, changeContact } from '../agreements/record-contact.ts';
import { type ListPage, pageOf } from '../shared/list.ts';
import { parse } from '../shared/parse.ts';
import { billingColumns, billingFromSubject, checkAgreement, negatedLines, pricedLines } from './invoice-draft.ts';
import { refuseUndeclaredGender } from '../subjects/gender.ts';
import { businessToday } from '../shared/business-day.ts';
import { issueUnderNextNumber } from './invoice-number.ts';
import { personOf, presentInvoice } from './invoice.presenter.ts';
import type { InvoicingSettings } from './invoicing-settings.ts';
import * as payments from './payment.repository.ts';
import { dueDateOf, paymentSummary } from './payment-status.ts';
import { checkVatTreatment } from './vat-treatment.ts';
import * as invoices from './invoice.repository.ts';
import {
  type Invoice,
  type InvoicePatch,
  type InvoiceListQuery,
  type IssueInput,
  type NewInvoice,
  invoicePatchSchema,
  invoiceListQuery,
  issueSchema,
  newInvoiceSchema,
} from './invoice.schema.ts';
import { type Clock, isoNow, systemClock } from '../shared/clock.ts';

// A change of an organisation's invoice reads who owns the organisation (a sole trader's or partnership's owners,
// whose personal data its records are) to name them: the organisation's record is read too.
const OWNER = ['subject'] as const;

/**
 * Invoices: fiscal records (AWR art. 52, BW 2:10). A draft may be edited and deleted; once issued an
 * invoice never changes again, and a mistake is corrected by a credit invoice.
 */
export class InvoiceService {
  private readonly guard: Guard;
  /** The clock that dates an issued invoice, and with it its book year and fiscal retention. */
  private readonly clock: Clock;
  private readonly settings: Pick<InvoicingSettings, 'paymentTermDays'>;
  /** The contact persons an organisation's invoice is addressed to (the organisations module's). */
  private readonly contacts: RecordContacts;

  constructor(
    guard: Guard,
    contacts: RecordContacts,
    clock: Clock = systemClock,
    settings: Pick<InvoicingSettings, 'paymentTermDays'> = { paymentTermDays: 30 },
  ) {
    this.guard = guard;
    this.contacts = contacts;
    this.clock = clock;
    this.settings = settings;
  }

  private today(): string {
    return businessToday(this.clock.now());
  }

  /** Drafts an invoice; billing and reference default to the subject's, totals are computed from the lines. */
  async create(actor: Actor, subjectId: string, input: NewInvoice, purpose?: string): Promise<Invoice> {
    const data = parse(newInvoiceSchema, input, 'invoice');
    refuseUndeclaredGender(this.guard.policy, 'invoice', data.billing?.gender, 'billing.gender');
    // The billing name and address are copied from the customer's record, and a named agreement must be theirs:
    // the processing reads those records too.
    const includes = data.agreementId === undefined ? (['subject'] as const) : (['subject', 'agreement'] as const);
    const processing = { actor, operation: 'collect', recordType: 'invoice', includes, subjectId, purpose } as const;
    return this.guard.process(processing, async (ctx) => {
      const { trx } = ctx;
      const subject = await invoices.getBillingSource(trx, subjectId);
      if (subject === undefined) throw notFound('Subject', subjectId);
      if (data.agreementId !== undefined)
        await checkAgreement(trx, data.agreementId, { subject_id: subjectId, organisation_id: null });
      const id = randomUUID();
      const now = ctx.clock.now().toISOString();
      const { rows, totals } = pricedLines(id, data.lines);
      const row: InvoiceRow = {
        id,
        subject_id: subjectId,
        organisation_id: null,
        contact_id: null,
        agreement_id: data.agreementId ?? null,
        credit_for_id: null,
        number: null,
        status: 'draft',
        issue_date: null,
        completed_on: data.completedOn ?? null,
        ...(data.billing === undefined
          ? await billingFromSubject(trx, { id: subjectId, ...subject })
          : billingColumns(data.billing)),
        reference: data.reference ?? subject.reference,
        currency: data.currency,
        ...totals,
        buyer_vat_number: data.buyerVatNumber ?? null,
        vat_treatment: data.vatTreatment,
        vat_exemption_reason: data.vatExemptionReason ?? null,
        payment_term_days: data.paymentTermDays ?? null,
        due_date: null,
        created_at: now,
        updated_at: now,
      };
      await invoices.create(trx, row, rows);
      ctx.touch('invoice', id, subjectId);
      return presentInvoice(row, rows);
    });
  }

  /**
   * One invoice; for a role that may consult customer records, with the contact person it is addressed to by name
   * and role (the accountant's books need neither, and it may read invoices only).
   */
  async get(actor: Actor, id: string, purpose?: string): Promise<Invoice> {
    const named = this.guard.policy.allows(actor.role, 'consult', 'subject');
    const includes = named ? (['subject'] as const) : [];
    return this.guard.process(
      { actor, operation: 'consult', recordType: 'invoice', includes, purpose, readOnly: true },
      async (ctx) => {
        const row = await invoices.getById(ctx.trx, id);
        if (row === undefined) throw notFound('Invoice', id);
        ctx.touch('invoice', id, personOf(row));
        const invoice = (await withLines(ctx.trx, [row], this.today()))[0] as Invoice;
        return named ? { ...invoice, contact: await this.contactOf(ctx, row) } : invoice;
      },
    );
  }

  /** The contact person an organisation's invoice is addressed to, by name and role; null when it names nobody. */
  private async contactOf(ctx: ProcessingContext, row: InvoiceRow) {
    if (row.organisation_id === null || row.contact_id === null) return null;
    return (await this.contacts.contactOf(ctx, row.organisation_id, row.contact_id)) ?? null;
  }

  async listBySubject(actor: Actor, subjectId: string, purpose?: string): Promise<Invoice[]> {
    return this.guard.process(
      { actor, operation: 'consult', recordType: 'invoice', subjectId, purpose, readOnly: true },
      async (ctx) => {
        await ctx.requireSubject(subjectId);
        const rows = await invoices.listBySubject(ctx.trx, subjectId);
        for (const r of rows) ctx.touch('invoice', r.id, subjectId);
        return withLines(ctx.trx, rows, this.today());
      },
    );
  }

  /** The invoices issued in a period, for the accountant's books; each person on them is named in the log. */
  /** A page of invoices by customer, status, number and issue date (issue 19); one consultation naming each one shown. */
  async list(actor: Actor, input: InvoiceListQuery): Promise<ListPage<Invoice>> {
    const q = parse(invoiceListQuery, input ?? {}, 'query');
    return this.guard.process(
      { actor, operation: 'consult', recordType: 'invoice', purpose: q.purpose, readOnly: true },
      async (ctx) => {
        const { rows, total } = await invoices.listInvoices(ctx.trx, q);
        for (const r of rows) ctx.touch('invoice', r.id, personOf(r));
        return pageOf(await withLines(ctx.trx, rows, this.today()), total, q);
      },
    );
  }

  /**
   * Edits a draft, the contact person an organisation's draft is addressed to included. The one change an issued
   * invoice accepts is its completion date, once, while it has none: retention counts from it and it is often
   * known only after the invoice went out.
   */
  async update(actor: Actor, id: string, input: InvoicePatch, purpose?: string): Promise<Invoice> {
    const patch = parse(invoicePatchSchema, input, 'invoice change');
    refuseUndeclaredGender(this.guard.policy, 'invoice', patch.billing?.gender, 'billing.gender');
    // A new agreement must be the customer's: reading it is part of the processing. An organisation's invoice names
    // its organisation in the entry, with the owners of a sole trader or partnership (whose retention the change may
    // move), and a new contact person must be one of its own: the processing reads the organisation's record.
    const includes = typeof patch.agreementId === 'string' ? ([...OWNER, 'agreement'] as const) : OWNER;
    return this.guard.process({ actor, operation: 'modify', recordType: 'invoice', includes, purpose }, async (ctx) => {
      const { trx } = ctx;
      const current = await invoices.getById(trx, id);
      if (current === undefined) throw notFound('Invoice', id);
      ctx.touch('invoice', id, personOf(current));
      await this.touchOrganisationOf(ctx, current);
      if (current.status === 'issued') {
        if (patch.contactId !== undefined) throw contactFixed(current);
        if (Object.keys(patch).length !== 1 || typeof patch.completedOn !== 'string') throw issuedAlready(current);
        if (!(await invoices.completeIssued(trx, id, patch.completedOn, isoNow(ctx.clock)))) {
          throw immutableRecord(`Invoice ${current.number ?? id} has its completion date already; it is set once`);
        }
        return this.rereadNamed(ctx, id);
      }
      if (typeof patch.agreementId === 'string') await checkAgreement(trx, patch.agreementId, current);
      const priced = patch.lines === undefined ? undefined : pricedLines(id, patch.lines);
      const changed = await invoices.updateDraft(trx, id, {
        ...(await changeContact(ctx, this.contacts, current, patch.contactId)),
        ...(patch.agreementId === undefined ? {} : { agreement_id: patch.agreementId }),
        ...(patch.billing === undefined ? {} : billingColumns(patch.billing)),
        ...(patch.reference === undefined ? {} : { reference: patch.reference }),
        ...(patch.currency === undefined ? {} : { currency: patch.currency }),
        ...(patch.completedOn === undefined ? {} : { completed_on: patch.completedOn }),
        ...(patch.buyerVatNumber === undefined ? {} : { buyer_vat_number: patch.buyerVatNumber }),
        ...(patch.vatTreatment === undefined ? {} : { vat_treatment: patch.vatTreatment }),
        ...(patch.vatExemptionReason === undefined ? {} : { vat_exemption_reason: patch.vatExemptionReason }),
        ...(patch.paymentTermDays === undefined ? {} : { payment_term_days: patch.paymentTermDays }),
        ...(priced === undefined ? {} : priced.totals),
        updated_at: ctx.clock.now().toISOString(),
      });
      if (!changed) throw await notADraft(trx, id);
      if (priced !== undefined) await invoices.replaceLines(trx, id, priced.rows);
      return this.rereadNamed(ctx, id);
    });
  }

  /**
   * Names an organisation's invoice's organisation in the entry, with the owners of a sole trader or partnership:
   * their personal data, whose retention the guard then computes again (src/retention/owned-organisations.repository.ts).
   */
  private async touchOrganisationOf(ctx: ProcessingContext, row: InvoiceRow): Promise<void> {
    if (row.organisation_id !== null) await this.contacts.touchOrganisation(ctx, row.organisation_id);
  }

  /** The invoice as it is now, in the processing that changed it, with the contact person it names. */
  private async rereadNamed(ctx: ProcessingContext, id: string): Promise<Invoice> {
    const row = await invoices.getById(ctx.trx, id);
    if (row === undefined) throw notFound('Invoice', id);
    const invoice = (await withLines(ctx.trx, [row], this.today()))[0] as Invoice;
    return { ...invoice, contact: await this.contactOf(ctx, row) };
  }

  /** Deletes a draft: it was never an invoice in the fiscal sense. An issued invoice stays. */
  async delete(actor: Actor, id: string, purpose?: string): Promise<void> {
    return this.guard.process({ actor, operation: 'erase', recordType: 'invoice', includes: OWNER, purpose }, async (ctx) => {
      const current = await invoices.getById(ctx.trx, id);
      if (current === undefined) throw notFound('Invoice', id);
      if (current.status === 'issued') throw issuedAlready(current);
      if (!(await invoices.deleteDraft(ctx.trx, id))) throw await notADraft(ctx.trx, id);
      ctx.touch('invoice', id, personOf(current));
      await this.touchOrganisationOf(ctx, current);
    });
  }

  /** Issues a draft under the next number of the year, dated today; from then on it is immutable. */
  async issue(actor: Actor, id: string, input: IssueInput | null | undefined, purpose?: string): Promise<Invoice> {
    const data = parse(issueSchema, input ?? {}, 'issue');
    return this.guard.process({ actor, operation: 'modify', recordType: 'invoice', includes: OWNER, purpose }, async (ctx) => {
      const { trx } = ctx;
      const current = await invoices.getById(trx, id);
      if (current === undefined) throw notFound('Invoice', id);
      if (current.status === 'issued') throw issuedAlready(current);
      // Art. 35a Wet OB: what the VAT treatment asks (a buyer's VAT number, 0 % lines, a ground) is checked before a number is taken.
      checkVatTreatment(current, await invoices.listLines(trx, [id]));
      const issueDate = businessToday(this.clock.now());
      // A credit invoice is settled with the invoice it corrects: it has no due date of its own.
      const dueDate =
        current.credit_for_id === null ? dueDateOf(issueDate, current.payment_term_days ?? this.settings.paymentTermDays) : null;
      const issuance = { issueDate, completedOn: data.completedOn ?? current.completed_on, dueDate, at: isoNow(ctx.clock) };
      if ((await issueUnderNextNumber(trx, id, issuance)) === undefined) throw await notADraft(trx, id);
      ctx.touch('invoice', id, personOf(current));
      // Its issue and completion dates start the fiscal period: a sole trader's owner gets the dates now.
      await this.touchOrganisationOf(ctx, current);
      return reread(trx, id, this.today());
    });
  }

  /**
   * Drafts a credit invoice for an issued one: the same billing details and lines with every amount
   * negated. It can be edited (a partial credit) and is then issued under its own number.
   */
  async credit(actor: Actor, id: string, purpose?: string): Promise<Invoice> {
    return this.guard.process({ actor, operation: 'collect', recordType: 'invoice', includes: OWNER, purpose }, async (ctx) => {
      const { trx } = ctx;
      const original = await invoices.getById(trx, id);
      if (original === undefined) throw notFound('Invoice', id);
      if (original.status !== 'issued') throw conflict(`Invoice ${id} is a draft: correct it by editing it`);
      if (original.credit_for_id !== null)
        throw conflict(`Invoice ${original.number ?? id} is a credit invoice; issue a new invoice instead`);
      // Against a double click; a second, partial credit is made after this one is issued.
      if (await invoices.hasDraftCredit(trx, id))
        throw conflict(`Invoice ${original.number ?? id} already has a draft credit invoice`);
      const creditId = randomUUID();
      const now = ctx.clock.now().toISOString();
      const { rows, totals } = pricedLines(creditId, negatedLines(await invoices.listLines(trx, [id])));
      const row: InvoiceRow = {
        ...original,
        id: creditId,
        credit_for_id: id,
        number: null,
        status: 'draft',
        issue_date: null,
        due_date: null,
        ...totals,
        created_at: now,
        updated_at: now,
      };
      await invoices.create(trx, row, rows);
      ctx.touch('invoice', creditId, personOf(original));
      ctx.touch('invoice', id, personOf(original));
      await this.touchOrganisationOf(ctx, original);
      return presentInvoice(row, rows);
    });
  }
}

/** The invoices with their lines and payment status, in three queries whatever their number. */
export async function withLines(trx: Transaction<DB>, rows: InvoiceRow[], today: string): Promise<Invoice[]> {
  const ids = rows.map((r) => r.id);
  const [lines, paid, credited] = [
    await invoices.listLines(trx, ids),
    await payments.paidPerInvoice(trx, ids),
    await payments.creditedPerInvoice(trx, ids),
  ];
  return rows.map((r) =>
    presentInvoice(
      r,
      lines.filter((l) => l.invoice_id === r.id),
      paymentSummary(r, paid.get(r.id) ?? 0, credited.get(r.id) ?? 0, today),
    ),
  );
}

async function reread(trx: Transaction<DB>, id: string, today: string): Promise<Invoice> {
  const row = await invoices.getById(trx, id);
  if (row === undefined) throw notFound('Invoice', id);
  return (await withLines(trx, [row], today))[0] as Invoice;
}

// AWR art. 52 and BW 2:10: the books as issued are kept unchanged; corrections go through a credit invoice.
const issuedAlready = (row: InvoiceRow) =>
  immutableRecord(`Invoice ${row.number ?? row.id} is issued and can no longer change; correct it with a credit invoice`);

// Whom an issued invoice is addressed to is part of it (art. 35a Wet OB, AWR art. 52), as sent and as in the books.
const contactFixed = (row: InvoiceRow) =>
  invoiceRefused(
    'invoice_contact_fixed',
    `Invoice ${row.number ?? row.id} is issued: the contact person it is addressed to is part of it and can no longer change; credit it and issue a new invoice`,
  );

/** Why a conditional write to a draft matched nothing: it was issued or deleted since we read it. */
async function notADraft(trx: Transaction<DB>, id: string) {
  const row = await invoices.getById(trx, id);
  return row === undefined ? notFound('Invoice', id) : issuedAlready(row);
}

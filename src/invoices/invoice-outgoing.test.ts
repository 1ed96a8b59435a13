import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newInvoice, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.ts';
import { cliActor } from '../guard/actor.ts';
import { InvoiceMailService } from './invoice-mail.service.ts';
import { businessToday } from '../shared/business-day.ts';
import { lastEntry } from '../../test/support/invoices.ts';
import { invoicingSettings } from './invoicing-settings.ts';
import { dueDateOf } from './payment-status.ts';

const SELLER = {
  kvk: '30123456',
  vatNumber: 'NL123456789B01',
  iban: 'NL91ABNA0417164300',
  paymentTermDays: 30,
  reminderDays: [14, 28],
};

interface Issued {
  id: string;
  number: string;
  issueDate: string;
  dueDate: string | null;
  totalInclCents: number;
  payment: { status: string; paidCents: number; outstandingCents: number } | null;
}

describe.each(DIALECTS)('invoices that go out on %s', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let staff: string;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp(dialect, { smtpUrl: smtp.url, invoicing: SELLER });
    staff = await t.signIn('staff');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const post = (url: string, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: { cookie: staff }, payload });
  const issue = async (id: string, completedOn = '2026-11-30') => {
    const response = await post(`/api/invoices/${id}/issue`, { completedOn });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Issued>();
  };
  const pdf = async (id: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/invoices/${id}/pdf`, headers: { cookie: staff } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    return response.rawPayload;
  };
  /** An issued invoice of a new customer, with a line at each rate. */
  const issuedInvoice = async (overrides: object = {}) => {
    const subject = await newSubject(t, { firstName: 'Bram', lastName: 'Jansen' });
    const draft = await newInvoice(t, subject.id, {
      reference: 'K-1042',
      lines: [
        { description: 'Werkplekbeheer november', quantity: 12.5, unitPriceCents: 9875, vatRate: 21 },
        { description: 'Handboek', quantity: 1, unitPriceCents: 2500, vatRate: 9 },
      ],
      ...overrides,
    });
    return { subject, invoice: await issue(draft.id) };
  };

  it('prints every item art. 35a Wet OB asks in the PDF, the same bytes every time, logged as a consultation', async () => {
    const { subject, invoice } = await issuedInvoice();
    const first = await pdf(invoice.id);
    const entry = await lastEntry(t);
    expect(entry).toMatchObject({ operation: 'consult', record_type: 'invoice', purpose: 'invoicing', outcome: 'allowed' });
    expect(JSON.parse(entry.subject_ids)).toEqual([subject.id]);
    expect(first.equals(await pdf(invoice.id))).toBe(true);

    const pages = await pdfText(first);
    expect(pages).toHaveLength(1);
    const [page] = pages;
    expect(page).toContain('Pagina 1 van 1');
    const due = dueDateOf(invoice.issueDate, 30);
    expect(invoice.dueDate).toBe(due);
    for (const text of [
      'Sen ICT',
      'Ketjapweg 40',
      '3541 RH Utrecht',
      'KvK: 30123456',
      'Btw-nummer: NL123456789B01',
      'IBAN: NL91ABNA0417164300',
      'Bram Jansen',
      'Oudegracht 1',
      '3511 AA Utrecht',
      'Factuur',
      `Factuurnummer: ${invoice.number}`,
      'Leverdatum: 30 november 2026',
      'Uw klantkenmerk: K-1042',
      'Werkplekbeheer november',
      '12,5',
      '€ 98,75',
      '€ 1.234,38',
      'Handboek',
      '€ 25,00',
      'Totaal exclusief btw',
      '€ 1.259,38',
      'Btw 21% over € 1.234,38',
      '€ 259,22',
      'Btw 9% over € 25,00',
      '€ 2,25',
      'Totaal inclusief btw',
      '€ 1.520,85',
      'ten name van Sen ICT',
    ]) {
      expect(page, text).toContain(text);
    }
    expect(page).toMatch(/Factuurdatum: \d{1,2} [a-z]+ 2026/);
    expect(page).toMatch(/Te betalen vóór: \d{1,2} [a-z]+ 20\d\d/);
    expect(page).not.toContain('CONCEPT');
  });

  it("marks a draft's PDF as a draft on every page, and a credit invoice names the invoice it corrects", async () => {
    const subject = await newSubject(t);
    const draft = await newInvoice(t, subject.id);
    const [draftPage] = await pdfText(await pdf(draft.id));
    expect(draftPage).toContain('Factuur (CONCEPT)');
    expect(draftPage).toContain('Concept: dit is geen geldige factuur');

    const { invoice } = await issuedInvoice();
    const credit = await post(`/api/invoices/${invoice.id}/credit`);
    expect(credit.statusCode).toBe(201);
    const issuedCredit = await issue(credit.json<{ id: string }>().id);
    expect(issuedCredit.dueDate).toBeNull();
    const [creditPage] = await pdfText(await pdf(issuedCredit.id));
    expect(creditPage).toContain(`Creditfactuur`);
    expect(creditPage).toContain(`Correctie op factuur: ${invoice.number}`);
    expect(creditPage).toContain('Totaal inclusief btw € -1.520,85');
    // The credit settles the invoice: nothing is outstanding any more.
    const after = (await t.app.inject({ url: `/api/invoices/${invoice.id}`, headers: { cookie: staff } })).json<Issued>();
    expect(after.payment).toMatchObject({ status: 'paid', outstandingCents: 0, paidCents: 0 });
  });

  it("prints the reverse charge and the buyer's VAT number, and refuses to issue one without it", async () => {
    const subject = await newSubject(t, { language: 'en' });
    const draft = await newInvoice(t, subject.id, {
      vatTreatment: 'reverse_charge',
      lines: [{ description: 'Network installation', quantity: 1, unitPriceCents: 100000, vatRate: 0 }],
    });
    const refused = await post(`/api/invoices/${draft.id}/issue`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { code: 'validation_failed' } });
    expect(
      (await t.database.db.selectFrom('invoices').select('status').where('id', '=', draft.id).executeTakeFirstOrThrow()).status,
    ).toBe('draft');

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/invoices/${draft.id}`,
      headers: { cookie: staff },
      payload: { buyerVatNumber: 'BE0123456789' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const invoice = await issue(draft.id);
    const [page] = await pdfText(await pdf(invoice.id));
    expect(page).toContain('VAT reverse charge');
    expect(page).toContain('Your VAT number: BE0123456789');
    expect(page).toContain('Invoice date');
    expect(page).toContain('€1,000.00');
    const ubl = await t.app.inject({ url: `/api/invoices/${invoice.id}/ubl`, headers: { cookie: staff } });
    expect(ubl.statusCode).toBe(200);
    expect(ubl.body).toContain('<cbc:ID>AE</cbc:ID>');
    expect(ubl.body).toContain('<cbc:CompanyID>BE0123456789</cbc:CompanyID>');
  });

  it('mails an issued invoice to the customer through the outbox, and it arrives with its PDF and UBL', async () => {
    const { subject, invoice } = await issuedInvoice();
    const response = await post(`/api/invoices/${invoice.id}/send`);
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toMatchObject({ to: subject.email });
    const entry = await lastEntry(t);
    expect(entry).toMatchObject({
      operation: 'consult',
      record_type: 'invoice',
      purpose: 'invoicing',
      outcome: 'allowed',
      reason: 'invoice sent by mail',
    });
    expect(JSON.parse(entry.subject_ids)).toEqual([subject.id]);
    const queued = await t.database.db
      .selectFrom('outbox_attachments')
      .select(['filename', 'content_type'])
      .where('outbox_id', '=', response.json<{ messageId: string }>().messageId)
      .orderBy('position')
      .execute();
    expect(queued).toEqual([
      { filename: `factuur-${invoice.number}.pdf`, content_type: 'application/pdf' },
      { filename: `factuur-${invoice.number}.xml`, content_type: 'application/xml' },
    ]);

    await t.services.mailDelivery.deliverDue();
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(subject.email ?? ''));
    expect(mail.subject).toBe(`Factuur ${invoice.number} van Sen ICT`);
    expect(mail.text).toContain('€ 1.520,85');
    const files = mail.parsed.attachments.map((a) => ({ filename: a.filename, type: a.contentType }));
    expect(files).toEqual([
      { filename: `factuur-${invoice.number}.pdf`, type: 'application/pdf' },
      { filename: `factuur-${invoice.number}.xml`, type: 'application/xml' },
    ]);
    const [attachedPdf, attachedUbl] = mail.parsed.attachments;
    expect(attachedPdf?.content.equals(await pdf(invoice.id))).toBe(true);
    const xml = attachedUbl?.content.toString('utf8') ?? '';
    expect(xml).toContain(
      '<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0</cbc:CustomizationID>',
    );
    expect(xml).toContain(`<cbc:ID>${invoice.number}</cbc:ID>`);
    expect(xml).toContain(`<cbc:DueDate>${invoice.dueDate ?? ''}</cbc:DueDate>`);
    expect(xml).toContain('<cbc:CompanyID>NL123456789B01</cbc:CompanyID>');
    expect(xml).toContain('<cbc:ID>NL91ABNA0417164300</cbc:ID>');
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">1520.85</cbc:PayableAmount>');
    expect(xml).toContain(`<cbc:EndpointID schemeID="EM">${subject.email ?? ''}</cbc:EndpointID>`);
  });

  it('refuses to send a draft, and any invoice while the seller lacks its VAT number, KvK number or IBAN', async () => {
    const subject = await newSubject(t);
    const draft = await newInvoice(t, subject.id);
    const before = await t.database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const refused = await post(`/api/invoices/${draft.id}/send`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'invoice_not_issued' } });

    const { invoice } = await issuedInvoice();
    const incomplete = new InvoiceMailService(t.database.db, t.services.guard, invoicingSettings(t.services.policy, {}));
    await expect(incomplete.send(cliActor(), invoice.id)).rejects.toMatchObject({ code: 'seller_details_missing' });
    const after = await t.database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('computes the payment status from recorded payments, refuses more than is outstanding, and a reminder for a paid invoice', async () => {
    const { invoice } = await issuedInvoice();
    expect(invoice.payment).toEqual({ status: 'open', paidCents: 0, outstandingCents: 152085 });
    const part = await post(`/api/invoices/${invoice.id}/payments`, {
      paidOn: businessToday(new Date()),
      amountCents: 50000,
      reference: 'ING 2026-12',
    });
    expect(part.statusCode, part.body).toBe(201);
    expect(part.json<{ invoice: Issued }>().invoice.payment).toEqual({
      status: 'partly_paid',
      paidCents: 50000,
      outstandingCents: 102085,
    });
    expect(await lastEntry(t)).toMatchObject({ operation: 'modify', record_type: 'invoice', reason: 'payment recorded' });

    const tooMuch = await post(`/api/invoices/${invoice.id}/payments`, {
      paidOn: businessToday(new Date()),
      amountCents: 102086,
    });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json()).toMatchObject({ error: { code: 'payment_exceeds_balance' } });

    const notYet = await post(`/api/invoices/${invoice.id}/reminders`);
    expect(notYet.json()).toMatchObject({ error: { code: 'invoice_not_overdue' } });

    const rest = await post(`/api/invoices/${invoice.id}/payments`, { paidOn: businessToday(new Date()), amountCents: 102085 });
    expect(rest.json<{ invoice: Issued }>().invoice.payment).toEqual({ status: 'paid', paidCents: 152085, outstandingCents: 0 });
    const payments = (await t.app.inject({ url: `/api/invoices/${invoice.id}/payments`, headers: { cookie: staff } })).json<{
      payments: { amountCents: number }[];
    }>();
    expect(payments.payments.map((p) => p.amountCents)).toEqual([50000, 102085]);

    // Even once past its due date, a paid invoice gets no reminder.
    await t.database.db.updateTable('invoices').set({ due_date: '2026-01-01' }).where('id', '=', invoice.id).execute();
    const refused = await post(`/api/invoices/${invoice.id}/reminders`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'invoice_paid' } });
    // Payments are part of the invoice's fiscal record: when retention deletes the invoice, they go with it.
    await t.database.db.deleteFrom('invoices').where('credit_for_id', '=', invoice.id).execute();
    await t.database.db.deleteFrom('invoices').where('id', '=', invoice.id).execute();
    expect(
      await t.database.db.selectFrom('invoice_payments').select('id').where('invoice_id', '=', invoice.id).execute(),
    ).toEqual([]);
    const draft = await newInvoice(t, (await newSubject(t)).id);
    const draftPayment = await post(`/api/invoices/${draft.id}/payments`, {
      paidOn: businessToday(new Date()),
      amountCents: 100,
    });
    expect(draftPayment.json()).toMatchObject({ error: { code: 'invoice_not_issued' } });
  });

  it('lists overdue invoices, sends a reminder by staff and the next ones on the schedule, once each', async () => {
    const { subject, invoice } = await issuedInvoice();
    // Due on 1 January: 14 and 28 days past due long ago.
    await t.database.db.updateTable('invoices').set({ due_date: '2026-01-01' }).where('id', '=', invoice.id).execute();
    const overdue = (await t.app.inject({ url: '/api/invoices/overdue', headers: { cookie: staff } })).json<{
      invoices: Issued[];
    }>();
    expect(overdue.invoices.find((i) => i.id === invoice.id)?.payment).toMatchObject({
      status: 'overdue',
      outstandingCents: 152085,
    });

    const reminded = await post(`/api/invoices/${invoice.id}/reminders`);
    expect(reminded.statusCode, reminded.body).toBe(202);
    expect(await lastEntry(t)).toMatchObject({
      operation: 'consult',
      record_type: 'invoice',
      reason: 'payment reminder sent by mail',
      actor_kind: 'user',
    });

    // Staff's reminder was the first; the schedule adds the second, and only once.
    const run = await t.services.invoiceMail.remindDue();
    expect(run.sent).toBeGreaterThanOrEqual(1);
    expect((await t.services.invoiceMail.remindDue()).sent).toBe(0);
    const reminders = await t.database.db
      .selectFrom('outbox')
      .select(['kind', 'to_address'])
      .where('related_id', '=', invoice.id)
      .where('kind', '=', 'invoice_reminder')
      .execute();
    expect(reminders).toEqual([
      { kind: 'invoice_reminder', to_address: subject.email },
      { kind: 'invoice_reminder', to_address: subject.email },
    ]);
    await t.services.mailDelivery.deliverDue();
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(subject.email ?? '') && m.subject.startsWith('Herinnering'));
    expect(mail.subject).toBe(`Herinnering: factuur ${invoice.number} van Sen ICT`);
    expect(mail.text).toContain('nog € 1.520,85 open');
    expect(mail.text).toContain('1 januari 2026');
    expect(mail.parsed.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
  });
});

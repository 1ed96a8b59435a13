import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/guard/actor.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';
import { newInvoice, newSubject } from '../factories.ts';
import { startTestSmtp, type TestSmtp } from '../smtp.ts';

const SELLER = { kvk: '30123456', vatNumber: 'NL123456789B01', iban: 'NL91ABNA0417164300' };
const NL_DATE = /\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}/;
const EN_DATE = /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/;

/** An invoice page in Chromium: due date, payment status, sending with both attachments, payments and a reminder, in both languages. */
describe.runIf(HAS_CHROMIUM)('an invoice that goes out (Chromium, sqlite)', () => {
  let b: BrowserApp;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    b = await startBrowserApp('sqlite', { smtpUrl: smtp.url, invoicing: SELLER });
  }, 60_000);
  afterAll(async () => {
    await b.close();
    await smtp.close();
  });

  /** An issued invoice of € 1.210,00 for a new customer; `overdue` dates it due on 1 October. */
  const issued = async (email: string, language: 'nl' | 'en', overdue = false) => {
    const subject = await newSubject(b, { firstName: 'Bram', lastName: 'Jansen', email, language });
    const draft = await newInvoice(b, subject.id, {
      lines: [{ description: 'Netwerkbeheer', quantity: 10, unitPriceCents: 10000, vatRate: 21 }],
    });
    const invoice = await b.services.invoices.issue(cliActor(), draft.id, { completedOn: '2026-11-30' });
    if (overdue)
      await b.database.db.updateTable('invoices').set({ due_date: '2026-10-01' }).where('id', '=', invoice.id).execute();
    return invoice;
  };

  const signedIn = async (language: 'nl' | 'en') => {
    const page = await b.newPage(language);
    page.setDefaultTimeout(10_000);
    await b.signInAs(page, await b.addUser('staff'));
    return page;
  };
  const see = (page: Page, text: string | RegExp) => expect.poll(() => page.getByText(text).count()).toBeGreaterThan(0);

  for (const language of ['nl', 'en'] as const) {
    const w =
      language === 'nl'
        ? {
            send: 'Factuur versturen',
            confirm: 'Versturen',
            queued: 'staat klaar om te worden verstuurd',
            open: 'Open',
            partly: 'Deels betaald',
            paid: 'Betaald',
            record: 'Betaling vastleggen',
            amount: 'Bedrag',
            part: '500,00',
            rest: '710,00',
            shown: '€ 500,00',
            date: NL_DATE,
            due: 'Te betalen vóór',
            subject: 'Factuur',
            pdf: 'PDF downloaden',
          }
        : {
            send: 'Send invoice',
            confirm: 'Send',
            queued: 'is queued to be sent',
            open: 'Open',
            partly: 'Partly paid',
            paid: 'Paid',
            record: 'Record payment',
            amount: 'Amount',
            part: '500.00',
            rest: '710.00',
            shown: '€500.00',
            date: EN_DATE,
            due: 'Due date',
            subject: 'Invoice',
            pdf: 'Download PDF',
          };

    it(`sends an invoice and records its payments (${language})`, async () => {
      const email = `bram.${language}@jansen.example`;
      const invoice = await issued(email, language);
      const page = await signedIn(language);
      await page.goto(`${b.baseUrl}/app/invoices/${invoice.id}`);
      await see(page, w.due);
      await see(page, w.date);
      await expect.poll(() => page.getByText(w.open, { exact: true }).count()).toBe(1);
      expect(await page.getByRole('link', { name: w.pdf }).getAttribute('href')).toBe(`/api/invoices/${invoice.id}/pdf`);
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('button', { name: w.send }).click();
      await page.getByRole('dialog').getByRole('button', { name: w.confirm }).click();
      await see(page, w.queued);
      await b.services.mailDelivery.deliverDue();
      const mail = await smtp.waitFor((m) => m.envelope.to.includes(email));
      expect(mail.subject.startsWith(`${w.subject} ${invoice.number ?? ''}`)).toBe(true);
      expect(mail.parsed.attachments.map((a) => a.contentType)).toEqual(['application/pdf', 'application/xml']);

      const form = page.getByRole('form', { name: w.record });
      await form.getByLabel(w.amount).fill(w.part);
      await form.getByRole('button', { name: w.record }).click();
      await expect.poll(() => page.getByText(w.partly, { exact: true }).count()).toBe(1);
      await see(page, w.shown);
      await screenshot(page, `invoice-payment-${language}`);
      await form.getByLabel(w.amount).fill(w.rest);
      await form.getByRole('button', { name: w.record }).click();
      await expect.poll(() => page.getByText(w.paid, { exact: true }).count()).toBeGreaterThan(0);
      expect(
        (
          await b.database.db.selectFrom('invoice_payments').select('amount_cents').where('invoice_id', '=', invoice.id).execute()
        ).map((p) => Number(p.amount_cents)),
      ).toEqual([50000, 71000]);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  it('sends a reminder for an overdue invoice from its page, and lists it as overdue', async () => {
    const email = 'laat@jansen.example';
    const invoice = await issued(email, 'nl', true);
    const page = await signedIn('nl');
    await page.goto(`${b.baseUrl}/app/invoices`);
    await expect
      .poll(() =>
        page
          .getByRole('table', { name: 'Te late facturen' })
          .getByRole('link', { name: invoice.number ?? '' })
          .count(),
      )
      .toBe(1);
    await see(page, '1 oktober 2026');
    await page.goto(`${b.baseUrl}/app/invoices/${invoice.id}`);
    await expect.poll(() => page.getByText('Te laat', { exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'Herinnering sturen' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Herinnering sturen' }).click();
    await see(page, 'De herinnering staat klaar');
    expect(await seriousViolations(page)).toEqual([]);
    await b.services.mailDelivery.deliverDue();
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(email));
    expect(mail.subject).toBe(`Herinnering: factuur ${invoice.number ?? ''} van Sen ICT`);
  });
});

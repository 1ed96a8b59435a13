import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/guard/actor.ts';
import { newCase, newInvoice, newSubject } from '../factories.ts';
import { execute, newRequest } from '../support/executions.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp, wordsOnly } from '../browser.ts';
import { businessToday } from '../../src/shared/business-day.ts';

const WORDS = {
  nl: {
    next: 'Volgende pagina',
    search: 'Zoeken',
    invoices: 'Facturen',
    number: 'Factuurnummer',
    from: 'Uitgegeven vanaf',
    status: 'Status',
    draft: 'Concept',
    customer: 'Alleen de facturen van klant',
    otherCustomer: 'Facturen van alle klanten',
    noInvoices: 'Geen facturen gevonden.',
    cases: 'Zaken',
    kind: 'Soort',
    complaint: 'Klacht',
    holds: 'Alle juridische blokkades',
    holdState: 'Stand',
    released: 'Opgeheven',
    packages: 'Pakketten',
    requests: 'Verzoeken',
    released2: 'Vrijgegeven',
    notices: 'Berichten aan ontvangers (art. 19 AVG)',
    about: 'Over',
    erasure: 'Verwijdering',
    erased: 'Verwijderde klant',
  },
  en: {
    next: 'Next page',
    search: 'Search',
    invoices: 'Invoices',
    number: 'Invoice number',
    from: 'Issued from',
    status: 'Status',
    draft: 'Draft',
    customer: 'Only the invoices of customer',
    otherCustomer: 'Invoices of every customer',
    noInvoices: 'No invoices found.',
    cases: 'Cases',
    kind: 'Kind',
    complaint: 'Complaint',
    holds: 'All legal holds',
    holdState: 'State',
    released: 'Released',
    packages: 'Packages',
    requests: 'Requests',
    released2: 'Released',
    notices: 'Notices to recipients (Art. 19 GDPR)',
    about: 'About',
    erasure: 'Erasure',
    erased: 'Erased customer',
  },
};

/**
 * Issue 19, part 4: the lists of invoices, cases, holds across customers, access packages awaiting release and the
 * notices to recipients are paged and filtered on the server; the open tab and the filters are in the address, so
 * reload and back keep them; no list shows an id, an error code or English on a Dutch page.
 */
describe.runIf(HAS_CHROMIUM)('the work lists of the back office (Chromium, sqlite)', () => {
  let b: BrowserApp;
  const issued: string[] = [];

  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
    const actor = cliActor();
    const anna = await newSubject(b, { firstName: 'Anna', lastName: 'Aalders' });
    const bram = await newSubject(b, { firstName: 'Bram', lastName: 'Brouwer', reference: 'K-BRAM-LIJST' });
    // Invoices: 26 drafts of Anna's, two issued to Bram and one draft of his.
    for (let i = 0; i < 26; i += 1) await newInvoice(b, anna.id);
    for (let i = 0; i < 2; i += 1) {
      const invoice = await newInvoice(b, bram.id);
      const done = await b.services.invoices.issue(actor, invoice.id, { completedOn: businessToday(new Date()) });
      issued.push(done.number ?? '');
    }
    await newInvoice(b, bram.id);
    // Cases: 26 questions and one complaint.
    for (let i = 0; i < 26; i += 1) await newCase(b, anna.id);
    await newCase(b, bram.id, { kind: 'complaint', title: 'Klacht over de levering' });
    // Holds: one on each of 26 customers, the last released.
    for (let i = 1; i <= 26; i += 1) {
      const s = await newSubject(b, { firstName: 'Hanna', lastName: `Hold ${String(i).padStart(2, '0')}` });
      const hold = await b.services.legalHolds.place(actor, s.id, {
        reason: `Geschil nummer ${i}`,
        reviewOn: `${new Date().getFullYear() + 1}-06-30`,
      });
      if (i === 26) await b.services.legalHolds.release(actor, hold.id, { reason: 'Geschil geschikt' });
    }
    // Access packages: 26 waiting for review; one released.
    for (let i = 1; i <= 26; i += 1) {
      const s = await newSubject(b, { firstName: 'Pieter', lastName: `Pakket ${String(i).padStart(2, '0')}` });
      await execute(b, await newRequest(b, 'access', s.id));
    }
    const waiting = await b.database.db
      .selectFrom('access_packages')
      .select('id')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    await b.services.rights.accessPackages.release(actor, waiting.id);
    // Notices to recipients (Art. 19): the supplier received the data of 26 customers, then their data changed.
    await b.services.recipients.recordAgreement(actor, 'leveranciers', { signedOn: '2026-01-01', documentReference: 'VWO-LEV' });
    await b.services.recipients.update(actor, 'leveranciers', { contactEmail: 'privacy@leverancier.example' });
    for (let i = 1; i <= 26; i += 1) {
      const s = await newSubject(b, { firstName: 'Rianne', lastName: `Ontvanger ${String(i).padStart(2, '0')}` });
      const disclosure = await b.services.disclosures.disclosures.disclose(actor, s.id, {
        recipientId: 'leveranciers',
        categories: ['user.contact.email'],
      });
      // The advance notice went out (P9): the outbox row says so, as delivery would.
      await b.database.db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: new Date(Date.now() - 60_000).toISOString() })
        .where('status', '=', 'pending')
        .execute();
      await b.services.disclosures.releases.release(actor, disclosure.id);
      await execute(
        b,
        await newRequest(b, i === 26 ? 'erasure' : 'rectification', s.id, { changes: `{"email":"nieuw${i}@example.nl"}` }),
      );
    }
    const notices = await b.database.db.selectFrom('recipient_notices').select(['kind', 'status']).execute();
    expect(notices.filter((n) => n.status === 'queued')).toHaveLength(26);
  }, 300_000);
  afterAll(async () => b.close());

  const signedIn = async (role: 'staff' | 'dpo', language: 'nl' | 'en') => {
    const page = await b.newPage(language);
    page.setDefaultTimeout(15_000);
    await b.signInAs(page, await b.addUser(role));
    return page;
  };
  const rows = (area: Locator, table: string) => area.getByRole('table', { name: table }).locator('tbody tr');
  /** Nothing a person should not read: axe, error codes, ids, English on a Dutch page. */
  const expectClean = async (page: Page) => expect([...(await seriousViolations(page)), ...(await wordsOnly(page))]).toEqual([]);
  /** Goes to the second page of the list in the area; reload keeps it, back returns to the first. */
  const pagesThrough = async (page: Page, area: Locator, table: string, next: string, prefix: string, onSecond: number) => {
    await expect.poll(() => rows(area, table).count()).toBe(25);
    await area.getByRole('button', { name: next }).click();
    await page.waitForURL(new RegExp(`[?&]${prefix.replace('.', '\\.')}page=2`));
    await expect.poll(() => rows(area, table).count()).toBe(onSecond);
    await page.reload();
    await expect.poll(() => rows(area, table).count()).toBe(onSecond);
    await page.goBack();
    await expect.poll(() => rows(area, table).count()).toBe(25);
  };
  /** Chooses an option of a filter's select. */
  const choose = async (area: Locator, page: Page, label: string, option: string) => {
    await area.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };

  for (const language of ['nl', 'en'] as const) {
    const w = WORDS[language];

    it(`pages and filters the invoices by customer, status, number and date, kept in the address (${language})`, async () => {
      const page = await signedIn('staff', language);
      await page.goto(`${b.baseUrl}/app/invoices`);
      const main = page.getByRole('main');
      await pagesThrough(page, main, w.invoices, w.next, '', 4);
      await expectClean(page);
      await screenshot(page, `invoices-${language}`);

      // The status: the drafts only.
      await choose(main, page, w.status, w.draft);
      await page.waitForURL(/status=draft/);
      await expect.poll(async () => (await main.getByText(/totaal|in all/).innerText()).split(' ')[0]).toBe('27');
      await page.reload();
      await expect.poll(() => main.getByRole('combobox', { name: w.status }).inputValue()).toBe(w.draft);

      // A customer, found by name; the address holds the customer, the page shows the name.
      await page.goto(`${b.baseUrl}/app/invoices`);
      await main.getByLabel(w.customer).fill('Brouwer');
      await main.getByRole('button', { name: w.search, exact: true }).first().click();
      await main.getByRole('button', { name: /Bram Brouwer/ }).click();
      await page.waitForURL(/customer=/);
      await expect.poll(() => rows(main, w.invoices).count()).toBe(3);
      await page.reload();
      await expect.poll(() => rows(main, w.invoices).count()).toBe(3);
      await expect.poll(() => main.getByText('Bram Brouwer (K-BRAM-LIJST)').count()).toBe(1);
      await expectClean(page);
      await screenshot(page, `invoices-customer-${language}`);

      // Within that customer, a number; back undoes the number and keeps the customer.
      const number = issued[1] ?? '';
      await main.getByLabel(w.number).fill(number);
      await main.getByRole('button', { name: w.search, exact: true }).last().click();
      await page.waitForURL(new RegExp(`number=${encodeURIComponent(number)}`));
      await expect.poll(() => rows(main, w.invoices).allInnerTexts()).toEqual([expect.stringContaining(number)]);
      await page.goBack();
      await expect.poll(() => rows(main, w.invoices).count()).toBe(3);
      await main.getByRole('button', { name: w.otherCustomer }).click();
      await expect.poll(() => rows(main, w.invoices).count()).toBe(25);

      // A date typed as dd-mm-jjjj in the page's own field: nothing was issued after next year began.
      const next = new Date().getFullYear() + 1;
      await main.getByLabel(w.from).fill(`01-01-${next}`);
      await main.getByLabel(w.from).press('Tab');
      await main.getByRole('button', { name: w.search, exact: true }).last().click();
      await page.waitForURL(new RegExp(`from=${next}-01-01`));
      await expect.poll(() => main.getByText(w.noInvoices).count()).toBe(1);
      await page.reload();
      expect(await main.getByLabel(w.from).inputValue()).toBe(`01-01-${next}`);
      expect(await main.locator('input[type="date"]').count()).toBe(0);
      await expectClean(page);
    }, 120_000);

    it(`pages and filters the cases, kept in the address (${language})`, async () => {
      const page = await signedIn('staff', language);
      await page.goto(`${b.baseUrl}/app/cases`);
      const main = page.getByRole('main');
      await pagesThrough(page, main, w.cases, w.next, '', 2);
      await choose(main, page, w.kind, w.complaint);
      await page.waitForURL(/kind=complaint/);
      await expect.poll(() => rows(main, w.cases).allInnerTexts()).toEqual([expect.stringContaining('Klacht over de levering')]);
      await page.reload();
      await expect.poll(() => rows(main, w.cases).count()).toBe(1);
      await expectClean(page);
      await screenshot(page, `cases-${language}`);
      await page.goBack();
      await expect.poll(() => rows(main, w.cases).count()).toBe(25);
    }, 120_000);

    it(`pages and filters the holds on every customer, kept in the address (${language})`, async () => {
      const page = await signedIn('dpo', language);
      await page.goto(`${b.baseUrl}/app/retention`);
      const area = page.getByRole('region', { name: w.holds });
      await pagesThrough(page, area, w.holds, w.next, 'h.', 1);
      await choose(area, page, w.holdState, w.released);
      await page.waitForURL(/h\.state=released/);
      await expect.poll(() => rows(area, w.holds).allInnerTexts()).toEqual([expect.stringContaining('Geschil nummer 26')]);
      await page.reload();
      await expect.poll(() => rows(area, w.holds).count()).toBe(1);
      await expectClean(page);
      await screenshot(page, `holds-${language}`);
    }, 120_000);

    it(`pages and filters the access packages in their tab, kept in the address (${language})`, async () => {
      const page = await signedIn('dpo', language);
      await page.goto(`${b.baseUrl}/app/requests`);
      await page.getByRole('tab', { name: w.packages }).click();
      await page.waitForURL(/tab=packages/);
      const main = page.getByRole('main');
      await pagesThrough(page, main, w.packages, w.next, '', 1);
      await choose(main, page, w.status, w.released2);
      await page.waitForURL(/reviewStatus=released/);
      await expect.poll(() => rows(main, w.packages).count()).toBe(1);
      await page.reload();
      await expect.poll(() => page.getByRole('tab', { name: w.packages, selected: true }).count()).toBe(1);
      await expect.poll(() => rows(main, w.packages).count()).toBe(1);
      await expectClean(page);
      await screenshot(page, `packages-released-${language}`);
      await page.goBack();
      await expect.poll(() => rows(main, w.packages).count()).toBe(25);
    }, 120_000);

    it(`pages and filters the notices awaiting the recipients, kept in the address (${language})`, async () => {
      const page = await signedIn('dpo', language);
      await page.goto(`${b.baseUrl}/app/disclosures`);
      const area = page.getByRole('region', { name: w.notices });
      await pagesThrough(page, area, w.notices, w.next, 'n.', 1);
      await choose(area, page, w.about, w.erasure);
      await page.waitForURL(/n\.kind=erasure/);
      // The erased person's notice is still there, unnamed: the recipient must hear of that erasure too (Art. 19).
      await expect.poll(() => rows(area, w.notices).allInnerTexts()).toEqual([expect.stringContaining(w.erased)]);
      await page.reload();
      await expect.poll(() => rows(area, w.notices).count()).toBe(1);
      await expectClean(page);
      await screenshot(page, `notices-${language}`);
    }, 120_000);
  }
});

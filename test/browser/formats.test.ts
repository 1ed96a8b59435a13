import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';
import { newSubject } from '../factories.ts';

const WORDS = {
  nl: {
    tab: /Facturen/,
    add: 'Nieuwe conceptfactuur',
    description: 'Omschrijving regel 1',
    quantity: 'Aantal regel 1',
    price: 'Prijs per stuk regel 1',
    completed: 'Levering voltooid op',
    save: 'Concept opslaan',
    typedQuantity: '1,5',
    typedPrice: '1.234,56',
    shownPrice: '€ 1.234,56',
    shownTotal: '€ 2.240,73',
  },
  en: {
    tab: /Invoices/,
    add: 'New draft invoice',
    description: 'Description of line 1',
    quantity: 'Quantity of line 1',
    price: 'Unit price of line 1',
    completed: 'Delivery completed on',
    save: 'Save draft',
    typedQuantity: '1.5',
    typedPrice: '1,234.56',
    shownPrice: '€1,234.56',
    shownTotal: '€2,240.73',
  },
};

/**
 * Issue 19, part 7: amounts typed with the language's decimal and thousands separators (1.234,56 in Dutch) and
 * shown so (€ 1.234,56); a date typed as dd-mm-jjjj on a page in either language, stored as the API's date.
 */
describe.runIf(HAS_CHROMIUM)('formats people expect (Chromium, sqlite)', () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
  }, 60_000);
  afterAll(async () => b.close());

  for (const language of ['nl', 'en'] as const) {
    it(`takes an amount with a decimal comma and a date as dd-mm-jjjj (${language})`, async () => {
      const w = WORDS[language];
      const subject = await newSubject(b, { firstName: 'Els', lastName: `Formaat ${language}` });
      const page = await b.newPage(language);
      await b.signInAs(page, await b.addUser('staff'));
      await page.goto(`${b.baseUrl}/app/customers/${subject.id}`);
      await page.getByRole('tab', { name: w.tab }).click();
      await page.getByRole('button', { name: w.add }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(w.description).fill('Servermigratie');
      await dialog.getByLabel(w.quantity).fill(w.typedQuantity);
      await dialog.getByLabel(w.price).fill(w.typedPrice);
      await dialog.getByLabel(w.completed).fill('30-11-2026');
      await dialog.getByLabel(w.completed).press('Tab');
      expect(await dialog.getByLabel(w.price).inputValue()).toBe(`€ ${w.typedPrice}`);
      expect(await dialog.getByLabel(w.completed).inputValue()).toBe('30-11-2026');
      await page.waitForTimeout(500); // the modal's transition, before axe judges its colours
      expect(await seriousViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: w.save }).click();
      await page.waitForURL(/\/app\/invoices\/[0-9a-f-]+$/);

      const invoice = await b.database.db
        .selectFrom('invoices')
        .select(['id', 'completed_on', 'total_incl_cents'])
        .where('subject_id', '=', subject.id)
        .executeTakeFirstOrThrow();
      const line = await b.database.db
        .selectFrom('invoice_lines')
        .select(['quantity', 'unit_price_cents'])
        .where('invoice_id', '=', invoice.id)
        .executeTakeFirstOrThrow();
      expect({ ...line, quantity: Number(line.quantity) }).toEqual({ quantity: 1.5, unit_price_cents: 123456 });
      expect(invoice.completed_on).toBe('2026-11-30');
      expect(invoice.total_incl_cents).toBe(224073);
      const shown = (text: string) =>
        expect.poll(async () => (await page.locator('main').innerText()).replaceAll('\u00a0', ' ')).toContain(text);
      await shown(w.shownPrice);
      await shown(w.shownTotal);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `formats-${language}`);
    }, 120_000);
  }
});

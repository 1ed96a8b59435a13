import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSubject } from '../factories.ts';
import { type BrowserApp, HAS_CHROMIUM, seriousViolations, startBrowserApp } from '../browser.ts';

const WORDS = {
  nl: {
    invoices: 'Facturen',
    newInvoice: 'Nieuwe conceptfactuur',
    description: 'Omschrijving regel 1',
    quantity: 'Aantal regel 1',
    price: 'Prijs per stuk regel 1',
    save: 'Concept opslaan',
    problem: 'Moet meer zijn dan 0.',
  },
  en: {
    invoices: 'Invoices',
    newInvoice: 'New draft invoice',
    description: 'Description of line 1',
    quantity: 'Quantity of line 1',
    price: 'Unit price of line 1',
    save: 'Save draft',
    problem: 'Must be more than 0.',
  },
};

/**
 * Issue 19, part 2: a refused form says at the field what is wrong, in the page's language; no field path, code
 * or server message on the screen. The invoice form, with a line of quantity 0 (the API refuses it).
 */
describe.runIf(HAS_CHROMIUM)('problems shown at the field (Chromium, sqlite)', () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
  }, 60_000);
  afterAll(async () => b.close());

  for (const language of ['nl', 'en'] as const) {
    it(`the invoice form marks the line's quantity, in words (${language})`, async () => {
      const w = WORDS[language];
      const subject = await newSubject(b);
      const page = await b.newPage(language);
      await b.signInAs(page, await b.addUser('staff'));
      await page.goto(`${b.baseUrl}/app/customers/${subject.id}`);
      await page.getByRole('tab', { name: new RegExp(w.invoices) }).click();
      await page.getByRole('button', { name: w.newInvoice }).click();
      const dialog = page.getByRole('dialog', { name: w.newInvoice });
      await dialog.getByLabel(w.description).fill('Uur werk');
      await dialog.getByLabel(w.quantity).fill('0');
      await dialog.getByLabel(w.price).fill('10');
      await dialog.getByRole('button', { name: w.save }).click();
      const quantity = dialog.getByLabel(w.quantity);
      await expect.poll(() => quantity.getAttribute('aria-invalid')).toBe('true');
      // The field's own error text, tied to it for screen readers.
      const describedBy = (await quantity.getAttribute('aria-describedby')) ?? '';
      expect(describedBy).not.toBe('');
      expect(
        await page.locator(`[id="${describedBy.split(' ').find((id) => id.includes('error')) ?? describedBy}"]`).textContent(),
      ).toBe(w.problem);
      // Shown once, at the field: not again in the alert, and no field path anywhere.
      expect(await dialog.getByText(w.problem).count()).toBe(1);
      expect(await dialog.textContent()).not.toMatch(/lines\.0|quantity|validation_failed/);
      expect(await b.database.db.selectFrom('invoices').select('id').where('subject_id', '=', subject.id).execute()).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
    }, 90_000);

    it(`the customer form marks the billing address's own fields, not the postal one's (${language})`, async () => {
      const w = ADDRESS_WORDS[language];
      const subject = await newSubject(b);
      const addresses = (id: string) =>
        b.database.db.selectFrom('subject_addresses').selectAll().where('subject_id', '=', id).orderBy('kind').execute();
      const before = await addresses(subject.id);
      const page = await b.newPage(language);
      await b.signInAs(page, await b.addUser('staff'));
      await page.goto(`${b.baseUrl}/app/customers/${subject.id}`);
      await page.getByRole('button', { name: w.edit }).click();
      const dialog = page.getByRole('dialog', { name: w.edit });
      const [postalStreet, billingStreet] = [dialog.getByLabel(w.street).nth(0), dialog.getByLabel(w.street).nth(1)];
      await postalStreet.fill('Kanaalweg 14');
      await dialog.getByLabel(w.postalCode).nth(0).fill('3526 KL');
      await dialog.getByLabel(w.city).nth(0).fill('Utrecht');
      // A billing address with a street only: the API refuses its postal code and city (addresses.1.…).
      await billingStreet.fill('Postbus 12');
      await dialog.getByRole('button', { name: w.save }).click();
      await expect.poll(() => dialog.getByLabel(w.postalCode).nth(1).getAttribute('aria-invalid')).toBe('true');
      expect(await dialog.getByLabel(w.city).nth(1).getAttribute('aria-invalid')).toBe('true');
      expect(await dialog.getByLabel(w.postalCode).nth(0).getAttribute('aria-invalid')).not.toBe('true');
      expect(await dialog.textContent()).not.toMatch(/addresses\.|postalCode|validation_failed/);
      // Nothing changed: the addresses are those the customer had.
      expect(await addresses(subject.id)).toEqual(before);
      expect(await seriousViolations(page)).toEqual([]);
    }, 90_000);
  }
});

const ADDRESS_WORDS = {
  nl: { edit: 'Gegevens wijzigen', street: 'Straat en huisnummer', postalCode: 'Postcode', city: 'Plaats', save: 'Opslaan' },
  en: { edit: 'Edit details', street: 'Street and number', postalCode: 'Postal code', city: 'City', save: 'Save' },
};

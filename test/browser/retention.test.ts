import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAgreement, newSubject } from '../factories.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';

const WORDS = {
  nl: {
    forecast: 'Wat er verwijderd wordt, per record',
    dryRun: 'Proefronde',
    dryRunRecords: 'Wat de opruimronde nu zou verwijderen',
    rule: 'twee jaar na afloop van de overeenkomst',
    kind: 'Overeenkomst of offerte',
    customer: 'Klant',
    search: 'Zoeken',
    record: 'Alleen dit record (leeg: de hele klant)',
    reason: 'Reden van de blokkade',
    endsOn: 'Einddatum',
    place: 'Blokkade plaatsen',
    endsShown: '31 dec 2027',
  },
  en: {
    forecast: 'What will be deleted, record by record',
    dryRun: 'Dry run',
    dryRunRecords: 'What the sweep would delete now',
    rule: 'two years after the agreement ended',
    kind: 'Agreement or quote',
    customer: 'Customer',
    search: 'Search',
    record: 'Only this record (empty: the whole customer)',
    reason: 'Reason for the hold',
    endsOn: 'End date',
    place: 'Place the hold',
    endsShown: '31 Dec 2027',
  },
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/**
 * Issue 19, parts 3 and 7: the retention forecast and the dry run name whose data goes (the customer, linked; the
 * record's title; the day; the rule in words); a hold on one record is chosen from the customer's records by title,
 * its end date typed as dd-mm-jjjj.
 */
describe.runIf(HAS_CHROMIUM)('retention in words (Chromium, sqlite)', () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
  }, 60_000);
  afterAll(async () => b.close());

  for (const language of ['nl', 'en'] as const) {
    it(`names whose data goes and holds one record chosen by its title (${language})`, async () => {
      const w = WORDS[language];
      const subject = await newSubject(b, { firstName: 'Karel', lastName: `Appel ${language}` });
      const title = `Onderhoud 2023 ${language}`;
      const agreement = await newAgreement(b, subject.id, {
        title,
        startDate: '2023-01-01',
        endDate: '2024-06-01',
        status: 'ended',
      });
      const name = `Karel Appel ${language}`;

      const page = await b.newPage(language);
      await b.signInAs(page, await b.addUser('dpo'));
      await page.goto(`${b.baseUrl}/app/retention`);
      const forecast = page.getByRole('table', { name: w.forecast });
      const row = forecast.getByRole('row').filter({ hasText: name });
      await expect.poll(() => row.count()).toBe(1);
      const text = await row.innerText();
      for (const words of [title, w.kind, w.rule]) expect(text).toContain(words);
      expect(await row.getByRole('link', { name }).getAttribute('href')).toBe(`/app/customers/${subject.id}`);

      await page.getByRole('button', { name: w.dryRun, exact: true }).click();
      const dry = page.getByRole('table', { name: w.dryRunRecords });
      await expect.poll(() => dry.getByRole('row').filter({ hasText: name }).count()).toBe(1);
      expect(await dry.getByRole('row').filter({ hasText: name }).innerText()).toContain(title);
      await page.mouse.move(0, 0); // the button's hover shade is not what axe should judge
      expect(await seriousViolations(page)).toEqual([]);

      // A hold on the agreement, chosen by its title; the end date written as Dutch people write it.
      await page.getByRole('textbox', { name: w.customer, exact: true }).fill(name);
      await page.getByRole('button', { name: w.search, exact: true }).last().click();
      await page.getByRole('button', { name: new RegExp(name) }).click();
      // The reason names the language: the page also lists every hold across customers, the other run's included.
      const reason = `Klacht bij de geschillencommissie (${language})`;
      await page.getByRole('textbox', { name: w.reason }).fill(reason);
      await page.getByRole('combobox', { name: w.record }).click();
      await page.getByRole('option', { name: title, exact: true }).click();
      await page.getByRole('textbox', { name: w.endsOn }).fill('31-12-2027');
      await page.getByRole('textbox', { name: w.endsOn }).blur();
      expect(await page.getByRole('textbox', { name: w.endsOn }).inputValue()).toBe('31-12-2027');
      await page.getByRole('button', { name: w.place, exact: true }).click();
      const holdRow = page.getByRole('row').filter({ hasText: reason });
      await expect.poll(() => holdRow.count()).toBe(1);
      expect(await holdRow.innerText()).toContain(title);
      expect(await holdRow.innerText()).toContain(w.endsShown);
      const hold = await b.database.db
        .selectFrom('legal_holds')
        .select(['record_type', 'record_id', 'ends_on'])
        .where('subject_id', '=', subject.id)
        .executeTakeFirstOrThrow();
      expect(hold).toEqual({ record_type: 'agreement', record_id: agreement.id, ends_on: '2027-12-31' });

      const main = await page.locator('main').innerText();
      expect(main).not.toMatch(UUID);
      expect(main).not.toContain('contract-two-years');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `retention-words-${language}`);
    }, 120_000);
  }
});

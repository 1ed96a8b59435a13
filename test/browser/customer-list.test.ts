import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/guard/actor.ts';
import { newSubject } from '../factories.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';

const WORDS = {
  nl: {
    next: 'Volgende pagina',
    text: 'Zoekterm',
    search: 'Zoeken',
    name: 'Naam',
    kind: 'Soort',
    organisation: 'Organisatie',
    requests: 'Verzoeken',
    packages: 'Pakketten',
  },
  en: {
    next: 'Next page',
    text: 'Search term',
    search: 'Search',
    name: 'Name',
    kind: 'Kind',
    organisation: 'Organisation',
    requests: 'Requests',
    packages: 'Packages',
  },
};

/**
 * Issue 19, part 4: the lists are paged, sorted and filtered on the server, and the open tab, the filters, the sort
 * and the page are in the address, so reload and back keep them. The customer list shows everyone without a search.
 */
describe.runIf(HAS_CHROMIUM)('the lists of the back office (Chromium, sqlite)', () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
    for (let i = 1; i <= 27; i += 1) await newSubject(b, { lastName: `Lijst ${String(i).padStart(2, '0')}` });
    await b.services.organisations.organisations.create(cliActor(), { name: 'Lijstenmakers BV', kind: 'legal_entity' });
  }, 120_000);
  afterAll(async () => b.close());

  for (const language of ['nl', 'en'] as const) {
    it(`pages, sorts and filters the customers, keeping it all in the address (${language})`, async () => {
      const w = WORDS[language];
      const page = await b.newPage(language);
      await b.signInAs(page, await b.addUser('staff'));
      await page.goto(`${b.baseUrl}/app/customers`);
      const names = () => page.locator('tbody tr td:first-child').allInnerTexts();
      await expect.poll(async () => (await names()).length).toBe(25);
      expect((await names())[0]).toBe('Anna Lijst 01');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `customers-${language}`);

      // The next page, then reload and back.
      await page.getByRole('button', { name: w.next }).click();
      await page.waitForURL(/\?page=2$/);
      await expect.poll(names).toEqual(['Anna Lijst 26', 'Anna Lijst 27', 'Lijstenmakers BV']);
      await page.reload();
      await expect.poll(names).toEqual(['Anna Lijst 26', 'Anna Lijst 27', 'Lijstenmakers BV']);
      await page.goBack();
      await expect.poll(async () => (await names())[0]).toBe('Anna Lijst 01');

      // Sorted by name the other way; the sort survives a reload.
      await page.getByRole('button', { name: w.name, exact: true }).click();
      await page.waitForURL(/sort=name&order=desc/);
      await expect.poll(async () => (await names())[0]).toBe('Lijstenmakers BV');
      await page.reload();
      await expect.poll(async () => (await names())[0]).toBe('Lijstenmakers BV');
      expect(await page.locator('th[aria-sort="descending"]').count()).toBe(1);

      // A filter on the kind, and a search; back undoes the search.
      await page.getByRole('combobox', { name: w.kind }).click();
      await page.getByRole('option', { name: w.organisation }).click();
      await page.waitForURL(/kind=organisation/);
      await expect.poll(names).toEqual(['Lijstenmakers BV']);
      await page.goto(`${b.baseUrl}/app/customers`);
      await page.getByLabel(w.text).fill('Anna Lijst 1');
      await page.getByRole('button', { name: w.search, exact: true }).click();
      await page.waitForURL(/q=Anna\+Lijst\+1/);
      await expect.poll(async () => (await names()).length).toBe(10);
      await page.reload();
      await expect.poll(async () => (await names()).length).toBe(10);
      expect(await page.getByLabel(w.text).inputValue()).toBe('Anna Lijst 1');
      await page.goBack();
      await expect.poll(async () => (await names()).length).toBe(25);
      expect(await page.getByLabel(w.text).inputValue()).toBe('');
      expect(await seriousViolations(page)).toEqual([]);
    }, 120_000);

    it(`keeps the open tab of the requests in the address (${language})`, async () => {
      const w = WORDS[language];
      const page = await b.newPage(language);
      await b.signInAs(page, await b.addUser('dpo'));
      await page.goto(`${b.baseUrl}/app/requests`);
      await page.getByRole('tab', { name: w.packages }).click();
      await page.waitForURL(/tab=packages/);
      await expect.poll(() => page.getByRole('table', { name: w.packages }).count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `packages-${language}`);
      await page.reload();
      await expect.poll(() => page.getByRole('tab', { name: w.packages, selected: true }).count()).toBe(1);
      await page.goBack();
      await expect.poll(() => page.getByRole('tab', { name: w.requests, selected: true }).count()).toBe(1);
    }, 120_000);
  }
});

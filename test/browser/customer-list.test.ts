import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSubject } from '../factories.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';

const WORDS = {
  nl: { next: 'Volgende', previous: 'Vorige', text: 'Zoekterm', search: 'Zoeken' },
  en: { next: 'Next', previous: 'Previous', text: 'Search term', search: 'Search' },
};

/**
 * Issue 19, part 4: the customer list shows everyone without a search, 25 at a time by name, paged on the server;
 * the page and the search are in the address, so reload and back keep them.
 */
describe.runIf(HAS_CHROMIUM)('the customer list (Chromium, sqlite)', () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
    for (let i = 1; i <= 27; i += 1) await newSubject(b, { lastName: `Lijst ${String(i).padStart(2, '0')}` });
  }, 120_000);
  afterAll(async () => b.close());

  for (const language of ['nl', 'en'] as const) {
    it(`lists everyone a page at a time and keeps the page and search in the address (${language})`, async () => {
      const w = WORDS[language];
      const page = await b.newPage(language);
      await b.signInAs(page, await b.addUser('staff'));
      await page.goto(`${b.baseUrl}/app/customers`);
      const names = () => page.locator('tbody tr td:first-child').allInnerTexts();
      await expect.poll(async () => (await names()).length).toBe(25);
      expect((await names())[0]).toBe('Anna Lijst 01');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `customers-${language}`);

      await page.getByRole('button', { name: w.next }).click();
      await page.waitForURL(/\?page=2$/);
      await expect.poll(names).toEqual(['Anna Lijst 26', 'Anna Lijst 27']);
      expect(await page.getByRole('button', { name: w.next }).isDisabled()).toBe(true);
      await page.reload();
      await expect.poll(names).toEqual(['Anna Lijst 26', 'Anna Lijst 27']);
      await page.goBack();
      await expect.poll(async () => (await names()).length).toBe(25);

      await page.getByLabel(w.text).fill('Anna Lijst 1');
      await page.getByRole('button', { name: w.search, exact: true }).click();
      await page.waitForURL(/text=Anna\+Lijst\+1/);
      await expect.poll(async () => (await names()).length).toBe(10);
      await page.reload();
      await expect.poll(async () => (await names()).length).toBe(10);
      expect(await page.getByLabel(w.text).inputValue()).toBe('Anna Lijst 1');
    }, 90_000);
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';

const WORDS = {
  nl: {
    statement: 'Privacyverklaring',
    kinds: 'Soorten gegevens',
    name: 'naam',
    email: 'e-mailadres',
    fields: {
      Ontdekt: '01-12-2026 09:30',
      'Wat er gebeurde': 'Een factuurmail ging naar de verkeerde klant.',
      'Categorieën betrokkenen (komma-gescheiden)': 'klanten',
      'Waarschijnlijke gevolgen': 'Naam en adres bij een ander bekend',
      'Genomen of voorgestelde maatregelen': 'Ontvanger gevraagd de mail te wissen',
    },
    save: 'Registreren',
  },
  en: {
    statement: 'Privacy statement',
    kinds: 'Kinds of data',
    name: 'name',
    email: 'e-mail address',
    fields: {
      'Became aware': '01-12-2026 09:30',
      'What happened': 'An invoice mail went to the wrong customer.',
      'Categories of persons (comma-separated)': 'customers',
      'Likely consequences': 'Name and address known to another',
      'Measures taken or proposed': 'Asked the recipient to delete the mail',
    },
    save: 'Record',
  },
};

/**
 * Issue 19, part 3 (words instead of ids): the policy page shows the statement as the public reads it, rendered,
 * not its Markdown; the data categories of a breach are chosen by their labels in the page's language, and the
 * breach shows them so.
 */
describe.runIf(HAS_CHROMIUM)('words instead of ids (Chromium, sqlite)', () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
  }, 60_000);
  afterAll(async () => b.close());

  for (const language of ['nl', 'en'] as const) {
    it(`renders the statement and names data categories by their labels (${language})`, async () => {
      const w = WORDS[language];
      const page = await b.newPage(language);
      await b.signInAs(page, await b.addUser('dpo'));

      await page.goto(`${b.baseUrl}/app/policy`);
      const statement = page.getByRole('region', { name: w.statement, exact: true }).last();
      await expect
        .poll(() => statement.getByRole('heading', { level: 4, name: 'Privacyverklaring', exact: true }).count())
        .toBe(1);
      // Rendered: headings and paragraphs, no Markdown marks, and the page keeps its one h1.
      expect(await statement.locator('h4, h5').count()).toBeGreaterThan(3);
      expect(await statement.innerText()).not.toMatch(/^#{1,3} |\*\*/m);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto(`${b.baseUrl}/app/breaches`);
      for (const [label, value] of Object.entries(w.fields)) await page.getByLabel(label).fill(value);
      await page.getByRole('combobox', { name: w.kinds }).click();
      await page.getByRole('option', { name: w.name, exact: true }).click();
      await page.getByRole('option', { name: w.email, exact: true }).click();
      await page.keyboard.press('Escape');
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: w.save, exact: true }).click();
      await page.waitForURL(/\/app\/breaches\/[0-9a-f-]+$/);
      const id = page.url().split('/').pop() ?? '';
      const row = await b.database.db
        .selectFrom('breaches')
        .select('data_categories')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(row.data_categories)).toEqual(['user.name', 'user.contact.email']);
      await expect.poll(() => page.getByText(`${w.name}, ${w.email}`).count()).toBe(1);
      expect(await page.locator('body').innerText()).not.toContain('user.');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `breach-words-${language}`);
    }, 90_000);
  }
});

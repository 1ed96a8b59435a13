import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp, wordsOnly } from '../browser.ts';
import { newSubject } from '../factories.ts';
import { daysAgo } from '../support/requests.ts';

// An id as the database keeps it, or the start of one: the request page names the customer instead (issue 19).
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/;

/** The request page names the customer the request is about, or says in words that there is none yet (issue 19). */
describe.runIf(HAS_CHROMIUM)('the customer of a request, by name (Chromium, sqlite)', () => {
  let b: BrowserApp;
  let staffEmail: string;
  let matchedId: string;
  let unmatchedId: string;
  let subjectId: string;

  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
    staffEmail = await b.addUser('staff');
    const cookie = await b.signIn('staff');
    const post = async (url: string, payload: object) => {
      const response = await b.app.inject({ method: 'POST', url, headers: { cookie }, payload });
      expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
      return response.json<{ id: string }>();
    };
    const register = (email: string) =>
      post('/api/requests', { kind: 'access', channel: 'email', receivedOn: daysAgo(2), name: 'W. Verzoekster', email });
    const subject = await newSubject(b, { firstName: 'Wilma', lastName: 'Verzoekster', email: 'wilma@example.nl' });
    subjectId = subject.id;
    matchedId = (await register('wilma@example.nl')).id;
    await post(`/api/requests/${matchedId}/verify`, { method: 'known_contact', note: 'Vaste klant', subjectId });
    unmatchedId = (await register('onbekend@example.nl')).id;
  }, 60_000);
  afterAll(async () => b.close());

  for (const [language, customer, notYet] of [
    ['nl', 'Klant', 'Nog niet gekoppeld aan een klant'],
    ['en', 'Customer', 'Not linked to a customer yet'],
  ] as const) {
    it(`shows the customer's name as a link to their page, and no id (${language})`, async () => {
      const page = await b.newPage(language);
      await b.signInAs(page, staffEmail);
      await page.goto(`${b.baseUrl}/app/requests/${matchedId}`);
      const link = page.getByRole('link', { name: 'Wilma Verzoekster' });
      await link.waitFor();
      expect(await page.getByText(customer, { exact: true }).count()).toBeGreaterThan(0);
      expect(await page.locator('body').innerText()).not.toMatch(UUID);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await wordsOnly(page)).toEqual([]);
      await screenshot(page, `request-customer-${language}`);
      await link.click();
      await page.waitForURL(new RegExp(`/app/customers/${subjectId}$`));
    });

    it(`lists the requests with their customer by name, and no id (${language})`, async () => {
      const page = await b.newPage(language);
      await b.signInAs(page, staffEmail);
      await page.goto(`${b.baseUrl}/app/requests`);
      await page.getByRole('link', { name: 'Wilma Verzoekster' }).waitFor();
      await page.getByText(language === 'nl' ? 'Niet gekoppeld' : 'Not linked', { exact: true }).waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(UUID);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await wordsOnly(page)).toEqual([]);
    });

    it(`says in words that a request is not matched to a customer yet (${language})`, async () => {
      const page = await b.newPage(language);
      await b.signInAs(page, staffEmail);
      await page.goto(`${b.baseUrl}/app/requests/${unmatchedId}`);
      await page.getByText(notYet).waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(UUID);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await wordsOnly(page)).toEqual([]);
    });
  }
});

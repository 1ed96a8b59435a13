import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/guard/actor.ts';
import type { Disclosure } from '../../src/disclosures/disclosure.schema.ts';
import { newSubject } from '../factories.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp, wordsOnly } from '../browser.ts';

const WORDS = {
  nl: {
    awaiting: 'Wachten op kennisgeving',
    release: 'Vrijgeven',
    notSent: 'Bericht aan de klant nog niet verstuurd',
    sent: 'Bericht verstuurd op',
    now: 'Mag nu worden vrijgegeven',
    state: 'Stand',
    recipient: 'Leveranciers van diensten via derden',
    categories: 'adres, e-mailadres',
    purpose: 'Uitvoering van overeenkomst voor diensten en producten',
  },
  en: {
    awaiting: 'Awaiting notice',
    release: 'Release',
    notSent: 'Notice to the customer not sent yet',
    sent: 'Notice sent on',
    now: 'May be released now',
    state: 'State',
    recipient: 'Suppliers of services delivered through third parties',
    categories: 'address, e-mail address',
    purpose: 'Performance of agreements for services and products',
  },
};

/**
 * Issue 19, part 4: the dpo sees the disclosures of every customer that wait for their advance notice (P9) in one
 * list on the disclosures page, each customer by name with a link to the customer page, the notice in words, and
 * releases one once its notice went out; no id on the page, nothing axe finds serious.
 */
describe.runIf(HAS_CHROMIUM)('the disclosures awaiting their notice (Chromium, sqlite)', () => {
  let b: BrowserApp;
  const waiting: Record<string, Disclosure> = {};

  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
    const actor = cliActor();
    await b.services.recipients.recordAgreement(actor, 'leveranciers', { signedOn: '2026-01-01', documentReference: 'VWO-LEV' });
    const disclose = async (firstName: string, lastName: string) => {
      const subject = await newSubject(b, { firstName, lastName });
      return b.services.disclosures.disclosures.disclose(actor, subject.id, {
        recipientId: 'leveranciers',
        categories: ['user.contact.address', 'user.contact.email'],
      });
    };
    const sent = (d: Disclosure) =>
      b.database.db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: new Date(Date.now() - 60_000).toISOString() })
        .where('id', '=', d.notice.outboxId ?? '')
        .execute();
    // Anna's and Bram's notices went out (one to release in each language); Carla's did not yet.
    for (const [first, last] of [
      ['Anna', 'Aalders'],
      ['Bram', 'Brouwer'],
      ['Carla', 'Claes'],
    ] as const) {
      waiting[first] = await disclose(first, last);
    }
    await sent(waiting.Anna!);
    await sent(waiting.Bram!);
    // Neither a released nor a cancelled disclosure waits any more.
    const released = await disclose('Dirk', 'Dekker');
    await sent(released);
    await b.services.disclosures.releases.release(actor, released.id);
    const cancelled = await disclose('Eva', 'Evers');
    await b.services.disclosures.releases.cancel(actor, cancelled.id, { reason: 'Klant belde' });
  }, 120_000);
  afterAll(async () => b.close());

  const expectClean = async (page: Page) => expect([...(await seriousViolations(page)), ...(await wordsOnly(page))]).toEqual([]);
  const statusOf = async (d: Disclosure) =>
    (await b.database.db.selectFrom('disclosures').select('status').where('id', '=', d.id).executeTakeFirstOrThrow()).status;

  for (const [language, releasing] of [
    ['nl', 'Anna Aalders'],
    ['en', 'Bram Brouwer'],
  ] as const) {
    const w = WORDS[language];

    it(`lists them by customer, says where each notice stands, and releases one after its notice (${language})`, async () => {
      const page = await b.newPage(language);
      page.setDefaultTimeout(15_000);
      await b.signInAs(page, await b.addUser('dpo'));
      await page.goto(`${b.baseUrl}/app/disclosures`);
      const area = page.getByRole('region', { name: w.awaiting });
      const rows = area.getByRole('table', { name: w.awaiting }).locator('tbody tr');
      const rowOf = (name: string) => rows.filter({ hasText: name });
      /** The customers' names the list links, alphabetically (two made within a millisecond may come either way). */
      const names = async () => (await area.getByRole('link').allInnerTexts()).sort();
      const expected = language === 'nl' ? ['Anna Aalders', 'Bram Brouwer', 'Carla Claes'] : ['Bram Brouwer', 'Carla Claes'];
      // The rows once loaded (while a page loads the table shows three rows of skeletons): each customer a link.
      await expect.poll(() => names()).toEqual(expected);
      expect(await rows.count()).toBe(expected.length);
      const text = await area.innerText();
      for (const gone of ['Dirk Dekker', 'Eva Evers']) expect(text).not.toContain(gone);
      const carla = await rowOf('Carla Claes').innerText();
      for (const words of [w.recipient, w.categories, w.purpose, w.notSent]) expect(carla).toContain(words);
      expect(await rowOf('Carla Claes').getByRole('button', { name: w.release }).count()).toBe(0);
      const ready = await rowOf(releasing).innerText();
      expect(ready).toContain(w.sent);
      expect(ready).toContain(w.now);
      await expectClean(page);
      await screenshot(page, `awaiting-notice-${language}`);

      // The filter is in the address: only those that may go now.
      await area.getByRole('combobox', { name: w.state }).click();
      await page.getByRole('option', { name: w.now, exact: true }).click();
      await page.waitForURL(/w\.releasable=true/);
      await expect.poll(() => area.getByRole('link').count()).toBe(expected.length - 1);
      await page.reload();
      await expect.poll(() => names()).toEqual(expected.slice(0, -1));

      await rowOf(releasing).getByRole('button', { name: w.release }).click();
      await expect.poll(() => rowOf(releasing).count()).toBe(0);
      expect(await statusOf(waiting[releasing.split(' ')[0]!]!)).toBe('released');
      await expectClean(page);

      // The customer's name leads to the customer page.
      await page.goBack();
      await expect.poll(() => rowOf('Carla Claes').count()).toBe(1);
      await area.getByRole('link', { name: 'Carla Claes' }).click();
      await page.waitForURL(/\/app\/customers\/[0-9a-f-]+$/);
      await page.getByRole('heading', { level: 2, name: /Carla Claes/ }).waitFor();
    }, 120_000);
  }
});

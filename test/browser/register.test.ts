import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSubject } from '../factories.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';

// P9, Art. 13(1)(e), 28(3): the dpo names the companies of a recipient category and records their agreements on
// the policy page; a disclosure names the company it goes to, and the log shows it by its legal name.
describe.runIf(HAS_CHROMIUM)('the companies of the register in the back office (Chromium, sqlite)', () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
  }, 60_000);
  afterAll(async () => b.close());

  it('adds the accounting firm by name, records Microsoft’s agreement, and discloses to the firm by its company', async () => {
    const subject = await newSubject(b);
    const page = await b.newPage('nl');
    await b.signInAs(page, await b.addUser('dpo'));
    await page.goto(`${b.baseUrl}/app/policy`);
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Beleid en registers' }).count()).toBe(1);
    const register = page.getByRole('region', { name: 'Register van ontvangers' });

    await page.getByRole('combobox', { name: 'Groep ontvangers' }).click();
    await page.getByRole('option', { name: 'Administratiekantoor' }).click();
    await page.getByLabel('Statutaire naam').fill('Boekhouding Utrecht B.V.');
    await page.getByLabel('Korte code').fill('boekhouding-utrecht');
    await page.getByLabel('KvK-nummer').fill('87654321');
    await page.getByRole('button', { name: 'Bedrijf toevoegen' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Het bedrijf staat in het register.');
    await expect.poll(() => register.getByRole('table').textContent()).toContain('Boekhouding Utrecht B.V.');

    for (const [processor, reference] of [
      ['Microsoft Ireland Operations Limited (Microsoft (opslag in datacenters))', 'MS-DPA-2026'],
      ['Boekhouding Utrecht B.V. (Administratiekantoor)', 'VWO-BOEK-2026'],
    ] as const) {
      await page.getByRole('combobox', { name: 'Verwerker' }).click();
      await page.getByRole('option', { name: processor }).click();
      await page.getByLabel('Getekend op').fill('01-01-2026');
      await page.getByLabel('Getekend op').press('Tab');
      await page.getByLabel('Kenmerk van het document').fill(reference);
      await page.getByRole('button', { name: 'Overeenkomst vastleggen' }).click();
      await expect.poll(() => register.getByRole('table').textContent()).toContain(reference);
    }
    const agreements = await b.database.db
      .selectFrom('processor_agreements')
      .select(['company_id', 'document_reference'])
      .orderBy('document_reference')
      .execute();
    expect(agreements).toEqual([
      { company_id: 'microsoft-ireland', document_reference: 'MS-DPA-2026' },
      { company_id: 'boekhouding-utrecht', document_reference: 'VWO-BOEK-2026' },
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'policy-register-companies-nl');

    await page.goto(`${b.baseUrl}/app/disclosures`);
    await page.getByLabel('Klant', { exact: true }).first().fill(subject.lastName);
    await page.getByRole('button', { name: 'Zoeken' }).first().click();
    await page
      .getByRole('button', { name: new RegExp(subject.reference) })
      .first()
      .click();
    const form = page.getByRole('region', { name: 'Nieuwe verstrekking' });
    await form.getByRole('combobox', { name: 'Ontvanger', exact: true }).click();
    // The storage provider is not offered: it keeps all data already.
    await expect.poll(() => page.getByRole('option', { name: 'Administratiekantoor' }).count()).toBe(1);
    expect(await page.getByRole('option', { name: /Microsoft/ }).count()).toBe(0);
    await page.getByRole('option', { name: 'Administratiekantoor' }).click();
    await form.getByRole('combobox', { name: 'Bedrijf', exact: true }).click();
    await page.getByRole('option', { name: 'Boekhouding Utrecht B.V. (KvK-nummer 87654321)' }).click();
    await form.getByRole('combobox', { name: 'Categorieën', exact: true }).click({ force: true });
    await page.getByRole('option', { name: 'user.name' }).click();
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: 'Verstrekken' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('De verstrekking is vastgelegd.');
    await expect.poll(() => page.getByRole('table').first().textContent()).toContain('Boekhouding Utrecht B.V.');
    const row = await b.database.db
      .selectFrom('disclosures')
      .select(['recipient_id', 'company_id', 'notice'])
      .where('subject_id', '=', subject.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ recipient_id: 'administratiekantoor', company_id: 'boekhouding-utrecht', notice: 'not_required' });
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);
});

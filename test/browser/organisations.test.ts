import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/guard/actor.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';

/** The organisation pages in Chromium (issue 20): search, the page with its contact persons, the forms, in both languages. */
describe.runIf(HAS_CHROMIUM)('organisations and their contact persons (Chromium, sqlite)', () => {
  let b: BrowserApp;
  let organisationId: string;

  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
    const actor = cliActor();
    const { organisations, records } = b.services.organisations;
    const organisation = await organisations.create(actor, {
      name: 'Bouwbedrijf Dekker B.V.',
      kind: 'legal_entity',
      kvkNumber: '30123456',
      vatNumber: 'NL812345678B01',
      addresses: [{ kind: 'postal', street: 'Kanaalweg 14', postalCode: '3526 KL', city: 'Utrecht', country: 'NL' }],
    });
    organisationId = organisation.id;
    const contact = await organisations.addContact(actor, organisation.id, {
      person: { firstName: 'Petra', lastName: 'Dekker', email: 'petra@dekker.example' },
      role: 'hoofd administratie',
    });
    const draft = await records.createInvoice(actor, organisation.id, {
      contactId: contact.subjectId,
      lines: [{ description: 'Beheer werkplekken', quantity: 8, unitPriceCents: 4500, vatRate: 21 }],
    });
    await b.services.invoices.issue(actor, draft.id, {});
  }, 60_000);
  afterAll(async () => b.close());

  const signedIn = async (language: 'nl' | 'en') => {
    const page = await b.newPage(language);
    page.setDefaultTimeout(10_000);
    await b.signInAs(page, await b.addUser('staff'));
    return page;
  };
  const expectAccessible = async (page: Page) => expect(await seriousViolations(page)).toEqual([]);

  it('finds an organisation by a contact person and shows its page with the contacts and the invoice, in Dutch', async () => {
    const page = await signedIn('nl');
    await page.goto(`${b.baseUrl}/app/organisations`);
    await page.getByLabel('Naam, KvK-nummer, btw-nummer, organisatienummer of contactpersoon').fill('Petra');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('link', { name: 'Bouwbedrijf Dekker B.V.' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Bouwbedrijf Dekker B.V.' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: 'Petra Dekker' }).count()).toBe(1);
    await expect.poll(() => page.getByText('hoofd administratie').count()).toBe(1);
    await expect.poll(() => page.getByText('Rechtspersoon (bv, nv, stichting, vereniging)').count()).toBe(1);
    await expect.poll(() => page.getByText('NL812345678B01').count()).toBe(1);
    await expect.poll(() => page.getByRole('tab', { name: 'Facturen (1)' }).count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'organisation-nl');
  });

  it('adds a new contact person from the employer and says what is wrong at the field, in English', async () => {
    const page = await signedIn('en');
    await page.goto(`${b.baseUrl}/app/organisations/${organisationId}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Contact persons' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Add contact person' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('First name').fill('Kees');
    await dialog.getByLabel('Last name').fill('Bouwer');
    await dialog.getByLabel('E-mail address').fill('kees@dekker.example');
    await dialog.getByLabel('Phone').fill('call me');
    await dialog.getByLabel('Role').fill('site manager');
    await dialog.getByRole('button', { name: 'Save' }).click();
    // The API's refusal at the field, in the page's language, with no field path or code on screen.
    await expect.poll(() => dialog.getByText('This is not in the right form.').count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'organisation-contact-error-en');
    await dialog.getByLabel('Phone').fill('+31 30 123 4567');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Kees Bouwer' }).count()).toBe(1);
    const row = await b.database.db
      .selectFrom('subjects')
      .select(['source', 'source_organisation'])
      .where('email', '=', 'kees@dekker.example')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source: 'employer', source_organisation: 'Bouwbedrijf Dekker B.V.' });
  });

  it('registers a new organisation with its KvK number checked at the field, in both languages', async () => {
    const page = await signedIn('nl');
    await page.goto(`${b.baseUrl}/app/organisations`);
    await page.getByRole('button', { name: 'Nieuwe organisatie' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Naam', exact: true }).fill('Klussenbedrijf Van Dam');
    await dialog.getByLabel('KvK-nummer').fill('1234');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => dialog.locator('[aria-invalid="true"]').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await screenshot(page, 'organisation-new-error-nl');
    await dialog.getByLabel('KvK-nummer').fill('30567890');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Klussenbedrijf Van Dam' }).count()).toBe(1);
    await page.getByText('EN', { exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Contact persons' }).count()).toBe(1);
    await expect.poll(() => page.getByText('No contact persons yet.').count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'organisation-en');
  });
});

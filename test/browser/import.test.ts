import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';
import { cliActor } from '../../src/guard/actor.ts';
import { businessToday } from '../../src/shared/business-day.ts';

// The import page in Chromium (issue 20, part 3): a dry run with the problems per row and column, the import with
// bad rows skipped by choice, and the dpo's export buttons, in Dutch and English.

// As Dutch Excel saves it: semicolons and Windows-1252 (é as one byte).
const FILE = Buffer.from(
  [
    'Relatienummer;Naam;Rechtsvorm;KvK;Plaats;Straat;Postcode',
    'BR-1;Café De Hoek;eenmanszaak;30111222;Utrecht;Oudegracht 1;3511 AA',
    'BR-2;Foutje BV;bv;123;Utrecht;Oudegracht 2;3511 AA',
  ].join('\r\n'),
  'latin1',
);

describe.runIf(HAS_CHROMIUM)('the import page (Chromium, sqlite)', () => {
  let b: BrowserApp;

  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
  }, 60_000);
  afterAll(async () => b.close());

  const signedIn = async (language: 'nl' | 'en', role = 'staff') => {
    const page = await b.newPage(language);
    page.setDefaultTimeout(10_000);
    await b.signInAs(page, await b.addUser(role));
    return page;
  };
  const expectAccessible = async (page: Page) => expect(await seriousViolations(page)).toEqual([]);
  const organisations = () =>
    b.database.db
      .selectFrom('organisations')
      .select(['name', 'import_source'])
      .where('external_reference', 'in', ['BR-1', 'BR-2'])
      .execute();

  it('checks a Dutch Excel file, names the problem by row and column, and imports the good row when asked, in Dutch', async () => {
    const page = await signedIn('nl');
    await page.goto(`${b.baseUrl}/app/import`);
    await page.getByRole('radio', { name: 'Organisaties', exact: true }).check({ force: true });
    await page.locator('input[type="file"]').setInputFiles({ name: 'relaties.csv', mimeType: 'text/csv', buffer: FILE });
    await page.getByRole('button', { name: 'Controleren (proefimport)' }).click();
    const table = page.getByRole('table', { name: 'Controle per regel' });
    await expect.poll(() => table.getByText('KvK-nummer klopt niet: “123”').count()).toBe(1);
    await expect.poll(() => table.getByText('Café De Hoek').count()).toBe(1);
    await expect.poll(() => page.getByText(/2 regels gelezen \(Windows-1252, gescheiden door puntkomma’s\)/).count()).toBe(1);
    expect(await organisations()).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, 'import-check-nl');

    // Without skipping, the import is refused and nothing is saved.
    await page.getByRole('button', { name: 'Inlezen' }).click();
    await expect
      .poll(() => page.getByText('Er is niets ingelezen: sommige regels bevatten fouten.', { exact: false }).count())
      .toBe(1);
    expect(await organisations()).toEqual([]);

    await page.getByLabel('Regels met fouten overslaan en de rest inlezen').check();
    await page.getByRole('button', { name: 'Controleren (proefimport)' }).click();
    await expect.poll(() => table.getByText('Café De Hoek').count()).toBe(1);
    await page.getByRole('button', { name: 'Inlezen' }).click();
    await expect
      .poll(() => page.getByText(/1 nieuw opgeslagen, 0 al eerder ingelezen, 1 regels met fouten overgeslagen/).count())
      .toBe(1);
    const today = businessToday(new Date());
    expect(await organisations()).toEqual([{ name: 'Café De Hoek', import_source: `import: relaties.csv, ${today}` }]);
    await expectAccessible(page);
    await screenshot(page, 'import-done-nl');
    // Staff see no export: it is the dpo's.
    expect(await page.getByRole('link', { name: 'Uitvoeren als JSON' }).count()).toBe(0);
  });

  // Invoices sent before Kluis, one row per line, of a customer imported before: in Dutch, then the same file again in English.
  const INVOICES = Buffer.from(
    [
      'Factuurnummer;Factuurdatum;Klant;Omschrijving;Aantal;Prijs;Btw;Betaald op',
      'OUD-0101;15-03-2023;BR-K-1;Onderhoud servers;10;95,00;21;2-4-2023',
      'OUD-0101;15-03-2023;BR-K-1;Licentie;1;1.250,50;21;2-4-2023',
      'OUD-0102;20-03-2023;BR-ONBEKEND;Advies;1;100;21;',
    ].join('\r\n'),
    'utf8',
  );
  const importedInvoices = () =>
    b.database.db
      .selectFrom('invoices')
      .select(['number', 'status', 'issue_date', 'total_incl_cents'])
      .where('number', 'like', 'OUD-%')
      .execute();

  it('checks invoices sent before, shows their lines with date and amount, and imports the good invoice, in Dutch and English', async () => {
    await b.services.imports.run(
      cliActor(),
      { filename: 'klanten.csv', content: Buffer.from('reference,name,kind\nBR-K-1,Drukkerij Gutenberg BV,bv') },
      { kind: 'organisations' },
    );
    const page = await signedIn('nl');
    await page.goto(`${b.baseUrl}/app/import`);
    await page.getByRole('radio', { name: 'Eerder verstuurde facturen', exact: true }).check({ force: true });
    await expect.poll(() => page.getByText(/regels met hetzelfde factuurnummer vormen één factuur/).count()).toBe(1);
    await page.locator('input[type="file"]').setInputFiles({ name: 'facturen.csv', mimeType: 'text/csv', buffer: INVOICES });
    await page.getByRole('button', { name: 'Controleren (proefimport)' }).click();
    const table = page.getByRole('table', { name: 'Controle per regel' });
    await expect.poll(() => table.getByText('Licentie').count()).toBe(1);
    await expect.poll(() => table.getByText('15 maart 2023').count()).toBe(2);
    await expect.poll(() => table.getByText('betaald op 2 april 2023').count()).toBe(2);
    await expect.poll(() => table.getByText('€ 1.250,50').count()).toBe(1);
    await expect
      .poll(() => table.getByText('geen klant met referentie “BR-ONBEKEND”: lees eerst de organisaties of personen in').count())
      .toBe(1);
    expect(await importedInvoices()).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, 'import-invoices-check-nl');

    await page.getByLabel('Regels met fouten overslaan en de rest inlezen').check();
    await page.getByRole('button', { name: 'Controleren (proefimport)' }).click();
    await expect.poll(() => table.getByText('Licentie').count()).toBe(1);
    await page.getByRole('button', { name: 'Inlezen' }).click();
    await expect
      .poll(() =>
        page.getByText(/1 facturen opgeslagen, 0 factuurregels al eerder ingelezen, 1 regels met fouten overgeslagen/).count(),
      )
      .toBe(1);
    const stored = await importedInvoices();
    expect(stored.map((i) => ({ ...i, total_incl_cents: Number(i.total_incl_cents) }))).toEqual([
      { number: 'OUD-0101', status: 'issued', issue_date: '2023-03-15', total_incl_cents: 266261 },
    ]);
    // Paid before Kluis: one payment of the whole amount on the day the file says.
    const payments = await b.database.db
      .selectFrom('invoice_payments')
      .innerJoin('invoices', 'invoices.id', 'invoice_payments.invoice_id')
      .select(['invoices.number', 'invoice_payments.paid_on', 'invoice_payments.amount_cents'])
      .where('invoices.number', 'like', 'OUD-%')
      .execute();
    expect(payments.map((p) => ({ ...p, amount_cents: Number(p.amount_cents) }))).toEqual([
      { number: 'OUD-0101', paid_on: '2023-04-02', amount_cents: 266261 },
    ]);
    await expectAccessible(page);

    const english = await signedIn('en');
    await english.goto(`${b.baseUrl}/app/import`);
    await english.getByRole('radio', { name: 'Invoices sent before', exact: true }).check({ force: true });
    await english.locator('input[type="file"]').setInputFiles({ name: 'facturen.csv', mimeType: 'text/csv', buffer: INVOICES });
    await english.getByRole('button', { name: 'Check (dry run)' }).click();
    const check = english.getByRole('table', { name: 'Check per row' });
    await expect.poll(() => check.getByText('Imported before').count()).toBe(2);
    await expect.poll(() => check.getByText('15 March 2023').count()).toBe(2);
    await expect.poll(() => check.getByText('paid on 2 April 2023').count()).toBe(2);
    await expect.poll(() => check.getByText('€950.00').count()).toBe(1);
    await expect.poll(() => check.getByRole('columnheader', { name: 'Invoice number' }).count()).toBe(1);
    await expect
      .poll(() =>
        check.getByText('no customer has the reference “BR-ONBEKEND”: import the organisations or persons first').count(),
      )
      .toBe(1);
    await expectAccessible(english);
    await screenshot(english, 'import-invoices-check-en');
    expect(await importedInvoices()).toHaveLength(1);
  });

  it('shows a second import as imported before and offers the dpo the export, in English', async () => {
    const page = await signedIn('en', 'dpo');
    await page.goto(`${b.baseUrl}/app/import`);
    await page.locator('input[type="file"]').setInputFiles({ name: 'relaties.csv', mimeType: 'text/csv', buffer: FILE });
    await page.getByRole('button', { name: 'Check (dry run)' }).click();
    const table = page.getByRole('table', { name: 'Check per row' });
    await expect.poll(() => table.getByText('Imported before').count()).toBe(1);
    await expect.poll(() => table.getByText('KvK number is not valid: “123”').count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'import-check-en');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export as JSON' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^kluis-export-\d{4}-\d{2}-\d{2}\.json$/);
    const entry = await b.database.db
      .selectFrom('processing_log')
      .select(['operation', 'outcome', 'actor_role'])
      .where('operation', '=', 'export')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ operation: 'export', outcome: 'allowed', actor_role: 'dpo' });
  });
});

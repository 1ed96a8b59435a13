import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorSettings } from '../../src/doctor/doctor-settings.ts';
import { cliActor } from '../../src/guard/actor.ts';
import { recordErasures } from '../../src/retention/erasure-ledger.ts';
import { execute, newRequest } from '../support/executions.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';
import { newAgreement, newCase, newInvoice, newSubject, oldConsent } from '../factories.ts';
import { businessToday } from '../../src/shared/business-day.ts';

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const monthsAgo = (months: number, day = 3) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, day, 10)).toISOString();
};

/** The back office's dashboard, customers and records in Chromium, for each role, in both languages. */
describe.runIf(HAS_CHROMIUM)('dashboard, customers and their records (Chromium, sqlite)', () => {
  let b: BrowserApp;
  let subjectId: string;
  let invoiceId: string;
  let caseId: string;

  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
    const actor = cliActor();
    const subject = await newSubject(b, {
      firstName: 'Bram',
      lastName: 'Jansen',
      email: 'bram@jansen.example',
      phone: '+31 30 765 4321',
      reference: 'K-BRAM-01',
    });
    subjectId = subject.id;
    await newAgreement(b, subject.id, { title: 'Beheer werkplekken 2026', endDate: '2026-12-31' });
    const invoice = await newInvoice(b, subject.id, {
      lines: [
        { description: 'Werkplekbeheer maart', quantity: 3, unitPriceCents: 4550, vatRate: 21 },
        { description: 'Licentie', quantity: 1, unitPriceCents: 1200, vatRate: 21 },
      ],
    });
    await b.services.invoices.issue(actor, invoice.id, { completedOn: businessToday(new Date()) });
    invoiceId = invoice.id;
    const opened = await newCase(b, subject.id, { kind: 'complaint', title: 'Storing printer' });
    await b.services.cases.addMessage(actor, opened.id, {
      channel: 'email',
      direction: 'inbound',
      occurredAt: daysFromNow(-2),
      from: 'bram@jansen.example',
      title: 'Printer doet het niet',
      body: 'Sinds maandag print de printer niets meer.\nKunnen jullie kijken?',
    });
    await b.services.cases.addMessage(actor, opened.id, {
      channel: 'email',
      direction: 'outbound',
      occurredAt: daysFromNow(-1),
      to: 'bram@jansen.example',
      title: 'Re: Printer doet het niet',
      body: 'We komen woensdag langs.',
    });
    caseId = opened.id;
    // A consent recorded before Kluis refused consents for purposes on another basis: Sen ICT's has none on consent.
    await oldConsent(b, subject.id, 'correspondence');
    // The dashboard: an overdue request, answered ones for the plot, a breach, an expiring processor agreement, deletions, a self-check.
    await newRequest(b, 'access', subject.id, {
      received_at: monthsAgo(2),
      due_on: monthsAgo(1).slice(0, 10),
      status: 'verified',
      reference: 'V-2026-LATE01',
    });
    await newRequest(b, 'erasure', subject.id, {
      received_at: monthsAgo(3),
      due_on: monthsAgo(2).slice(0, 10),
      answered_at: monthsAgo(3, 15),
      status: 'answered',
    });
    await newRequest(b, 'access', subject.id, {
      received_at: monthsAgo(1),
      due_on: monthsAgo(0).slice(0, 10),
      answered_at: monthsAgo(1, 9),
      status: 'answered',
    });
    await b.services.breaches.record(actor, {
      becameAwareAt: daysFromNow(-1),
      description: 'Laptop met klantgegevens gestolen uit auto',
      subjectCategories: ['klanten'],
      dataCategories: ['user.name'],
      approxSubjects: 40,
      approxRecords: 40,
      consequences: 'Mogelijk inzage door derden',
      measures: 'Schijf versleuteld, wachtwoorden gewijzigd',
      risk: 'risk',
    });
    await b.services.recipients.recordAgreement(actor, 'administratiekantoor', {
      signedOn: '2025-01-01',
      expiresOn: daysFromNow(20).slice(0, 10),
      documentReference: 'VWO-2025-01',
    });
    await recordErasures(
      b.database.db,
      [
        { kind: 'erasure', recordType: 'agreement', recordId: 'a-old', subjectId: 'gone' },
        { kind: 'erasure', recordType: 'subject', recordId: 'gone', subjectId: 'gone' },
      ],
      monthsAgo(2),
    );
    await recordErasures(
      b.database.db,
      [{ kind: 'retention', recordType: 'case', recordId: 'c-old', subjectId: 'gone-2' }],
      monthsAgo(1),
    );
    await b.services.selfChecks.run(
      actor,
      doctorSettings({
        dataDir: b.database.dataDir,
        databaseUrl: b.database.databaseUrl,
        backupDir: path.join(b.database.dataDir, 'backups'),
        backupRecipient: undefined,
      }),
      { source: 'cli' },
    );
  }, 60_000);
  afterAll(async () => b.close());

  /** A page in the language, signed in as a new user of the role; waits fail after 10 s, not at the test's timeout. */
  const signedIn = async (role: string, language: 'nl' | 'en' = 'nl') => {
    const page = await b.newPage(language);
    page.setDefaultTimeout(10_000);
    await b.signInAs(page, await b.addUser(role));
    return page;
  };

  /** Switches the back office's language with the header's control, as a person does. */
  const switchTo = async (page: Page, label: 'NL' | 'EN') => {
    await page.getByText(label, { exact: true }).click();
  };
  const expectAccessible = async (page: Page) => expect(await seriousViolations(page)).toEqual([]);

  it('shows the dpo requests by deadline with the overdue one in red, the breach clock, retention, the self-check, agreements and plots', async () => {
    const page = await signedIn('dpo');
    await expect.poll(() => page.getByRole('heading', { name: 'Overzicht' }).count()).toBe(1);
    await expect.poll(() => page.getByText('Te laat: termijn liep af op', { exact: false }).count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: 'V-2026-LATE01' }).count()).toBe(1);
    await expect.poll(() => page.getByText('Laptop met klantgegevens gestolen uit auto').count()).toBe(1);
    await expect.poll(() => page.getByText('Loopt binnenkort af', { exact: true }).count()).toBe(1);
    // Answered requests have no deadline left to watch: only the open one is listed.
    expect(
      await page.getByRole('region', { name: 'Verzoeken op termijn' }).getByRole('link').filter({ hasText: /^V-/ }).count(),
    ).toBe(1);
    // The first-run checklist in plain words, each step linking to where it is done; no variable names or paths.
    await expect.poll(() => page.getByRole('heading', { name: 'Aan de slag' }).count()).toBe(1);
    const checklist = page.getByRole('region', { name: 'Aan de slag' });
    expect(await checklist.getByRole('link', { name: 'Verwerkersovereenkomsten vastleggen' }).getAttribute('href')).toBe(
      '/app/policy',
    );
    expect(await checklist.getByRole('link', { name: 'De privacyverklaring publiceren' }).getAttribute('href')).toBe(
      '/app/policy',
    );
    expect(await checklist.getByRole('link', { name: 'De eerste klant toevoegen' }).getAttribute('href')).toBe('/app/customers');
    await expect.poll(() => checklist.getByText('Versleutelde back-ups aanzetten').count()).toBe(1);
    expect(await checklist.getByText('Klaar', { exact: true }).count()).toBe(1);
    expect(await checklist.getByText('Te doen', { exact: true }).count()).toBe(3);
    expect(await checklist.textContent()).not.toMatch(/KLUIS_|\/api\/|kluis backup/);
    // The breach clock's badge shows its whole text: the hours are what matters.
    const clock = page.getByText(/^nog \d+ uur$/);
    await expect.poll(() => clock.count()).toBe(1);
    expect(await clock.evaluate((e: { scrollWidth: number; clientWidth: number }) => e.scrollWidth <= e.clientWidth)).toBe(true);
    for (const step of await checklist.getByText(/^(Klaar|Te doen)$/).all())
      expect(await step.evaluate((e: { scrollWidth: number; clientWidth: number }) => e.scrollWidth <= e.clientWidth)).toBe(true);
    await expect.poll(() => page.getByText(/Melden bij de AP vóór \d{1,2} [a-z]+ \d{4} om \d\d:\d\d/).count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: 'Verwijderde gegevens per maand' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: 'Laatste zelfcontrole' }).count()).toBe(1);
    // The self-check's findings in the interface's language and in plain words; the setting's name only in the
    // administrator's note, folded away.
    const selfCheck = page.getByRole('region', { name: 'Laatste zelfcontrole' });
    await expect
      .poll(() =>
        selfCheck.getByText('Er wordt geen recente versleutelde reservekopie (back-up) van de gegevens gemaakt.').count(),
      )
      .toBe(1);
    expect(await selfCheck.innerText()).not.toMatch(/KLUIS_|SMTP_URL|\/api\/|kluis \w+/);
    await selfCheck.getByText('Technische toelichting voor de beheerder').first().click();
    await expect.poll(() => selfCheck.getByText('KLUIS_BACKUP_RECIPIENT', { exact: false }).first().isVisible()).toBe(true);
    await page.locator('.recharts-surface').first().waitFor();
    await expectAccessible(page);
    await screenshot(page, 'dashboard-dpo-nl');
    await switchTo(page, 'EN');
    await expect.poll(() => page.getByRole('heading', { name: 'Requests by deadline' }).count()).toBe(1);
    await expect.poll(() => page.getByText('No recent encrypted backup of the data is being made.').count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: 'Record the processor agreements' }).count()).toBe(1);
    await expect.poll(() => page.getByText('Turn on encrypted backups').count()).toBe(1);
    await expect.poll(() => page.getByText(/^\d+ hours left$/).count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'dashboard-dpo-en');
  });

  it('shows staff no breaches, self-check or deletions; the accountant only the way to invoices', async () => {
    const staff = await signedIn('staff');
    await expect.poll(() => staff.getByRole('heading', { name: 'Verzoeken op termijn' }).count()).toBe(1);
    await expect.poll(() => staff.getByRole('heading', { name: 'Verzoeken per maand' }).count()).toBe(1);
    expect(await staff.getByRole('heading', { name: /Datalekken|zelfcontrole|Verwijderde|Aan de slag/ }).count()).toBe(0);
    // Staff's own work: open cases and draft and overdue invoices, with names and dates written out.
    await expect.poll(() => staff.getByRole('link', { name: 'Storing printer' }).count()).toBe(1);
    await expect.poll(() => staff.getByText(/Bram Jansen · open sinds \d{1,2} [a-z]+ \d{4}/).count()).toBe(1);
    await expect.poll(() => staff.getByRole('heading', { name: 'Conceptfacturen' }).count()).toBe(1);
    await expect.poll(() => staff.getByRole('heading', { name: 'Facturen over de vervaldatum' }).count()).toBe(1);
    await expectAccessible(staff);
    await screenshot(staff, 'dashboard-staff-nl');
    await switchTo(staff, 'EN');
    await expect.poll(() => staff.getByRole('heading', { name: 'Requests per month' }).count()).toBe(1);
    await expect.poll(() => staff.getByRole('heading', { name: 'Open cases' }).count()).toBe(1);
    await expect.poll(() => staff.getByText(/Bram Jansen · open since \d{1,2} [A-Z][a-z]+ \d{4}/).count()).toBe(1);
    await expectAccessible(staff);
    await screenshot(staff, 'dashboard-staff-en');

    const accountant = await signedIn('accountant', 'en');
    await expect.poll(() => accountant.getByRole('heading', { name: 'Fiscal records' }).count()).toBe(1);
    expect(await accountant.getByRole('heading', { name: /Requests|Breaches/ }).count()).toBe(0);
    await expectAccessible(accountant);
    await screenshot(accountant, 'dashboard-accountant-en');
    await switchTo(accountant, 'NL');
    await expect.poll(() => accountant.getByRole('heading', { name: 'Fiscale gegevens' }).count()).toBe(1);
    await screenshot(accountant, 'dashboard-accountant-nl');
    await accountant.getByRole('link', { name: 'Facturen per periode' }).click();
    await expect.poll(() => accountant.getByRole('link', { name: /^\d{4}-/ }).count()).toBeGreaterThan(0);
    await expectAccessible(accountant);
    await screenshot(accountant, 'invoices-accountant-nl');
  });

  it('lets each account choose its reminders by mail and their language on My account, in both languages', async () => {
    const staff = await signedIn('staff');
    await staff.goto(`${b.baseUrl}/app/account`);
    await staff.getByRole('heading', { name: 'Herinneringen per mail' }).waitFor();
    expect(await staff.getByRole('checkbox', { name: 'er een verzoek binnenkomt' }).isChecked()).toBe(true);
    expect(await staff.getByRole('checkbox', { name: 'de termijn van een verzoek bijna afloopt' }).isChecked()).toBe(true);
    // Staff cannot act on a breach: they are not offered its reminder.
    expect(await staff.getByRole('checkbox').count()).toBe(2);
    await expectAccessible(staff);
    await screenshot(staff, 'account-reminders-nl');
    await staff.getByRole('checkbox', { name: 'er een verzoek binnenkomt' }).uncheck();
    await staff.getByRole('radio', { name: 'English' }).check();
    await staff.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => staff.getByRole('status').filter({ hasText: 'Opgeslagen.' }).count()).toBe(1);
    const email = (await staff.evaluate(() => fetch('/api/account').then((r) => r.json()))) as { email: string };
    expect(
      await b.database.db
        .selectFrom('users')
        .select(['language', 'reminders'])
        .where('email', '=', email.email)
        .executeTakeFirstOrThrow(),
    ).toEqual({ language: 'en', reminders: '["deadline_near"]' });

    const dpo = await signedIn('dpo', 'en');
    await dpo.goto(`${b.baseUrl}/app/account`);
    await dpo.getByRole('heading', { name: 'Reminders by mail' }).waitFor();
    // The heading shows before the account's choices have loaded: isChecked waits for its box, count would not.
    expect(
      await dpo.getByRole('checkbox', { name: 'more than 48 of the 72 hours to notify a breach have passed' }).isChecked(),
    ).toBe(true);
    expect(await dpo.getByRole('checkbox').count()).toBe(6);
    await expectAccessible(dpo);
    await screenshot(dpo, 'account-reminders-en');
  });

  it('finds a customer, shows their records, and records an agreement through the form', async () => {
    const page = await signedIn('staff');
    await page.getByRole('link', { name: 'Klanten' }).click();
    await page.getByLabel('Zoekterm').fill('Jans');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('link', { name: 'Bram Jansen' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'customers-nl');

    await page.getByRole('link', { name: 'Bram Jansen' }).click();
    await page.getByRole('heading', { name: 'Bram Jansen' }).waitFor();
    expect(await page.getByText('bram@jansen.example').count()).toBeGreaterThan(0);
    await page.getByText('Beheer werkplekken 2026').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'customer-nl');
    await page.getByRole('tab', { name: /Facturen/ }).click();
    await page.getByRole('link', { name: /^\d{4}-/ }).waitFor();
    await page.getByRole('tab', { name: /Zaken/ }).click();
    await page.getByText('Storing printer').waitFor();
    await page.getByRole('tab', { name: /Toestemmingen/ }).click();
    await page.getByText('Correspondentie').waitFor();
    // Art. 6(1)(a), 7(3): history, not a basis; no withdrawal that would stop nothing.
    await page.getByText('Alleen geschiedenis').waitFor();
    await page.getByText('Voor dit doel vragen wij geen toestemming').waitFor();
    expect(await page.getByRole('button', { name: /intrekken/ }).count()).toBe(0);

    await page.getByRole('tab', { name: /Overeenkomsten/ }).click();
    await page.getByRole('button', { name: 'Nieuwe overeenkomst of offerte' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Omschrijving').fill('Offerte nieuwe server');
    // Dates as Dutch people write them (issue 19, part 7); Tab leaves the field and closes its calendar.
    await dialog.getByLabel('Einddatum').fill('30-06-2027');
    await dialog.getByLabel('Einddatum').press('Tab');
    // The modal fades in (Mantine's transition); axe judges the colours once it is fully there.
    await page.waitForTimeout(500);
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('cell', { name: 'Offerte nieuwe server', exact: true }).waitFor();
    const row = await b.database.db
      .selectFrom('agreements')
      .select(['kind', 'title', 'status', 'end_date'])
      .where('subject_id', '=', subjectId)
      .where('title', '=', 'Offerte nieuwe server')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: 'quote', title: 'Offerte nieuwe server', status: 'draft', end_date: '2027-06-30' });

    // Bad input: an end before the start is refused with the API's message, and nothing is stored.
    await page.getByRole('button', { name: 'Nieuwe overeenkomst of offerte' }).click();
    await dialog.getByLabel('Omschrijving').fill('Verkeerde data');
    await dialog.getByLabel('Begindatum').fill('02-01-2027');
    await dialog.getByLabel('Einddatum').fill('01-01-2027');
    await dialog.getByLabel('Einddatum').press('Tab');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.getByRole('alert').waitFor();
    // Said at the end date, in Dutch.
    await dialog.getByText('De einddatum ligt voor de begindatum.').waitFor();
    expect(await b.database.db.selectFrom('agreements').select('id').where('title', '=', 'Verkeerde data').execute()).toEqual([]);
    await dialog.getByRole('button', { name: 'Annuleren' }).click();

    await switchTo(page, 'EN');
    await page.getByRole('tab', { name: /Agreements and quotes/ }).waitFor();
    await screenshot(page, 'customer-en');
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByLabel('Search term').fill('Bram');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Bram Jansen' }).waitFor();
    await screenshot(page, 'customers-en');
  });

  it('shows an issued invoice and a case with its messages, in both languages', async () => {
    const page = await signedIn('staff');
    await page.goto(`${b.baseUrl}/app/invoices/${invoiceId}`);
    await page.getByRole('heading', { name: /^Factuur \d{4}-/ }).waitFor();
    await page.getByText('Werkplekbeheer maart').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'invoice-nl');
    await switchTo(page, 'EN');
    await page.getByRole('heading', { name: /^Invoice \d{4}-/ }).waitFor();
    await screenshot(page, 'invoice-en');

    await page.goto(`${b.baseUrl}/app/cases/${caseId}`);
    await page.getByText('We komen woensdag langs.').waitFor();
    // The init script puts every page load back in Dutch.
    await page.getByLabel('Tekst').fill('De printer is gerepareerd.');
    await page.getByRole('button', { name: 'Bericht toevoegen' }).click();
    await page.getByText('De printer is gerepareerd.', { exact: true }).waitFor();
    const stored = () =>
      b.database.db
        .selectFrom('messages')
        .select(['direction', 'body'])
        .where('case_id', '=', caseId)
        .where('body', '=', 'De printer is gerepareerd.')
        .execute();
    await expect.poll(stored).toEqual([{ direction: 'inbound', body: 'De printer is gerepareerd.' }]);
    await expectAccessible(page);
    // Adding the message scrolled down; the full-page picture is taken from the top, under the fixed header.
    await page.mouse.wheel(0, -10_000);
    await screenshot(page, 'case-nl');
    await switchTo(page, 'EN');
    await page.getByRole('button', { name: 'Add message' }).waitFor();
    await screenshot(page, 'case-en');
  });

  it('shows the dpo why a restriction stands in words, and announces its lifting through the form (Art. 18(3))', async () => {
    const person = await newSubject(b, { firstName: 'Els', lastName: 'de Vries', email: 'els@devries.example' });
    await execute(b, await newRequest(b, 'restriction', person.id));
    const page = await signedIn('dpo');
    await page.goto(`${b.baseUrl}/app/customers/${person.id}`);
    await page.getByRole('tab', { name: /Beperking en bezwaar/ }).click();
    await page.getByRole('cell', { name: 'Op verzoek van de klant (art. 18 lid 1 AVG)' }).waitFor();
    // The reason is logged in English; the page never shows it.
    expect(await page.getByText("at the person's request", { exact: false }).count()).toBe(0);

    await page.getByRole('combobox', { name: 'Reden van opheffen' }).click();
    await page.getByRole('option', { name: 'De juistheid van de gegevens is gecontroleerd' }).click();
    await page
      .getByRole('textbox', { name: 'Toelichting voor de klant' })
      .fill('Wij hebben uw adres bij u nagevraagd; het klopt.');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Opheffing aankondigen' }).click();
    await page.getByText('De opheffing van de beperking voor', { exact: false }).waitFor();
    // It stands until the notice was delivered and the lead time passed; the notice waits in the outbox.
    const row = await b.database.db
      .selectFrom('restrictions')
      .select(['id', 'lift_announced_at', 'lift_reason', 'lifted_at'])
      .where('subject_id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ lift_reason: 'accuracy_verified', lifted_at: null });
    expect(row.lift_announced_at).not.toBeNull();
    const notice = await b.database.db
      .selectFrom('outbox')
      .select(['to_address', 'kind', 'body_text'])
      .where('related_id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ to_address: 'els@devries.example', kind: 'restriction_lift_notice' });
    expect(notice.body_text).toContain('Wij hebben uw adres bij u nagevraagd; het klopt.');
    await screenshot(page, 'restriction-lift-nl');

    await switchTo(page, 'EN');
    await page.getByRole('cell', { name: "At the customer's request (Art. 18(1) GDPR)" }).waitFor();
    await page.getByRole('button', { name: 'Keep the restriction after all' }).waitFor();
  });

  it('edits and deletes a draft, and issues and credits only after a confirmation (art. 35a Wet OB)', async () => {
    const person = await newSubject(b, { firstName: 'Kees', lastName: 'Bakker' });
    const draft = await newInvoice(b, person.id, {
      lines: [{ description: 'Advies', quantity: 1, unitPriceCents: 10_000, vatRate: 21 }],
    });
    const doomed = await newInvoice(b, person.id, {
      lines: [{ description: 'Dubbel ingevoerd', quantity: 1, unitPriceCents: 500, vatRate: 21 }],
    });
    const page = await signedIn('staff');
    const invoiceRow = (id: string) =>
      b.database.db
        .selectFrom('invoices')
        .select(['status', 'number', 'total_incl_cents'])
        .where('id', '=', id)
        .executeTakeFirst();

    // Edit: the same form, filled in; two hours instead of one.
    await page.goto(`${b.baseUrl}/app/invoices/${draft.id}`);
    await page.getByRole('button', { name: 'Concept bewerken' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Omschrijving regel 1').waitFor();
    expect(await dialog.getByLabel('Omschrijving regel 1').inputValue()).toBe('Advies');
    await dialog.getByLabel('Aantal regel 1').fill('2');
    await dialog.getByRole('button', { name: 'Concept opslaan' }).click();
    await page.getByText('€ 242,00').first().waitFor();
    expect(await invoiceRow(draft.id)).toEqual({ status: 'draft', number: null, total_incl_cents: 24_200 });

    // Issue: nothing happens until the dialog's own button; cancelling leaves the draft a draft.
    await page.getByRole('button', { name: 'Uitreiken', exact: true }).click();
    await page.getByRole('dialog', { name: 'Deze factuur uitreiken?' }).getByText('creditfactuur', { exact: false }).waitFor();
    await expectAccessible(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Annuleren' }).click();
    expect(await invoiceRow(draft.id)).toMatchObject({ status: 'draft', number: null });
    await page.getByRole('button', { name: 'Uitreiken', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Factuur uitreiken' }).click();
    await page.getByRole('heading', { name: /^Factuur \d{4}-/ }).waitFor();
    expect(await invoiceRow(draft.id)).toMatchObject({ status: 'issued', number: expect.stringMatching(/^\d{4}-/) as string });
    expect(await page.getByRole('button', { name: 'Concept bewerken' }).count()).toBe(0);

    // Credit: asked first, then a draft credit invoice opens.
    await page.getByRole('button', { name: 'Crediteren', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Conceptcreditfactuur maken' }).click();
    await page.getByRole('link', { name: 'Naar de gecrediteerde factuur' }).waitFor();
    const credits = await b.database.db
      .selectFrom('invoices')
      .select(['status', 'total_incl_cents'])
      .where('credit_for_id', '=', draft.id)
      .execute();
    expect(credits).toEqual([{ status: 'draft', total_incl_cents: -24_200 }]);

    // Delete a draft: staff are not offered it (erasing is the dpo's under the policy); the dpo is asked first,
    // then it is gone, and the page goes back to the customer.
    await page.goto(`${b.baseUrl}/app/invoices/${doomed.id}`);
    await page.getByRole('button', { name: 'Concept bewerken' }).waitFor();
    expect(await page.getByRole('button', { name: 'Concept verwijderen' }).count()).toBe(0);
    const dpo = await signedIn('dpo');
    await dpo.goto(`${b.baseUrl}/app/invoices/${doomed.id}`);
    await dpo.getByRole('button', { name: 'Concept verwijderen', exact: true }).click();
    await dpo.getByRole('dialog').getByRole('button', { name: 'Concept verwijderen' }).click();
    await dpo.getByRole('heading', { name: 'Kees Bakker' }).waitFor();
    expect(await invoiceRow(doomed.id)).toBeUndefined();
    const erased = await b.database.db
      .selectFrom('processing_log')
      .select(['operation', 'records'])
      .where('operation', '=', 'erase')
      .where('records', 'like', `%${doomed.id}%`)
      .execute();
    expect(erased).toHaveLength(1);
  });

  it('says what is wrong at the field, in the language of the page, never the code or path of the API', async () => {
    const page = await signedIn('staff');
    await page.goto(`${b.baseUrl}/app/customers`);
    await page.getByRole('button', { name: 'Nieuwe klant' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Voornaam').fill('Fout');
    await dialog.getByLabel('Achternaam').fill('Nummer');
    await dialog.getByLabel('Telefoon').fill('bel me maar');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.getByText('Dit heeft niet de juiste vorm.').waitFor();
    await dialog.getByText('Niet alles is goed ingevuld', { exact: false }).waitFor();
    // The field itself says it (aria-invalid), and nothing was stored.
    expect(await dialog.getByLabel('Telefoon').getAttribute('aria-invalid')).toBe('true');
    expect(await b.database.db.selectFrom('subjects').select('id').where('last_name', '=', 'Nummer').execute()).toEqual([]);
    await page.waitForTimeout(500);
    await expectAccessible(page);
    const text = await dialog.innerText();
    expect(text).not.toMatch(/validation_failed|body\.|phone|must be/);
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await switchTo(page, 'EN');
    await page.getByRole('button', { name: 'New customer' }).click();
    await dialog.getByLabel('First name').fill('Wrong');
    await dialog.getByLabel('Last name').fill('Number');
    await dialog.getByLabel('Phone').fill('call me');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('This is not in the right form.').waitFor();
  });
});

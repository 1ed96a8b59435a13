import { strFromU8, unzipSync } from 'fflate';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer } from '../support/rights-e2e.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';
import { DIALECTS } from '../databases.ts';
import { type ReceivedMail, type TestSmtp, startTestSmtp } from '../smtp.ts';

const PUBLIC_URL = 'https://kluis.senict.test';
const MAIL_TIMEOUT_MS = 20_000;
const ORGANISATION = 'Nieuwe Leverancier B.V.';
const ORGANISATION_EMAIL = 'privacy@nieuwe-leverancier.test';

/**
 * Portability sent directly to another organisation (Art. 20(2) GDPR) in Chromium: the customer names it on the
 * public form, the dpo decides and releases in the back office, the customer confirms the address from the mail
 * at the address on file, and the organisation downloads the package with a code sent to its own address.
 */
describe.runIf(HAS_CHROMIUM).each(DIALECTS)(
  'a portability request sent to another organisation (Art. 20 GDPR; Chromium, %s)',
  (dialect) => {
    let b: BrowserApp;
    let smtp: TestSmtp;
    let dpoEmail: string;
    let secret: string;

    beforeAll(async () => {
      smtp = await startTestSmtp();
      b = await startBrowserApp(dialect, { smtpUrl: smtp.url, publicUrl: PUBLIC_URL });
      dpoEmail = await b.addUser('dpo');
      secret = (await b.signInAs(await b.newPage('nl'), dpoEmail)) ?? '';
    }, 60_000);
    afterAll(async () => {
      await b.close();
      await smtp.close();
    });

    const mail = async (to: string, subject: string): Promise<ReceivedMail> => {
      await b.services.mailDelivery.deliverDue();
      return smtp.waitFor((m) => m.envelope.to.includes(to) && m.subject.includes(subject), MAIL_TIMEOUT_MS);
    };
    const codeIn = (m: ReceivedMail) => /\b(\d{6})\b/.exec(m.text)?.[1] ?? '';
    const linkIn = (m: ReceivedMail, path: string) =>
      new RegExp(`${PUBLIC_URL.replace(/[.]/g, '\\.')}(${path.replace(/[?]/g, '\\?')}[^\\s]+)`).exec(m.text)?.[1] ?? '';
    const tidy = async (page: Page, name: string) => {
      expect(await seriousViolations(page), name).toEqual([]);
      await screenshot(page, `${name}-${dialect}`);
    };

    it('the customer names the organisation on the form and confirms its address; the dpo releases; the organisation downloads the package', async () => {
      const c = await customer(b);
      const person = await b.newPage('nl');
      await person.goto(`${b.baseUrl}/privacy/request`);
      await person.locator('input[name="kind"][value="portability"]').check();
      await person.locator('#name').fill('Anna de Vries');
      await person.locator('#email').fill(c.email);
      await person.getByLabel('Naam van de organisatie').fill(ORGANISATION);
      await person.getByLabel('E-mailadres van de organisatie').fill(ORGANISATION_EMAIL);
      await tidy(person, 'portability-form');
      await person.getByRole('button', { name: 'Verzoek versturen' }).click();
      await person.waitForURL(/\/privacy\/request\/verify\?/);
      const reference = new URL(person.url()).searchParams.get('reference') ?? '';
      await person.locator('#code').fill(codeIn(await mail(c.email, `Uw verificatiecode voor verzoek ${reference}`)));
      await person.locator('#code').press('Enter');
      const row = () =>
        b.database.db
          .selectFrom('rights_requests')
          .select(['id', 'status', 'transfer_organisation', 'transfer_email', 'transfer_confirmed_at'])
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow();
      await expect.poll(async () => (await row()).status).toBe('verified');
      expect(await row()).toMatchObject({
        transfer_organisation: ORGANISATION,
        transfer_email: ORGANISATION_EMAIL,
        transfer_confirmed_at: null,
      });

      // The dpo sees where the data are to go, decides, and releases the reviewed package.
      const dpo = await b.newPage('nl');
      await b.signInAs(dpo, dpoEmail, secret);
      await dpo.goto(`${b.baseUrl}/app/requests/${(await row()).id}`);
      await expect.poll(() => dpo.getByText(`${ORGANISATION} (${ORGANISATION_EMAIL})`).count()).toBe(1);
      await expect.poll(() => dpo.getByText('nog niet bevestigd door de klant').count()).toBe(1);
      // No outcome is chosen beforehand (issue 19): the dpo picks one.
      await dpo.getByRole('combobox', { name: 'Besluit' }).click();
      await dpo.getByRole('option', { name: 'Ingewilligd', exact: true }).click();
      await dpo.getByRole('button', { name: 'Besluit vastleggen' }).click();
      await expect.poll(() => dpo.getByRole('heading', { name: 'Overdrachtspakket' }).count()).toBe(1);
      await dpo.getByRole('button', { name: 'Vrijgeven' }).click();
      await expect.poll(() => dpo.getByRole('button', { name: 'Bevestiging opnieuw vragen' }).count()).toBe(1);
      expect(await dpo.getByText('Wacht op bevestiging van de klant').count()).toBe(1);
      await tidy(dpo, 'portability-awaiting-confirmation');
      expect(smtp.messages.filter((m) => m.envelope.to.includes(ORGANISATION_EMAIL))).toEqual([]);

      // The customer confirms from the mail at the address on file.
      const ask = await mail(c.email, `Bevestig naar wie wij uw gegevens sturen (verzoek ${reference})`);
      await person.goto(`${b.baseUrl}${linkIn(ask, '/privacy/request/transfer?')}`);
      await expect.poll(() => person.getByText(ORGANISATION_EMAIL).count()).toBe(1);
      await tidy(person, 'portability-confirm');
      await person.getByRole('button', { name: 'Ja, stuur mijn gegevens hierheen' }).click();
      await expect.poll(() => person.locator('h1').textContent()).toBe('Dank u, wij sturen uw gegevens');
      await tidy(person, 'portability-confirmed');
      expect((await row()).transfer_confirmed_at).not.toBeNull();

      // The organisation follows its link, asks for a code at its own address, and downloads the package.
      const org = await b.newPage('nl');
      await org.goto(
        `${b.baseUrl}${linkIn(await mail(ORGANISATION_EMAIL, 'Persoonsgegevens van Anna de Vries'), '/privacy/request/package?')}`,
      );
      await expect.poll(() => org.locator('h1').textContent()).toBe('Gegevens downloaden');
      await tidy(org, 'portability-download');
      await org.getByRole('button', { name: 'Stuur mij een code' }).click();
      await org.locator('#code').fill(codeIn(await mail(ORGANISATION_EMAIL, `Downloadcode (verzoek ${reference})`)));
      // Post/redirect/get: the right code leads to a page that offers the file.
      await org.getByRole('button', { name: 'Downloaden' }).click();
      const [download] = await Promise.all([
        org.waitForEvent('download'),
        org.getByRole('link', { name: 'Download het zip-bestand' }).click(),
      ]);
      const zip = unzipSync(new Uint8Array(fs.readFileSync((await download.path()) ?? '')));
      expect(Object.keys(zip)).toEqual(expect.arrayContaining(['data.json', 'README.txt', 'csv/person.csv']));
      const data = JSON.parse(strFromU8(zip['data.json'] as Uint8Array)) as {
        request: string;
        person: { email: string }[];
        messages: { text: string }[];
      };
      expect(data.request).toBe(reference);
      expect(data.person[0]?.email).toBe(c.email);
      expect(data.messages.map((m) => m.text)).toEqual(['Klopt mijn factuur wel?']);

      // The back office shows it answered, and where the link went.
      await dpo.reload();
      await expect.poll(() => dpo.getByText(`Link gestuurd naar ${ORGANISATION_EMAIL}`).count()).toBe(1);
      expect(await dpo.getByText(/bevestigd door de klant op/).count()).toBe(1);
      await tidy(dpo, 'portability-answered');
      expect((await row()).status).toBe('answered');
    }, 180_000);
  },
);

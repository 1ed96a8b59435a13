import { strFromU8, unzipSync } from 'fflate';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer } from '../support/rights-e2e.ts';
import { freshIp } from '../support/requests.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';
import { DIALECTS } from '../databases.ts';
import { type ReceivedMail, type TestSmtp, startTestSmtp } from '../smtp.ts';

// Links in the mail point at the public address; the test follows them on the server it started.
const PUBLIC_URL = 'https://kluis.senict.test';
const MAIL_TIMEOUT_MS = 20_000;

/**
 * Issue 8, point 4: a data subject's requests end to end in Chromium. The customer uses the public pages and
 * the mail that reached a real SMTP server; the dpo signs in with the second factor and works the request in
 * the back office; the database and the downloaded package show what happened.
 */
// On both databases: the flows the issue names run against SQLite and against PostgreSQL.
describe.runIf(HAS_CHROMIUM).each(DIALECTS)('requests of data subjects in the back office (Chromium, %s)', (dialect) => {
  let b: BrowserApp;
  let smtp: TestSmtp;
  let dpoEmail: string;
  let secret: string;
  let enrolledAt: number;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    b = await startBrowserApp(dialect, { smtpUrl: smtp.url, publicUrl: PUBLIC_URL });
    // The dpo's first sign-in enrols the second factor; the sign-ins below use it.
    dpoEmail = await b.addUser('dpo');
    secret = (await b.signInAs(await b.newPage('nl'), dpoEmail)) ?? '';
    enrolledAt = Date.now();
  }, 60_000);
  afterAll(async () => {
    await b.close();
    await smtp.close();
  });

  /** Delivers the outbox and waits for the mail to `to` whose subject contains `subject`. */
  const mail = async (to: string, subject: string): Promise<ReceivedMail> => {
    await b.services.mailDelivery.deliverDue();
    return smtp.waitFor((m) => m.envelope.to.includes(to) && m.subject.includes(subject), MAIL_TIMEOUT_MS);
  };
  const codeIn = (m: ReceivedMail) => /\b(\d{6})\b/.exec(m.text)?.[1] ?? '';

  /** The dpo signs in with password and a code of the app; never a code of the step already used. */
  const signInDpo = async (language: 'nl' | 'en' = 'nl'): Promise<Page> => {
    const step = (ms: number) => Math.floor(ms / 30_000);
    while (step(Date.now()) <= step(enrolledAt)) await new Promise((r) => setTimeout(r, 500));
    const page = await b.newPage(language);
    await b.signInAs(page, dpoEmail, secret);
    enrolledAt = Date.now();
    return page;
  };

  const openRequest = async (page: Page, reference: string) => {
    await page.goto(`${b.baseUrl}/app/requests`);
    await page.getByRole('link', { name: reference }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toContain(reference);
  };

  it('a customer files an access request, confirms it with the mailed code; the dpo decides and releases; the customer downloads the package', async () => {
    const c = await customer(b);
    // The customer, on the public form.
    const person = await b.newPage('nl');
    await person.goto(`${b.baseUrl}/privacy/request`);
    await person.locator('input[name="kind"][value="access"]').check();
    await person.locator('#name').fill('Anna de Vries');
    await person.locator('#email').fill(c.email);
    await person.locator('#details').fill('Graag alles wat u van mij heeft.');
    await person.getByRole('button', { name: 'Verzoek versturen' }).click();
    await person.waitForURL(/\/privacy\/request\/verify\?/);
    const reference = new URL(person.url()).searchParams.get('reference') ?? '';
    expect(reference).toMatch(/^V-\d{4}-[0-9A-Z]{6}$/);
    const codeMail = await mail(c.email, `Uw verificatiecode voor verzoek ${reference}`);
    await person.locator('#code').fill(codeIn(codeMail));
    await person.locator('#code').press('Enter');
    await expect
      .poll(
        async () =>
          (
            await b.database.db
              .selectFrom('rights_requests')
              .select('status')
              .where('reference', '=', reference)
              .executeTakeFirstOrThrow()
          ).status,
      )
      .toBe('verified');

    // The dpo, with the second factor: the list by deadline, the request, the decision.
    const dpo = await signInDpo();
    await dpo.goto(`${b.baseUrl}/app/requests`);
    await expect.poll(() => dpo.getByRole('link', { name: reference }).count()).toBe(1);
    expect(await seriousViolations(dpo)).toEqual([]);
    await screenshot(dpo, 'requests-nl');
    await openRequest(dpo, reference);
    await expect.poll(() => dpo.getByRole('button', { name: 'Besluit vastleggen' }).count()).toBe(1);
    expect(await seriousViolations(dpo)).toEqual([]);
    await screenshot(dpo, 'request-verified-nl');
    // No outcome is chosen beforehand (issue 19): the dpo picks one.
    await dpo.getByRole('combobox', { name: 'Besluit' }).click();
    await dpo.getByRole('option', { name: 'Ingewilligd', exact: true }).click();
    await dpo.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await expect.poll(() => dpo.getByRole('button', { name: 'Vrijgeven' }).count()).toBe(1);
    const row = await b.database.db
      .selectFrom('rights_requests')
      .select(['id', 'status', 'decision', 'decided_by'])
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    // Art. 12(3): open until the link to the package goes out.
    expect(row).toMatchObject({ status: 'awaiting_release', decision: 'granted' });
    await screenshot(dpo, 'request-package-nl');
    await dpo.getByRole('button', { name: 'Vrijgeven' }).click();
    await expect.poll(() => dpo.getByText('Vrijgegeven').count()).toBeGreaterThan(0);
    const pkg = await b.database.db
      .selectFrom('access_packages')
      .select(['review_status', 'released_at'])
      .where('request_id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(pkg.review_status).toBe('released');
    expect(
      (await b.database.db.selectFrom('rights_requests').select('status').where('id', '=', row.id).executeTakeFirstOrThrow())
        .status,
    ).toBe('answered');
    expect(await seriousViolations(dpo)).toEqual([]);

    // The customer follows the link in the mail, asks for a code, and downloads the zip.
    const linkMail = await mail(c.email, `Uw gegevens staan klaar (verzoek ${reference})`);
    const link = new RegExp(`${PUBLIC_URL.replace(/[.]/g, '\\.')}(/privacy/request/package\\?token=[A-Za-z0-9_-]+)`).exec(
      linkMail.text,
    )?.[1];
    expect(link, 'the link in the mail').toBeDefined();
    await person.goto(`${b.baseUrl}${link ?? ''}`);
    await person.getByRole('button', { name: 'Stuur mij een code' }).click();
    const downloadCode = await mail(c.email, `Uw downloadcode (verzoek ${reference})`);
    await person.locator('#code').fill(codeIn(downloadCode));
    // Post/redirect/get: the right code leads to a page that offers the file.
    await person.getByRole('button', { name: 'Downloaden' }).click();
    const [download] = await Promise.all([
      person.waitForEvent('download'),
      person.getByRole('link', { name: 'Download het zip-bestand' }).click(),
    ]);
    const zip = unzipSync(new Uint8Array(fs.readFileSync((await download.path()) ?? '')));
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(['data.json', 'report.html']));
    const data = JSON.parse(strFromU8(zip['data.json'] as Uint8Array)) as {
      request: string;
      subject: { id: string; email: string };
      cases: { messages: { body: string }[] }[];
    };
    expect(data.request).toBe(reference);
    expect(data.subject).toMatchObject({ id: c.subject.id, email: c.email });
    expect(data.cases[0]?.messages.map((m) => m.body)).toContain('Klopt mijn factuur wel?');
    const downloaded = await b.database.db
      .selectFrom('access_packages')
      .select('downloaded_at')
      .where('request_id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(downloaded.downloaded_at).not.toBeNull();
  }, 180_000);

  it('an erasure, verified by staff and partly refused for the fiscal duty: the invoice and its agreement stay, the rest is gone', async () => {
    const c = await customer(b);
    const filed = await b.app.inject({
      method: 'POST',
      url: '/api/public/requests',
      payload: { kind: 'erasure', name: 'Anna de Vries', email: c.email, details: 'Wis alles.', language: 'en' },
      remoteAddress: freshIp(),
    });
    expect(filed.statusCode, filed.body).toBe(202);
    const reference = filed.json<{ reference: string }>().reference;

    const dpo = await signInDpo('en');
    await openRequest(dpo, reference);
    // Identity established by staff: the customer called from the number on file.
    await dpo.getByLabel("Find the customer (none chosen: the one with the request's e-mail address)").fill(c.subject.reference);
    await dpo.getByRole('button', { name: 'Search' }).click();
    await dpo.getByRole('button', { name: new RegExp(c.subject.reference) }).click();
    await dpo.getByRole('combobox', { name: 'How was the identity established?' }).click();
    await dpo.getByRole('option', { name: 'Called back by phone' }).click();
    await dpo.getByLabel('Note (no citizen service number or document number)').fill('Called back on the phone number on file.');
    await dpo.getByRole('button', { name: 'Record the identity' }).click();
    await expect.poll(() => dpo.getByRole('button', { name: 'Record the decision' }).count()).toBe(1);
    // The preview of what the erasure deletes and keeps is drawn first (issue 19).
    await expect.poll(() => dpo.getByText('Erased for good').count()).toBe(1);
    await dpo.getByRole('combobox', { name: 'Decision' }).click();
    await dpo.getByRole('option', { name: 'Partly granted' }).click();
    await dpo.getByLabel('Legal ground').fill('Art. 17 lid 3 onder b AVG');
    await dpo.getByLabel('Motivation').fill('Facturen moeten wij zeven jaar bewaren (fiscale bewaarplicht).');
    expect(await seriousViolations(dpo)).toEqual([]);
    await screenshot(dpo, 'request-decide-en');
    await dpo.getByRole('button', { name: 'Record the decision', exact: true }).click();
    // An erasure is confirmed in a dialog before anything is erased (issue 19).
    await dpo
      .getByRole('dialog', { name: 'Confirm the decision on the erasure' })
      .getByRole('button', { name: 'Yes, record the decision' })
      .click();
    await expect.poll(() => dpo.getByText('Art. 17 lid 3 onder b AVG').count()).toBeGreaterThan(0);
    await screenshot(dpo, 'request-answered-en');

    const db = b.database.db;
    const request = await db
      .selectFrom('rights_requests')
      .select(['status', 'decision', 'verification_method'])
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(request).toEqual({ status: 'answered', decision: 'partly_granted', verification_method: 'staff:phone_call' });
    // Kept: the issued invoice and the agreement behind it. Gone: the quote, the case with its messages, the consent.
    expect(
      (await db.selectFrom('invoices').select('id').where('subject_id', '=', c.subject.id).execute()).map((i) => i.id),
    ).toEqual([c.invoice.id]);
    expect(
      (await db.selectFrom('agreements').select('id').where('subject_id', '=', c.subject.id).execute()).map((a) => a.id),
    ).toEqual([c.invoiced.id]);
    expect(await db.selectFrom('cases').select('id').where('id', '=', c.opened.id).execute()).toEqual([]);
    expect(await db.selectFrom('messages').select('id').where('subject_id', '=', c.subject.id).execute()).toEqual([]);
    expect(await db.selectFrom('consents').select('id').where('subject_id', '=', c.subject.id).execute()).toEqual([]);
    const erase = await db
      .selectFrom('processing_log')
      .select(['actor_role', 'records'])
      .where('operation', '=', 'erase')
      .where('subject_ids', 'like', `%${c.subject.id}%`)
      .execute();
    expect(erase).toHaveLength(1);
    expect(erase[0]?.actor_role).toBe('dpo');
    const answer = await mail(c.email, `Answer to your request ${reference}`);
    expect(answer.text).toContain('Art. 17 lid 3 onder b AVG');
  }, 180_000);
});

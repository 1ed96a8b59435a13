import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/guard/actor.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';
import { newSubject } from '../factories.ts';
import { type TestSmtp, startTestSmtp } from '../smtp.ts';

// The public pages as the public uses them: Chromium with JavaScript off, nothing from elsewhere, no cookie.
// Links in mail point at PUBLIC_URL; the test follows them on the server it started.
const PUBLIC_URL = 'https://kluis.senict.test';
const MAIL_TIMEOUT_MS = 20_000;

describe.runIf(HAS_CHROMIUM)('the public pages without JavaScript (Chromium, sqlite)', { timeout: 60_000 }, () => {
  let b: BrowserApp;
  let smtp: TestSmtp;
  let dpo: string;
  let auditor: Page;
  const contexts: BrowserContext[] = [];
  const thirdParty: string[] = [];

  /** A context as a visitor with JavaScript switched off; every request outside the server is recorded. */
  async function visitor(language: 'nl' | 'en'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await b.browser.newContext({
      javaScriptEnabled: false,
      locale: language === 'nl' ? 'nl-NL' : 'en-GB',
      viewport: { width: 1024, height: 800 },
    });
    contexts.push(context);
    context.on('request', (r) => {
      if (!r.url().startsWith(b.baseUrl)) thirdParty.push(r.url());
    });
    return { context, page: await context.newPage() };
  }

  /**
   * The page is tidy: axe finds nothing serious, and it is saved as a screenshot. axe needs timers, which do
   * not run with JavaScript off, so it reads a copy of the page's HTML in a context with JavaScript on.
   */
  async function check(page: Page, name: string): Promise<void> {
    await auditor.setContent(await page.content());
    expect(await seriousViolations(auditor), name).toEqual([]);
    expect(await page.locator('html').getAttribute('lang')).toMatch(/^(nl|en)$/);
    expect(await page.locator('h1').count(), `${name}: one h1`).toBe(1);
    await screenshot(page, `public-${name}`);
  }

  /** The mail delivered to the SMTP server for `to` whose subject contains `subject`. */
  async function mailTo(to: string, subject: string): Promise<string> {
    await b.services.mailDelivery.deliverDue();
    return (await smtp.waitFor((m) => m.envelope.to.includes(to) && m.subject.includes(subject), MAIL_TIMEOUT_MS)).text;
  }
  const codeIn = (text: string): string => /\b(\d{6})\b/.exec(text)?.[1] ?? '';

  beforeAll(async () => {
    smtp = await startTestSmtp();
    b = await startBrowserApp('sqlite', { smtpUrl: smtp.url, publicUrl: PUBLIC_URL });
    await b.services.statement.publish(cliActor(), {});
    dpo = await b.signIn('dpo');
    auditor = await b.newPage('nl');
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await b.close();
    await smtp.close();
  });

  for (const lang of ['nl', 'en'] as const) {
    const prefix = lang === 'nl' ? '' : '/en';
    const words =
      lang === 'nl'
        ? {
            access: /Inzage/,
            name: 'Uw naam',
            email: 'Uw e-mailadres',
            send: 'Verzoek versturen',
            code: /Code uit de e-mail/,
            confirm: 'Bevestigen',
            codeSubject: 'Uw verificatiecode',
            linkSubject: 'Uw gegevens staan klaar',
            downloadCodeSubject: 'Uw downloadcode',
            sendCode: 'Stuur mij een code',
            download: 'Downloaden',
            downloadFile: 'Download het zip-bestand',
            show: 'Status bekijken',
            inProgress: 'in behandeling',
          }
        : {
            access: /Access/,
            name: 'Your name',
            email: 'Your e-mail address',
            send: 'Send request',
            code: /Code from the e-mail/,
            confirm: 'Confirm',
            codeSubject: 'Your verification code',
            linkSubject: 'Your data are ready',
            downloadCodeSubject: 'Your download code',
            sendCode: 'Send me a code',
            download: 'Download',
            downloadFile: 'Download the zip file',
            show: 'Show status',
            inProgress: 'in progress',
          };

    it(`statement, versions and the form set no cookie and pass axe (${lang})`, async () => {
      const { context, page } = await visitor(lang);
      for (const [path, name] of [
        ['/privacy', 'statement'],
        ['/privacy/versions', 'versions'],
        ['/privacy/versions/1', 'version-1'],
        ['/privacy/versions/1/diff', 'diff-1'],
        ['/privacy/request', 'request-form'],
        ['/privacy/request/status', 'status-form'],
      ] as const) {
        const response = await page.goto(`${b.baseUrl}${prefix}${path}`);
        expect(response?.status(), path).toBe(200);
        await check(page, `${name}-${lang}`);
      }
      expect(await context.cookies()).toEqual([]);
      expect(thirdParty).toEqual([]);
    });

    it(`a person files an access request, confirms it with the mailed code, follows it and downloads the package (${lang})`, async () => {
      const subject = await newSubject(b, { language: lang });
      const email = subject.email ?? '';
      const { context, page } = await visitor(lang);
      await page.goto(`${b.baseUrl}${prefix}/privacy/request`);
      await page.getByLabel(words.access).check();
      await page.getByLabel(words.name, { exact: true }).fill(`${subject.firstName} ${subject.lastName}`);
      await page.getByLabel(words.email, { exact: true }).fill(email);
      await page.getByRole('button', { name: words.send }).click();
      await page.waitForURL(/\/privacy\/request\/verify\?reference=V-/);
      const reference = new URL(page.url()).searchParams.get('reference') ?? '';
      await check(page, `verify-${lang}`);

      await page.getByLabel(words.code).fill(codeIn(await mailTo(email, `${words.codeSubject}`)));
      await page.getByRole('button', { name: words.confirm }).first().click();
      await expect.poll(() => page.locator('h1').textContent()).toMatch(lang === 'nl' ? /bevestigd/ : /confirmed/);
      await check(page, `verified-${lang}`);
      const request = await b.database.db
        .selectFrom('rights_requests')
        .select(['id', 'status', 'subject_id'])
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();
      expect(request).toMatchObject({ status: 'verified', subject_id: subject.id });

      await page.goto(`${b.baseUrl}${prefix}/privacy/request/status`);
      await page.getByLabel(lang === 'nl' ? 'Kenmerk van uw verzoek' : 'Reference of your request').fill(reference);
      await page.getByRole('button', { name: words.show }).click();
      await expect.poll(() => page.locator('.stage').textContent()).toBe(words.inProgress);
      await check(page, `status-${lang}`);

      // The dpo decides and releases (the back office's part, here through the API); the link arrives.
      const decided = await b.app.inject({
        method: 'POST',
        url: `/api/requests/${request.id}/decision`,
        headers: { cookie: dpo },
        payload: { decision: 'granted' },
      });
      expect(decided.statusCode, decided.body).toBe(200);
      const listed = await b.app.inject({
        method: 'GET',
        url: `/api/requests/${request.id}/access-packages`,
        headers: { cookie: dpo },
      });
      const packageId = listed.json<{ packages: { id: string }[] }>().packages[0]?.id ?? '';
      expect(
        (await b.app.inject({ method: 'POST', url: `/api/access-packages/${packageId}/release`, headers: { cookie: dpo } }))
          .statusCode,
      ).toBe(200);
      const link = new RegExp(
        `${PUBLIC_URL.replace(/\./g, '\\.')}(${prefix}/privacy/request/package\\?token=[A-Za-z0-9_-]+)`,
      ).exec(await mailTo(email, words.linkSubject))?.[1];
      expect(link).toBeDefined();

      await page.goto(`${b.baseUrl}${link ?? ''}`);
      await check(page, `download-${lang}`);
      await page.getByRole('button', { name: words.sendCode }).click();
      await page.waitForURL(/sent=1/);
      // A wrong code: the page again, saying so, and nothing downloaded.
      const code = codeIn(await mailTo(email, words.downloadCodeSubject));
      await page.getByLabel(words.code).fill(code === '000000' ? '111111' : '000000');
      await page.getByRole('button', { name: words.download, exact: true }).click();
      await expect.poll(() => page.locator('[data-error-code]').getAttribute('data-error-code')).toBe('validation_failed');
      await check(page, `download-wrong-code-${lang}`);
      await page.getByLabel(words.code).fill(code);
      await page.getByRole('button', { name: words.download, exact: true }).click();
      // Post/redirect/get: the right code leads to a page with the download itself, and no error of before.
      await page.waitForURL(/ready=1/);
      expect(await page.locator('[data-error-code]').count()).toBe(0);
      await check(page, `download-ready-${lang}`);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: words.downloadFile }).click(),
      ]);
      const zip = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
      expect(Object.keys(zip)).toContain('report.html');
      const row = await b.database.db
        .selectFrom('access_packages')
        .select('downloaded_at')
        .where('id', '=', packageId)
        .executeTakeFirstOrThrow();
      expect(row.downloaded_at).not.toBeNull();
      expect(await context.cookies()).toEqual([]);
      expect(thirdParty).toEqual([]);
    });

    it(`an unknown reference gets the same "not found" as any other, as a page (${lang})`, async () => {
      const { page } = await visitor(lang);
      const response = await page.goto(`${b.baseUrl}${prefix}/privacy/request/status?reference=V-2026-AAAAAA`);
      expect(response?.status()).toBe(404);
      expect(await page.locator('[data-error-code]').getAttribute('data-error-code')).toBe('not_found');
      await check(page, `status-not-found-${lang}`);
    });
  }
});

import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/guard/actor.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';
import { newSubject } from '../factories.ts';
import { type TestSmtp, startTestSmtp } from '../smtp.ts';

// Issue 19, part 6, as a person lives it in Chromium with JavaScript off: a wrong code, a reload that tries nothing
// again (the attempt counter in the database says so), the right code typed with a space, the download, no error
// of before on the page after it, and the page for a link that has expired; in Dutch and in English.
const PUBLIC_URL = 'https://kluis.senict.test';
const MAIL_TIMEOUT_MS = 20_000;

describe.runIf(HAS_CHROMIUM)('the public pages survive a reload (Chromium, sqlite)', { timeout: 90_000 }, () => {
  let b: BrowserApp;
  let smtp: TestSmtp;
  let dpo: string;
  let auditor: Page;
  const contexts: BrowserContext[] = [];

  async function visitor(language: 'nl' | 'en'): Promise<Page> {
    const context = await b.browser.newContext({
      javaScriptEnabled: false,
      locale: language === 'nl' ? 'nl-NL' : 'en-GB',
      viewport: { width: 1024, height: 800 },
    });
    contexts.push(context);
    return context.newPage();
  }

  /** axe on a copy of the page (it needs JavaScript), one h1, the page's language; and a screenshot. */
  async function check(page: Page, name: string, lang: 'nl' | 'en'): Promise<void> {
    await auditor.setContent(await page.content());
    expect(await seriousViolations(auditor), name).toEqual([]);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    expect(await page.locator('h1').count(), `${name}: one h1`).toBe(1);
    await screenshot(page, `public-reload-${name}`);
  }

  async function mailTo(to: string, subject: string): Promise<string> {
    await b.services.mailDelivery.deliverDue();
    return (await smtp.waitFor((m) => m.envelope.to.includes(to) && m.subject.includes(subject), MAIL_TIMEOUT_MS)).text;
  }
  const codeIn = (text: string): string => /\b(\d{6})\b/.exec(text)?.[1] ?? '';
  const otherThan = (code: string): string => (code === '000000' ? '111111' : '000000');
  /** Typed as people read it out: "123 456". */
  const spaced = (code: string): string => `${code.slice(0, 3)} ${code.slice(3)}`;

  /** The attempts of the open challenge of a method for the request, as the database counts them. */
  async function attempts(requestId: string, method: string): Promise<number> {
    const row = await b.database.db
      .selectFrom('verification_challenges')
      .select('attempts')
      .where('request_id', '=', requestId)
      .where('method', '=', method)
      .where('consumed_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.attempts);
  }

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
    const w =
      lang === 'nl'
        ? {
            access: /Inzage/,
            name: 'Uw naam',
            email: 'Uw e-mailadres',
            send: 'Verzoek versturen',
            code: /Code uit de e-mail/,
            confirm: 'Bevestigen',
            codeSubject: 'Uw verificatiecode',
            wrongCode: 'Deze code klopt niet.',
            confirmed: 'Dank u, uw verzoek is bevestigd',
            linkSubject: 'Uw gegevens staan klaar',
            downloadCodeSubject: 'Uw downloadcode',
            sendCode: 'Stuur mij een code',
            download: 'Downloaden',
            wrongDownloadCode: 'De code klopt niet.',
            downloadFile: 'Download het zip-bestand',
            expired: 'Deze link is verlopen',
          }
        : {
            access: /Access/,
            name: 'Your name',
            email: 'Your e-mail address',
            send: 'Send request',
            code: /Code from the e-mail/,
            confirm: 'Confirm',
            codeSubject: 'Your verification code',
            wrongCode: 'This code is not right.',
            confirmed: 'Thank you, your request is confirmed',
            linkSubject: 'Your data are ready',
            downloadCodeSubject: 'Your download code',
            sendCode: 'Send me a code',
            download: 'Download',
            wrongDownloadCode: 'The code is not right.',
            downloadFile: 'Download the zip file',
            expired: 'This link has expired',
          };

    it(`a reload after a wrong code uses up no attempt; the right code with a space works, the download leaves no error, an expired link gets its page (${lang})`, async () => {
      const subject = await newSubject(b, { language: lang });
      const email = subject.email ?? '';
      const page = await visitor(lang);
      // Reloading a page that was the answer to a POST would make Chromium post again; say yes if it asks.
      page.on('dialog', (d) => void d.accept());

      await page.goto(`${b.baseUrl}${prefix}/privacy/request`);
      await page.getByLabel(w.access).check();
      await page.getByLabel(w.name, { exact: true }).fill(`${subject.firstName} ${subject.lastName}`);
      await page.getByLabel(w.email, { exact: true }).fill(email);
      await page.getByRole('button', { name: w.send }).click();
      await page.waitForURL(/\/privacy\/request\/verify\?reference=V-/);
      const reference = new URL(page.url()).searchParams.get('reference') ?? '';
      const request = await b.database.db
        .selectFrom('rights_requests')
        .select('id')
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();
      const code = codeIn(await mailTo(email, w.codeSubject));

      // A wrong code: said at the field; one attempt counted.
      await page.getByLabel(w.code).fill(otherThan(code));
      await page.getByRole('button', { name: w.confirm }).first().click();
      await page.waitForURL(/problem=codeWrong/);
      expect(await page.locator('#code-error').textContent()).toContain(w.wrongCode);
      expect(page.url()).not.toContain(otherThan(code));
      expect(await attempts(request.id, 'email_code')).toBe(1);
      await check(page, `verify-wrong-${lang}`, lang);
      // The reload shows the same page and tries nothing again.
      const reloaded = await page.reload();
      expect(reloaded?.request().method()).toBe('GET');
      expect(await page.locator('#code-error').textContent()).toContain(w.wrongCode);
      expect(await attempts(request.id, 'email_code')).toBe(1);

      // The right code, typed with a space.
      await page.getByLabel(w.code).fill(spaced(code));
      await page.getByRole('button', { name: w.confirm }).first().click();
      await expect.poll(() => page.locator('h1').textContent()).toBe(w.confirmed);
      expect(await page.locator('[data-error-code]').count()).toBe(0);
      await page.reload();
      expect(await page.locator('h1').textContent()).toBe(w.confirmed);
      expect(
        (
          await b.database.db
            .selectFrom('rights_requests')
            .select('status')
            .where('id', '=', request.id)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('verified');

      // The package: decided and released by the dpo through the API; the link arrives.
      const decided = await b.app.inject({
        method: 'POST',
        url: `/api/requests/${request.id}/decision`,
        headers: { cookie: dpo },
        payload: { decision: 'granted' },
      });
      expect(decided.statusCode, decided.body).toBe(200);
      const listed = await b.app.inject({ url: `/api/requests/${request.id}/access-packages`, headers: { cookie: dpo } });
      const packageId = listed.json<{ packages: { id: string }[] }>().packages[0]?.id ?? '';
      const release = await b.app.inject({
        method: 'POST',
        url: `/api/access-packages/${packageId}/release`,
        headers: { cookie: dpo },
      });
      expect(release.statusCode).toBe(200);
      const link = new RegExp(
        `${PUBLIC_URL.replace(/\./g, '\\.')}(${prefix}/privacy/request/package\\?token=[A-Za-z0-9_-]+)`,
      ).exec(await mailTo(email, w.linkSubject))?.[1];
      expect(link).toBeDefined();

      await page.goto(`${b.baseUrl}${link ?? ''}`);
      await page.getByRole('button', { name: w.sendCode }).click();
      await page.waitForURL(/sent=1/);
      const downloadCode = codeIn(await mailTo(email, w.downloadCodeSubject));
      await page.getByLabel(w.code).fill(otherThan(downloadCode));
      await page.getByRole('button', { name: w.download, exact: true }).click();
      await page.waitForURL(/problem=validation_failed/);
      expect(await page.locator('.problems').textContent()).toContain(w.wrongDownloadCode);
      expect(page.url()).not.toContain(otherThan(downloadCode));
      expect(await attempts(request.id, 'package_code')).toBe(1);
      await page.reload();
      expect(await page.locator('.problems').textContent()).toContain(w.wrongDownloadCode);
      expect(await attempts(request.id, 'package_code')).toBe(1);
      await check(page, `download-wrong-${lang}`, lang);

      // The right code with a space: the page offers the file, without the error of before.
      await page.getByLabel(w.code).fill(spaced(downloadCode));
      await page.getByRole('button', { name: w.download, exact: true }).click();
      await page.waitForURL(/ready=1/);
      expect(await page.locator('[data-error-code]').count()).toBe(0);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: w.downloadFile }).click(),
      ]);
      expect(Object.keys(unzipSync(new Uint8Array(fs.readFileSync(await download.path()))))).toContain('report.html');
      // The page after the download: no error of the wrong code, and the grant is spent and its cookie gone.
      expect(await page.locator('[data-error-code]').count()).toBe(0);
      await check(page, `download-done-${lang}`, lang);
      expect(await page.context().cookies()).toEqual([]);
      const row = await b.database.db
        .selectFrom('access_packages')
        .select('downloaded_at')
        .where('id', '=', packageId)
        .executeTakeFirstOrThrow();
      expect(row.downloaded_at).not.toBeNull();

      // Weeks later the link has expired: a page that says so, in the page's language, with 410.
      await b.database.db
        .updateTable('access_packages')
        .set({ expires_at: '2026-01-01T00:00:00.000Z' })
        .where('id', '=', packageId)
        .execute();
      const late = await page.goto(`${b.baseUrl}${link ?? ''}`);
      expect(late?.status()).toBe(410);
      expect(await page.locator('h1').textContent()).toBe(w.expired);
      await check(page, `link-expired-${lang}`, lang);
    });
  }
});

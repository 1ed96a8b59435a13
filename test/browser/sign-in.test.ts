import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';
import { PASSWORD } from '../harness.ts';

/** The back office in Chromium: sign-in with the second factor, in both languages, accessible. */
describe.runIf(HAS_CHROMIUM)('signing in to the back office (Chromium, sqlite)', () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
  });
  afterAll(async () => b.close());

  it('a new dpo enrols the second factor on first sign-in and reaches the dashboard', async () => {
    const page = await b.newPage('nl');
    await page.goto(`${b.baseUrl}/app/`);
    await page.waitForURL(`${b.baseUrl}/app/login`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'login-nl');
    const email = await b.addUser('dpo');
    const secret = await b.signInAs(page, email);
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    const user = await b.database.db
      .selectFrom('users')
      .select(['totp_confirmed_at', 'last_login_at'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(user.totp_confirmed_at).not.toBeNull();
    await expect.poll(() => page.getByRole('heading', { name: 'Overzicht' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-nl');
  });

  it('shows the key as a QR code drawn by the server, which the page can display under its security policy', async () => {
    const page = await b.newPage('nl');
    await page.goto(`${b.baseUrl}/app/login`);
    await page.getByLabel(/E-mail/).fill(await b.addUser('dpo'));
    await page.getByLabel(/Wachtwoord/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    const qr = page.getByRole('img', { name: 'QR-code met de sleutel voor uw authenticator-app' });
    await qr.waitFor();
    // Loaded (a data: image the Content-Security-Policy allows), not a broken image.
    await expect
      .poll(() => qr.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth > 0))
      .toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'second-factor-nl');
  });

  it('a wrong password is refused with a message, in English too', async () => {
    const page = await b.newPage('en');
    await page.goto(`${b.baseUrl}/app/login`);
    await page.getByLabel(/E-mail/).fill('nobody@senict.test');
    await page.getByLabel(/Password/).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').count()).toBe(1);
    expect(page.url()).toBe(`${b.baseUrl}/app/login`);
    await screenshot(page, 'login-refused-en');
  });
});

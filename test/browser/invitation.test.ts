import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/guard/actor.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';
import { startTestSmtp, type TestSmtp } from '../smtp.ts';

// The links in mail name the public address; the test's server listens elsewhere, so the path is opened there.
const PUBLIC_URL = 'https://kluis.senict.test';
const CHOSEN = 'een wachtzin die alleen ik ken';

/** A form field by its whole label (a required one ends in ' *'), not every field whose label contains the words. */
const field = (label: string): RegExp => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( ?\\*)?$`);

/** Issue 19, part 5: inviting a colleague by mail, and choosing one's own password at the first sign-in. */
describe.runIf(HAS_CHROMIUM)('the first day of a colleague (Chromium, sqlite)', () => {
  let b: BrowserApp;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    b = await startBrowserApp('sqlite', { smtpUrl: smtp.url, publicUrl: PUBLIC_URL });
  });
  afterAll(async () => {
    await b.close();
    await smtp.close();
  });

  /** The path and token of the newest invitation mail to `to`, delivered to the test's SMTP server. */
  const invitationPath = async (to: string): Promise<string> => {
    await b.services.mailDelivery.deliverDue();
    const mail = smtp.messages.filter((m) => m.envelope.to.includes(to)).at(-1);
    const link = /https:\/\/kluis\.senict\.test(\/app\/invitation#[A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1];
    if (link === undefined) throw new Error(`no invitation link mailed to ${to}`);
    return link;
  };

  it('the dpo invites one colleague by mail and gives another a temporary password (Dutch)', async () => {
    const page = await b.newPage('nl');
    await b.signInAs(page, await b.addUser('dpo'));
    await page.goto(`${b.baseUrl}/app/users`);
    await page.getByRole('heading', { name: 'Account toevoegen' }).waitFor();
    // Inviting is what the form does unless the dpo chooses otherwise.
    expect(await page.getByRole('radio', { name: 'Uitnodigen per e-mail' }).isChecked()).toBe(true);
    await page.getByLabel(field('Naam')).fill('Ilse Uitgenodigd');
    await page.getByLabel(field('E-mailadres')).fill('ilse@senict.test');
    await page.getByRole('button', { name: 'Account toevoegen' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'De uitnodiging is verstuurd en geldig tot en met' }).count())
      .toBe(1);
    await expect.poll(() => page.getByText(/Uitgenodigd, tot en met \d{1,2} [a-z]+ \d{4}/).count()).toBe(1);
    const invited = await b.database.db
      .selectFrom('users')
      .select(['id', 'password_change_required'])
      .where('email', '=', 'ilse@senict.test')
      .executeTakeFirstOrThrow();
    expect(await b.database.db.selectFrom('outbox').select('kind').where('related_id', '=', invited.id).execute()).toEqual([
      { kind: 'account_invitation' },
    ]);

    await page.getByRole('radio', { name: 'Ik stel een tijdelijk wachtwoord in' }).check();
    await page.getByLabel(field('Naam')).fill('Tom Tijdelijk');
    await page.getByLabel(field('E-mailadres')).fill('tom@senict.test');
    await page.getByLabel(field('Wachtwoord')).fill('tijdelijk wachtwoord van de fg');
    await page.getByRole('button', { name: 'Account toevoegen' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Account aangemaakt voor tom@senict.test.' }).count())
      .toBe(1);
    expect(
      (
        await b.database.db
          .selectFrom('users')
          .select('password_change_required')
          .where('email', '=', 'tom@senict.test')
          .executeTakeFirstOrThrow()
      ).password_change_required,
    ).toBe(1);
    await expect.poll(() => page.getByText('Moet wachtwoord wijzigen').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-invite-nl');
  });

  it.each(['nl', 'en'] as const)(
    'the invited colleague chooses a password from the link in the mail and signs in (%s)',
    async (language) => {
      const email = `uitgenodigd-${language}@senict.test`;
      await b.services.users.add(cliActor(), { email, displayName: `Uitgenodigd ${language}`, role: 'staff', language });
      const page = await b.newPage(language);
      await page.goto(`${b.baseUrl}${await invitationPath(email)}`);
      const nl = language === 'nl';
      await page.getByRole('heading', { name: nl ? 'Welkom bij Kluis' : 'Welcome to Kluis' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel(field(nl ? 'Nieuw wachtwoord' : 'New password')).fill('wachtwoord12');
      await page.getByLabel(field(nl ? 'Nieuw wachtwoord herhalen' : 'Repeat the new password')).fill('wachtwoord12');
      await page.getByRole('button', { name: nl ? 'Wachtwoord instellen' : 'Set password' }).click();
      // Refused in the page's language: a common password.
      await expect.poll(() => page.getByRole('alert').count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel(field(nl ? 'Nieuw wachtwoord' : 'New password')).fill(CHOSEN);
      await page.getByLabel(field(nl ? 'Nieuw wachtwoord herhalen' : 'Repeat the new password')).fill(CHOSEN);
      await page.getByRole('button', { name: nl ? 'Wachtwoord instellen' : 'Set password' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: nl ? 'Uw wachtwoord is ingesteld.' : 'Your password has been set.' })
        .waitFor();
      await screenshot(page, `invitation-${language}`);
      await page.getByRole('link', { name: nl ? 'Naar aanmelden' : 'Go to sign in' }).click();
      await page.getByLabel(/E-mail/).fill(email);
      await page.getByLabel(field(nl ? 'Wachtwoord' : 'Password')).fill(CHOSEN);
      await page.getByRole('button', { name: nl ? 'Aanmelden' : 'Sign in' }).click();
      await page.waitForURL(/\/app\/?$/);
      expect(
        (await b.database.db.selectFrom('users').select('last_login_at').where('email', '=', email).executeTakeFirstOrThrow())
          .last_login_at,
      ).not.toBeNull();

      // The link worked once: opened again, it says so in words.
      const again = await b.newPage(language);
      await again.goto(`${b.baseUrl}${await invitationPath(email)}`);
      await again.getByLabel(field(nl ? 'Nieuw wachtwoord' : 'New password')).fill('nog een heel andere wachtzin');
      await again
        .getByLabel(field(nl ? 'Nieuw wachtwoord herhalen' : 'Repeat the new password'))
        .fill('nog een heel andere wachtzin');
      await again.getByRole('button', { name: nl ? 'Wachtwoord instellen' : 'Set password' }).click();
      await again
        .getByRole('alert')
        .filter({ hasText: nl ? 'Deze uitnodigingslink werkt niet (meer).' : 'This invitation link does not work (any more).' })
        .waitFor();
      expect(await seriousViolations(again)).toEqual([]);
    },
  );

  it.each(['nl', 'en'] as const)(
    'a colleague with a password the dpo set must choose their own before anything else (%s)',
    async (language) => {
      const email = `tijdelijk-${language}@senict.test`;
      const given = 'door de fg gekozen wachtzin';
      await b.services.users.add(
        cliActor(),
        { email, displayName: `Tijdelijk ${language}`, role: 'staff', password: given },
        { temporary: true },
      );
      const nl = language === 'nl';
      const page = await b.newPage(language);
      await page.goto(`${b.baseUrl}/app/login`);
      await page.getByLabel(/E-mail/).fill(email);
      await page.getByLabel(field(nl ? 'Wachtwoord' : 'Password')).fill(given);
      await page.getByRole('button', { name: nl ? 'Aanmelden' : 'Sign in' }).click();
      await page.waitForURL(/\/app\/change-password$/);
      await page.getByRole('heading', { name: nl ? 'Kies uw eigen wachtwoord' : 'Choose your own password' }).waitFor();
      // Any other page of the back office leads back here.
      await page.goto(`${b.baseUrl}/app/customers`);
      await page.waitForURL(/\/app\/change-password$/);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `first-password-${language}`);
      await page.getByLabel(field(nl ? 'Huidig wachtwoord' : 'Current password')).fill(given);
      await page.getByLabel(field(nl ? 'Nieuw wachtwoord' : 'New password')).fill(CHOSEN);
      await page.getByLabel(field(nl ? 'Nieuw wachtwoord herhalen' : 'Repeat the new password')).fill(CHOSEN);
      await page.getByRole('button', { name: nl ? 'Wachtwoord wijzigen' : 'Change password' }).click();
      await page.waitForURL(/\/app\/?$/);
      expect(
        (
          await b.database.db
            .selectFrom('users')
            .select('password_change_required')
            .where('email', '=', email)
            .executeTakeFirstOrThrow()
        ).password_change_required,
      ).toBe(0);
    },
  );
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSubject } from '../factories.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';

// The back office's pages of part B, each in Dutch and English, checked by axe and saved as screenshots.
const PAGES = [
  { path: 'disclosures', nl: 'Verstrekkingen aan derden', en: 'Disclosures to third parties' },
  { path: 'retention', nl: 'Bewaren en verwijderen', en: 'Retention and deletion' },
  { path: 'breaches', nl: 'Datalekken', en: 'Personal data breaches' },
  { path: 'policy', nl: 'Beleid en registers', en: 'Policy and registers' },
  { path: 'users', nl: 'Gebruikers en API-tokens', en: 'Users and API tokens' },
  { path: 'account', nl: 'Mijn account', en: 'My account' },
];

describe.runIf(HAS_CHROMIUM)('the dpo areas of the back office (Chromium, sqlite)', () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
  }, 60_000);
  afterAll(async () => b.close());

  it('shows each page in both languages without serious accessibility violations', async () => {
    const subject = await newSubject(b);
    const now = new Date(Date.now() - 60 * 60 * 60 * 1000).toISOString();
    await b.services.breaches.record(
      { kind: 'cli', id: 'test', role: 'dpo' },
      {
        becameAwareAt: now,
        description: 'Laptop met klantgegevens gestolen',
        subjectCategories: ['klanten'],
        dataCategories: ['user.name'],
        approxSubjects: 40,
        approxRecords: 120,
        consequences: 'Mogelijk misbruik van contactgegevens',
        measures: 'Schijf was versleuteld; wachtwoorden gewijzigd',
        risk: 'high',
      },
    );
    const dpoEmail = await b.addUser('dpo');
    for (const language of ['nl', 'en'] as const) {
      const page = await b.newPage(language);
      if (language === 'nl') await b.signInAs(page, dpoEmail);
      else {
        // The same dpo in a second browser: wait for a fresh step of the app's codes.
        const secret =
          (await b.database.db.selectFrom('users').select('totp_secret').where('email', '=', dpoEmail).executeTakeFirstOrThrow())
            .totp_secret ?? '';
        await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 200));
        await b.signInAs(page, dpoEmail, secret);
      }
      for (const p of PAGES) {
        await page.goto(`${b.baseUrl}/app/${p.path}`);
        await expect.poll(() => page.getByRole('heading', { level: 2, name: p[language] }).count()).toBe(1);
        await page.waitForLoadState('networkidle');
        if (p.path === 'disclosures' || p.path === 'retention') {
          // Pick the customer, so the page shows its log and forms too.
          await page
            .getByLabel(language === 'nl' ? 'Klant' : 'Customer', { exact: true })
            .first()
            .fill(subject.lastName);
          await page
            .getByRole('button', { name: language === 'nl' ? 'Zoeken' : 'Search' })
            .first()
            .click();
          await page
            .getByRole('button', { name: new RegExp(subject.reference) })
            .first()
            .click();
          await page.waitForLoadState('networkidle');
        }
        expect(await seriousViolations(page), `${p.path} in ${language}`).toEqual([]);
        await screenshot(page, `${p.path}-${language}`);
      }
      await page.goto(`${b.baseUrl}/app/breaches`);
      await page.getByRole('link', { name: /\d/ }).first().click();
      await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toMatch(/Datalek van|Breach of/);
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page), `breach in ${language}`).toEqual([]);
      await screenshot(page, `breach-${language}`);
    }
  }, 180_000);

  it('tells the persons of a high-risk breach by letter, each found by name, and the letters reach the outbox', async () => {
    const anna = await newSubject(b, { lastName: 'Brieflezer', email: 'anna.brief@example.nl' });
    const awareAt = new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString();
    const breach = await b.services.breaches.record(
      { kind: 'cli', id: 'test', role: 'dpo' },
      {
        becameAwareAt: awareAt,
        description: 'Verkeerd verzonden factuurmail',
        subjectCategories: ['klanten'],
        dataCategories: ['user.name'],
        approxSubjects: 1,
        approxRecords: 1,
        consequences: 'Naam bij een ander bekend',
        measures: 'Ontvanger gevraagd te verwijderen',
        risk: 'high',
      },
    );
    const page = await b.newPage('nl');
    await b.signInAs(page, await b.addUser('dpo'));
    await page.goto(`${b.baseUrl}/app/breaches/${breach.id}`);
    await page.getByLabel('Betrokkene toevoegen').fill('Brieflezer');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('button', { name: new RegExp(anna.reference) }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Gekozen betrokkenen' }).textContent()).toContain(anna.reference);
    await page.getByLabel('Wat er gebeurde (in gewone taal)').fill('Uw naam stond in een mail die naar een andere klant ging.');
    await page.getByLabel('Waarschijnlijke gevolgen').fill('Een andere klant kent uw naam.');
    await page.getByLabel('Genomen of voorgestelde maatregelen').fill('De ontvanger heeft de mail verwijderd.');
    await page.getByRole('button', { name: 'Brieven versturen' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('1 brief/brieven verstuurd');
    const letters = await b.database.db
      .selectFrom('outbox')
      .select(['to_address'])
      .where('related_type', '=', 'breach')
      .where('related_id', '=', breach.id)
      .execute();
    expect(letters).toEqual([{ to_address: 'anna.brief@example.nl' }]);
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);

  it('refuses a staff user the dpo pages: the page says so, the API answered 403, and nothing was done', async () => {
    const email = await b.addUser('staff');
    const page = await b.newPage('nl');
    await b.signInAs(page, email);
    const before = await b.database.db
      .selectFrom('processing_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/retention/forecast')),
      page.goto(`${b.baseUrl}/app/retention`),
    ]);
    expect(answer.status()).toBe(403);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('U heeft geen toegang');
    expect(await page.getByRole('button', { name: 'Nu opruimen' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'retention-refused-nl');

    const [findings] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/policy/findings')),
      page.goto(`${b.baseUrl}/app/policy`),
    ]);
    expect(findings.status()).toBe(403);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('U heeft geen toegang');
    expect(await page.getByRole('button', { name: 'Publiceren' }).count()).toBe(0);
    // Publishing straight through the API from the signed-in browser: refused too, nothing published.
    const publish = await page.evaluate(async () => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const response = await fetch('/api/statement/publish', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: '{}',
      });
      return { status: response.status, body: (await response.json()) as { error: { code: string } } };
    });
    expect(publish).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect(await b.database.db.selectFrom('statement_versions').select('version').execute()).toEqual([]);
    // Whatever the API logged of these attempts is a refusal of the staff user, never an allowed operation.
    const logged = await b.database.db
      .selectFrom('processing_log')
      .select(['operation', 'record_type', 'outcome', 'actor_role'])
      .where('seq', '>', Number(before.seq))
      .execute();
    expect(logged.filter((e) => e.outcome !== 'denied' || e.actor_role !== 'staff')).toEqual([]);
  }, 60_000);
});

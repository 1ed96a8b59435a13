import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorSettings } from '../../src/doctor/doctor-settings.ts';
import { cliActor } from '../../src/guard/actor.ts';
import { newRequest } from '../support/executions.ts';
import { withConsentPurpose } from '../policies.ts';
import { customer } from '../support/rights-e2e.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp, wordsOnly } from '../browser.ts';

/**
 * Issue 19, "done when": the pages a person works in all day, in both languages, looked at as screenshots
 * (test/browser/screenshots/look-*.png) and checked for what a reader must never see: an id, an error code, English on
 * a Dutch page, a serious accessibility fault.
 */
describe.runIf(HAS_CHROMIUM)('the main pages, looked at in both languages (Chromium, sqlite)', () => {
  let b: BrowserApp;
  const at: Record<string, string> = {};

  beforeAll(async () => {
    // A policy with a fourth purpose: the forms must offer the policy's purposes, not a list of their own.
    b = await startBrowserApp('sqlite', { policy: withConsentPurpose() });
    const actor = cliActor();
    const c = await customer(b);
    at.customer = `/customers/${c.subject.id}`;
    const undecided = { status: 'verified', decision: null, decided_at: null, decided_by: null } as const;
    at.erasure = `/requests/${(await newRequest(b, 'erasure', c.subject.id, undecided)).id}`;
    at.request = `/requests/${(await newRequest(b, 'access', c.subject.id, { ...undecided, status: 'received', verified_at: null })).id}`;
    at.mailed = `/requests/${(await newRequest(b, 'question', c.subject.id, { ...undecided, status: 'received', verified_at: null, channel: 'email' })).id}`;
    await b.services.legalHolds.place(actor, c.subject.id, {
      reason: 'Geschil over de factuur',
      reviewOn: `${new Date().getFullYear() + 1}-03-31`,
    });
    const breach = await b.services.breaches.record(actor, {
      becameAwareAt: new Date(Date.now() - 30 * 3_600_000).toISOString(),
      description: 'Laptop met klantgegevens gestolen uit auto',
      subjectCategories: ['klanten'],
      dataCategories: ['user.name', 'user.contact.email'],
      approxSubjects: 40,
      approxRecords: 40,
      consequences: 'Mogelijk inzage door derden',
      measures: 'Schijf versleuteld, wachtwoorden gewijzigd',
      risk: 'risk',
    });
    at.breach = `/breaches/${breach.id}`;
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
  }, 120_000);
  afterAll(async () => b.close());

  /** Waits until the page has drawn its data: no request in flight, no skeleton, no loading text. */
  const settled = async (page: Page) => {
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('[aria-busy="true"], .mantine-Skeleton-root').count()).toBe(0);
    await expect.poll(() => page.getByText(/^(Laden…|Loading…)$/).count()).toBe(0);
  };
  const look = async (page: Page, where: string, name: string) => {
    await page.goto(`${b.baseUrl}/app${where}`);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await settled(page);
    await screenshot(page, `look-${name}`);
    expect.soft([...(await seriousViolations(page)), ...(await wordsOnly(page))], name).toEqual([]);
  };

  for (const language of ['nl', 'en'] as const) {
    it(`shows the dpo's pages in words of the language (${language})`, async () => {
      const page = await b.newPage(language);
      page.setDefaultTimeout(15_000);
      await b.signInAs(page, await b.addUser('dpo'));
      await look(page, '/', `start-dpo-${language}`);
      await look(page, at.customer ?? '', `customer-${language}`);
      await look(page, at.request ?? '', `request-${language}`);
      await look(page, at.erasure ?? '', `erasure-preview-${language}`);
      await look(page, '/retention', `retention-${language}`);
      await look(page, at.breach ?? '', `breach-${language}`);
    }, 180_000);

    it(`shows staff's start page in words of the language (${language})`, async () => {
      const page = await b.newPage(language);
      page.setDefaultTimeout(15_000);
      await b.signInAs(page, await b.addUser('staff'));
      await look(page, '/', `start-staff-${language}`);
    }, 120_000);

    it(`offers the policy's purposes by their names when a mailed request becomes an objection (${language})`, async () => {
      const words = {
        nl: { kind: 'Soort', objection: 'Bezwaar', purpose: 'Over welk doel' },
        en: { kind: 'Kind', objection: 'Objection', purpose: 'Which purpose' },
      }[language];
      const page = await b.newPage(language);
      page.setDefaultTimeout(15_000);
      await b.signInAs(page, await b.addUser('staff'));
      await page.goto(`${b.baseUrl}/app${at.mailed ?? ''}`);
      await page.getByRole('combobox', { name: words.kind, exact: true }).click();
      await page.getByRole('option', { name: words.objection, exact: true }).click();
      await page.getByRole('combobox', { name: words.purpose }).click();
      const expected = Object.values(b.services.policy.document.purposes).map((p) => p.name[language]);
      expect(expected).toHaveLength(4);
      await expect.poll(() => page.getByRole('option').allInnerTexts()).toEqual(expected);
      expect.soft([...(await seriousViolations(page)), ...(await wordsOnly(page))]).toEqual([]);
    }, 120_000);
  }
});

import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorSettings } from '../../src/doctor/doctor-settings.ts';
import { cliActor } from '../../src/guard/actor.ts';
import { newRequest } from '../support/executions.ts';
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
    b = await startBrowserApp('sqlite');
    const actor = cliActor();
    const c = await customer(b);
    at.customer = `/customers/${c.subject.id}`;
    const undecided = { status: 'verified', decision: null, decided_at: null, decided_by: null } as const;
    at.erasure = `/requests/${(await newRequest(b, 'erasure', c.subject.id, undecided)).id}`;
    at.request = `/requests/${(await newRequest(b, 'access', c.subject.id, { ...undecided, status: 'received', verified_at: null })).id}`;
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
  }
});

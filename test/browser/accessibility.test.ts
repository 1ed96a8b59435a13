import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/guard/actor.ts';
import { NAVIGATION } from '../../web/src/app/navigation.ts';
import { type AxeViolation, type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';
import { newAgreement, newCase, newInvoice, newSubject } from '../factories.ts';

// Issue 8, point 3: no serious or critical axe violation on any page of the back office, and the keyboard
// reaches everything. The pages are read from the router itself, so a page added later is swept too; a page
// with an id in its path gets one from SAMPLE_IDS, or else follows the first link to it from its list.
// What the callbacks run in the page see (the server's tsconfig has no DOM types; these are the parts used).
interface InPage {
  document: { activeElement: InPageElement | null; body: unknown; documentElement: { lang: string }; title: string };
  getComputedStyle(
    el: InPageElement,
  ): Record<'outlineStyle' | 'outlineWidth' | 'outlineColor' | 'boxShadow' | 'borderColor' | 'backgroundColor', string>;
}
interface InPageElement {
  type?: string;
  getAttribute(name: string): string | null;
  blur(): void;
  focus(options: { focusVisible: boolean }): void;
}

const ROUTER = path.resolve(import.meta.dirname, '../../web/src/app/router.tsx');

/** Every path of the router under the signed-in frame, plus every menu entry: `/`, `/customers`, `/customers/:id`, … */
function backOfficePaths(): string[] {
  const source = fs.readFileSync(ROUTER, 'utf8');
  const routed = [...source.matchAll(/path:\s*'([^']+)'/g)]
    .map((m) => m[1] ?? '')
    .filter((p) => p !== '/' && p !== '*' && p !== '/login');
  const all = ['/', ...routed.map((p) => `/${p.replace(/^\//, '')}`), ...NAVIGATION.map((n) => n.to)];
  return [...new Set(all)];
}

describe.runIf(HAS_CHROMIUM)('accessibility of the back office (Chromium, sqlite)', { timeout: 240_000 }, () => {
  let b: BrowserApp;
  const sampleIds: Record<string, string> = {};

  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
    // One of everything a page with an id shows, so those pages are swept with content in them.
    const actor = cliActor();
    const subject = await newSubject(b);
    const agreement = await newAgreement(b, subject.id, { endDate: '2026-02-28' });
    const invoice = await newInvoice(b, subject.id, { agreementId: agreement.id });
    await b.services.invoices.issue(actor, invoice.id, { completedOn: '2026-03-31' });
    const opened = await newCase(b, subject.id);
    const receipt = await b.services.rights.intake.fileFromPortal(
      { kind: 'access', name: 'Anna de Vries', email: subject.email ?? '', details: 'Alles graag', language: 'nl' },
      { ip: '192.0.2.7' },
    );
    const request = await b.database.db
      .selectFrom('rights_requests')
      .select('id')
      .where('reference', '=', receipt.reference)
      .executeTakeFirstOrThrow();
    const breach = await b.services.breaches.record(actor, {
      becameAwareAt: new Date().toISOString(),
      description: 'Laptop kwijt',
      subjectCategories: ['klanten'],
      dataCategories: ['user.name'],
      approxSubjects: 1,
      approxRecords: 1,
      consequences: 'Onbekend',
      measures: 'Schijf was versleuteld',
      risk: 'high',
    });
    // A mail waiting in the triage inbox, as the mailbox takes it in.
    const raw = Buffer.from(
      [
        'From: Anna de Vries <anna@example.nl>',
        'To: info@senict.nl',
        'Subject: Vraag over de offerte',
        '',
        'Klopt het bedrag?',
        '',
      ].join('\r\n'),
    );
    const taken = await b.services.mailbox.intake.take(
      {
        folder: 'INBOX',
        uidValidity: '1',
        uid: 1,
        arrivedAt: new Date(),
        size: raw.length,
        envelope: { from: null, subject: null },
      },
      raw,
    );
    const waiting = await b.database.db
      .selectFrom('mailbox_reads')
      .select('inbox_item_id')
      .where('id', '=', taken.readId ?? '')
      .executeTakeFirstOrThrow();
    // An organisation with its contact person (issue 20).
    const organisation = await b.services.organisations.organisations.create(actor, {
      name: 'Bouwbedrijf Dekker B.V.',
      kind: 'legal_entity',
      kvkNumber: '30123456',
    });
    await b.services.organisations.organisations.addContact(actor, organisation.id, { subjectId: subject.id, role: 'inkoper' });
    Object.assign(sampleIds, {
      customers: subject.id,
      invoices: invoice.id,
      cases: opened.id,
      requests: request.id,
      breaches: breach.id,
      inbox: waiting.inbox_item_id ?? '',
      organisations: organisation.id,
    });
  });
  afterAll(async () => b.close());

  /** The concrete URL of a route: ids filled from the samples, or from the first link to such a page on its list. */
  async function resolve(page: Page, route: string): Promise<string | undefined> {
    if (!route.includes(':')) return route;
    const [area] = route.split('/').filter((s) => s !== '');
    const id = area === undefined ? undefined : sampleIds[area];
    if (id !== undefined) return route.replace(/:[^/]+/, id);
    await page.goto(`${b.baseUrl}/app/${area ?? ''}`);
    await page.waitForLoadState('networkidle');
    const prefix = `/app${route.slice(0, route.indexOf(':'))}`;
    const href = await page
      .locator(`a[href^="${prefix}"]`)
      .first()
      .getAttribute('href', { timeout: 2000 })
      .catch(() => null);
    return href?.replace(/^\/app/, '') ?? undefined;
  }

  /** Waits until the page has its title and nothing is loading, then runs axe. */
  async function sweep(page: Page, url: string): Promise<AxeViolation[]> {
    await page.goto(`${b.baseUrl}/app${url}`);
    await page.waitForLoadState('networkidle');
    await page
      .locator('main h2')
      .first()
      .waitFor({ timeout: 5000 })
      .catch(() => undefined);
    await expect
      .poll(() => page.locator('.mantine-Loader-root').count(), { timeout: 5000 })
      .toBe(0)
      .catch(() => undefined);
    // A document without lang or title is one still being replaced (a navigation in flight), not the page.
    await page
      .waitForFunction(
        () => {
          const { document } = globalThis as unknown as InPage;
          return document.documentElement.lang !== '' && document.title !== '';
        },
        undefined,
        { timeout: 5000 },
      )
      .catch(() => undefined);
    return seriousViolations(page);
  }

  it('no page has a serious or critical violation, in Dutch and in English, signed in as dpo', async () => {
    const page = await b.newPage('nl');
    await b.signInAs(page, await b.addUser('dpo'));
    const routes = backOfficePaths();
    expect(routes.length).toBeGreaterThan(1);
    const found: Record<string, AxeViolation[]> = {};
    const unresolved: string[] = [];
    for (const language of ['nl', 'en'] as const) {
      await page.evaluate((l) => localStorage.setItem('kluis.language', l), language);
      for (const route of routes) {
        const url = await resolve(page, route);
        if (url === undefined) {
          unresolved.push(route);
          continue;
        }
        const violations = await sweep(page, url);
        if (violations.length > 0) {
          found[`${language} ${url}`] = violations;
          await screenshot(page, `a11y-${language}${url.replace(/[^a-z0-9]+/gi, '-')}`);
        }
      }
    }
    expect(unresolved, 'routes with an id for which no page could be found: add a sample id').toEqual([]);
    expect(found).toEqual({});
  });

  it('signs in with Tab, typing and Enter only, and operates the menu from the keyboard with a visible focus', async () => {
    const page = await b.newPage('en');
    const email = await b.addUser('staff');
    await page.goto(`${b.baseUrl}/app/login`);
    await page.waitForLoadState('networkidle');
    // From the top of the page, the first Tab reaches the e-mail field.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.type)).toBe('email');
    await expectVisibleFocus(page);
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.type)).toBe('password');
    await page.keyboard.type('correct horse battery staple');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app\/?$/);

    // Tab on to the menu: every entry of the role is reached in order, and Enter opens it.
    const target = NAVIGATION.find((n) => n.to === '/requests');
    const seen: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      await page.keyboard.press('Tab');
      const href = await page.evaluate(
        () => (globalThis as unknown as InPage).document.activeElement?.getAttribute('href') ?? null,
      );
      if (href !== null) seen.push(href);
      if (href === `/app${target?.to ?? ''}`) break;
    }
    expect(seen).toContain('/app/requests');
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app\/requests$/);
    await expect.poll(() => page.locator('nav a[aria-current="page"]').getAttribute('href')).toBe('/app/requests');
    await screenshot(page, 'a11y-keyboard-menu-en');
  });
});

/** The focused element shows it: its outline, shadow, border or background differ from the same element unfocused. */
async function expectVisibleFocus(page: Page): Promise<void> {
  const focused = await page.evaluateHandle(() => (globalThis as unknown as InPage).document.activeElement);
  expect(
    await focused.evaluate((el) => el !== null && el !== (globalThis as unknown as InPage).document.body),
    'an element has the focus',
  ).toBe(true);
  const look = () =>
    focused.evaluate((el) => {
      const s = (globalThis as unknown as InPage).getComputedStyle(el as InPageElement);
      return [
        s.outlineStyle === 'none' ? 'none' : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
        s.boxShadow,
        s.borderColor,
        s.backgroundColor,
      ].join(' | ');
    });
  // Mantine eases the border colour in over 100 ms: each look is read once the transition is over.
  await page.waitForTimeout(250);
  const withFocus = await look();
  await focused.evaluate((el) => (el as InPageElement).blur());
  await page.waitForTimeout(250);
  const withoutFocus = await look();
  await focused.evaluate((el) => (el as InPageElement).focus({ focusVisible: true }));
  expect(withFocus, 'the focus is visible').not.toBe(withoutFocus);
}

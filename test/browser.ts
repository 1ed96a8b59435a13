import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { inject } from 'vitest';
import type { Dialect } from '../src/db/database.ts';
import { cliActor } from '../src/guard/actor.ts';
import { totpCode } from '../src/accounts/totp.ts';
import { WEB_DIST } from '../src/http/web-app.routes.ts';
import { PASSWORD, type TestApp, type TestAppOptions, startTestApp } from './harness.ts';
import { chromiumPath } from './prerequisites.ts';

/** Debian's Chromium (the `chromium` package; `npm test` installs it where it may): no browser is downloaded. */
export const CHROMIUM = chromiumPath();
/** Whether this run has Chromium; without it the browser tests are skipped (`describe.runIf(HAS_CHROMIUM)`). */
export const HAS_CHROMIUM = inject('prerequisites').chromium;
export const SCREENSHOTS = path.resolve(import.meta.dirname, 'browser/screenshots');
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface BrowserApp extends TestApp {
  /** http://127.0.0.1:<port> of the real server. */
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (its own cookies) in the language, and a page in it. */
  newPage(language?: 'nl' | 'en'): Promise<Page>;
  /** Creates an account of the role (through the service, as `kluis user add` does); returns its e-mail. */
  addUser(role: string): Promise<string>;
  /** Signs in through the sign-in page; a dpo enrols the second factor on the way, as a new dpo does. Returns the TOTP secret, if any. */
  signInAs(page: Page, email: string, secret?: string): Promise<string | undefined>;
}

/** The whole app listening on a free port of 127.0.0.1, with the built back office, and Chromium. */
export async function startBrowserApp(dialect: Dialect, options: TestAppOptions = {}): Promise<BrowserApp> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error('The back office is not built: npm run build:web (npm test does it first)');
  const t = await startTestApp(dialect, options);
  // The harness wraps the app in a Proxy for inject(); listen() runs on the app itself.
  const listen = (Reflect.get(t.app, 'listen', t.app) as (options: { port: number; host: string }) => Promise<string>).bind(
    t.app,
  );
  const address = await listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const contexts: BrowserContext[] = [];
  let users = 0;
  return {
    ...t,
    baseUrl: address,
    browser,
    newPage: async (language = 'nl') => {
      const context = await browser.newContext({
        locale: language === 'nl' ? 'nl-NL' : 'en-GB',
        viewport: { width: 1280, height: 800 },
      });
      contexts.push(context);
      // The back office remembers the language chosen; start each context in the one asked for.
      await context.addInitScript((l) => localStorage.setItem('kluis.language', l), language);
      return context.newPage();
    },
    addUser: async (role) => {
      users += 1;
      const email = `${role}.browser${users}@senict.test`;
      await t.services.users.add(cliActor(), { email, displayName: `${role} ${users}`, role, password: PASSWORD });
      return email;
    },
    signInAs: async (page, email, secret) => {
      await page.goto(`${address}/app/login`);
      await page.getByLabel(/E-mail/).fill(email);
      await page.getByLabel(/Wachtwoord|Password/).fill(PASSWORD);
      await page.getByRole('button', { name: /Aanmelden|Sign in/ }).click();
      if (secret !== undefined) {
        // A code's 30-second step is accepted once (replay protection, src/accounts/totp.ts): wait for a new one.
        await nextTotpStep(email);
        await page.getByLabel(/Code/).fill(await totpCode(secret, new Date()));
        await page.getByRole('button', { name: /Aanmelden|Sign in/ }).click();
        await page.waitForURL(/\/app\/?$/);
        return secret;
      }
      // Signed in: the dashboard, or (a role that needs a second factor, without one) the enrolment.
      // Wait for a page's own heading, not for the address alone: the address changes before the page is drawn.
      await page.waitForURL((url) => !url.pathname.endsWith('/login'));
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      if (!page.url().endsWith('/second-factor')) return undefined;
      const enrolled = (await page.getByTestId('totp-secret').textContent()) ?? '';
      await nextTotpStep(email);
      await page.getByLabel(/Code uit de app|Code from the app/).fill(await totpCode(enrolled, new Date()));
      await page.getByRole('button', { name: /Bevestigen|Confirm/ }).click();
      await page.getByRole('button', { name: /Verder naar Kluis|Continue to Kluis/ }).click();
      await page.waitForURL(/\/app\/?$/);
      return enrolled;
    },
    close: async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await t.close();
    },
  };
}

const TOTP_STEP_MS = 30_000;
const lastStep = new Map<string, number>();

/** Waits until the TOTP step after the one last used for the account, and marks the current one used. */
async function nextTotpStep(email: string): Promise<void> {
  const step = () => Math.floor(Date.now() / TOTP_STEP_MS);
  const used = lastStep.get(email);
  while (used !== undefined && step() <= used) await new Promise((resolve) => setTimeout(resolve, 250));
  lastStep.set(email, step());
}

/** Saves a full-page screenshot under test/browser/screenshots/ (kept out of git; look at them). */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  /** The first few offending elements (selector and HTML), to find them in the page. */
  targets: string[];
}

/**
 * axe-core on the page as it is now: the serious and critical violations (issue 8 allows none). The script
 * is evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern, so
 * the page keeps its real CSP during the test.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // A dialog fading in or out is half transparent: its colours, measured then, fail the contrast check (CI, under load).
  // Judge the page as it settles: wait for every animation and transition that ends (not a spinner's endless one),
  // and look again a few frames later, since a dialog that closes starts its fade a frame or two after the click's
  // effect shows (seen once in organisation-records.test.ts: the confirmation fading out while axe measured it).
  await page.evaluate(async () => {
    const window = globalThis as unknown as {
      requestAnimationFrame(callback: () => void): number;
      document: { getAnimations(): { finished: Promise<unknown>; effect: { getTiming(): { iterations?: number } } | null }[] };
    };
    const frames = () =>
      new Promise<void>((resolve) => window.requestAnimationFrame(() => window.requestAnimationFrame(() => resolve())));
    for (let look = 0; look < 20; look++) {
      await frames();
      const running = window.document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity);
      if (running.length === 0 && look >= 2) return;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
  });
  await page.evaluate(`${AXE_SOURCE};0`);
  const found = await page.evaluate(async () => {
    // In the page: axe is the global the evaluated source defined; `document` is the page's own.
    type Node = {
      target: unknown[];
      html: string;
      any: { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } | null }[];
    };
    const contrast = (n: Node) => {
      const d = n.any[0]?.data;
      return d?.contrastRatio === undefined ? '' : ` (${d.fgColor ?? ''} on ${d.bgColor ?? ''}: ${d.contrastRatio})`;
    };
    const page = globalThis as unknown as {
      axe: {
        run(
          context: unknown,
          options: object,
        ): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: Node[] }[] }>;
      };
      document: unknown;
    };
    const result = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}${contrast(n)} ${n.html.slice(0, 160)}`),
    }));
  });
  return [...found.filter((v) => v.impact === 'serious' || v.impact === 'critical'), ...(await leakedInternals(page))];
}

// What a person must never read on a page: the API's error codes, field paths and raw messages (issue 19).
const INTERNALS = [
  /validation_failed|list_query_invalid|internal_error|second_factor_\w+/,
  /\bbody\.[a-zA-Z]/,
  /Invalid request:/,
  /\((?:[a-z]+_)+[a-z]+\)/,
];

/** The page's visible text checked for internals, reported like an accessibility violation so every axe check finds them. */
async function leakedInternals(page: Page): Promise<AxeViolation[]> {
  const text = await page.locator('body').innerText();
  return INTERNALS.filter((pattern) => pattern.test(text)).map((pattern) => ({
    id: 'internal-text-shown',
    impact: 'serious',
    help: `the page shows ${String(pattern)}: an error code, field path or server message instead of words`,
    nodes: 1,
    targets: [text.match(pattern)?.[0] ?? ''],
  }));
}

// An id as the database keeps it: a person reads names, references and words instead (issue 19, part 3).
const ID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/;
// English a Dutch page of the back office must not show: its own words and the API's (data typed in is Dutch in the tests).
const ENGLISH =
  /\b(?:the|and|with|from|Loading|Search|Next page|Previous page|Customer|Invoices?|Requests?|Issued|Released|Awaiting|Pending|Review|Draft|Unknown|Error|Warning|none)\b/;

/**
 * What a person must not read besides the internals `seriousViolations` finds: an id, or English on a page in
 * Dutch (the page's `lang`). Reported like axe's violations; `[]` when the page speaks words in its own language.
 */
export async function wordsOnly(page: Page): Promise<AxeViolation[]> {
  const [text, lang] = await Promise.all([
    page.locator('body').innerText(),
    page.evaluate(
      () => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang,
    ),
  ]);
  const found: AxeViolation[] = [];
  const id = text.match(ID);
  if (id !== null)
    found.push({ id: 'id-shown', impact: 'serious', help: 'the page shows an internal id', nodes: 1, targets: [id[0]] });
  const english = lang === 'nl' ? text.match(ENGLISH) : null;
  if (english !== null) {
    const at = english.index ?? 0;
    found.push({
      id: 'english-on-dutch-page',
      impact: 'serious',
      help: 'a Dutch page shows English',
      nodes: 1,
      targets: [text.slice(Math.max(0, at - 40), at + 40)],
    });
  }
  return found;
}

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/types.ts';
import { tokenHash } from '../src/rights/access-packages/package-store.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { cliActor } from '../src/guard/actor.ts';
import { buildApp } from '../src/app.ts';
import { WEB_DIST } from '../src/http/web-app.routes.ts';
import { loadPolicy } from '../src/policy/policy.ts';
import { seedRecipientsFromPolicy } from '../src/registers/recipient-seed.ts';
import { type Services, createServices } from '../src/services.ts';

// Issue 8, point 5: the back office's JavaScript at most 350 KB gzipped on first load; each public page under
// 50 KB in total. Sizes, not timings: the same build gives the same figures on any machine.

export const BACK_OFFICE_JS_LIMIT = 350 * 1024;
export const PUBLIC_PAGE_LIMIT = 50 * 1024;
const POLICY_PATH = path.resolve(import.meta.dirname, '../policy/sen-ict.yaml');

export interface AssetSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface BackOfficeSize {
  /** Every script the browser runs before any lazy route: the entry, what index.html preloads, their static imports. */
  scripts: AssetSize[];
  styles: AssetSize[];
  jsGzip: number;
  cssGzip: number;
}

const gzipped = (content: Buffer): number => gzipSync(content, { level: 9 }).length;
const attributes = (html: string, tag: RegExp, attribute: string): string[] =>
  [...html.matchAll(tag)].flatMap((m) => {
    const value = new RegExp(`\\s${attribute}="([^"]+)"`).exec(m[0])?.[1];
    return value === undefined ? [] : [value];
  });
// Static imports of a built chunk (`import{a}from"./x.js"`, `import"./x.js"`); `import("./x.js")` is lazy and left out.
const STATIC_IMPORT = /(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g;

/** What web/dist/index.html makes the browser load on first visit, gzipped as a server would send it. */
export function measureBackOffice(dist: string = WEB_DIST): BackOfficeSize {
  const index = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const local = (href: string) => path.join(dist, href.replace(/^\/app\//, ''));
  const pending = [
    ...attributes(index, /<script\b[^>]*>/g, 'src'),
    ...attributes(index, /<link\b[^>]*rel="modulepreload"[^>]*>/g, 'href'),
  ].map(local);
  const scripts = new Map<string, AssetSize>();
  for (let file = pending.shift(); file !== undefined; file = pending.shift()) {
    if (scripts.has(file)) continue;
    const content = fs.readFileSync(file);
    scripts.set(file, { file: path.relative(dist, file), bytes: content.length, gzip: gzipped(content) });
    for (const m of content.toString('utf8').matchAll(STATIC_IMPORT)) pending.push(path.resolve(path.dirname(file), m[1] ?? ''));
  }
  const styles = attributes(index, /<link\b[^>]*rel="stylesheet"[^>]*>/g, 'href').map((href) => {
    const content = fs.readFileSync(local(href));
    return { file: path.relative(dist, local(href)), bytes: content.length, gzip: gzipped(content) };
  });
  const sum = (list: AssetSize[]) => list.reduce((n, a) => n + a.gzip, 0);
  return { scripts: [...scripts.values()], styles, jsGzip: sum([...scripts.values()]), cssGzip: sum(styles) };
}

export interface PageSize {
  path: string;
  status: number;
  /** Bytes on the wire: status line, headers and body as sent, plus the same for every resource the page loads. */
  bytes: number;
  resources: string[];
  /** Resources from another origin (none are allowed). */
  thirdParty: string[];
}

/** One GET as a browser makes it (it accepts compression), counting the bytes that came over the wire. */
function transfer(url: URL): Promise<{ status: number; bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: 'text/html,*/*', 'accept-encoding': 'gzip, br' } }, (res) => {
      let bytes = `HTTP/1.1 ${res.statusCode ?? 0} ${res.statusMessage ?? ''}\r\n`.length + 2;
      for (let i = 0; i < res.rawHeaders.length; i += 2)
        bytes += `${res.rawHeaders[i] ?? ''}: ${res.rawHeaders[i + 1] ?? ''}\r\n`.length;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        // Only an uncompressed body is read for its resources; the public pages are sent as they are.
        resolve({
          status: res.statusCode ?? 0,
          bytes: bytes + raw.length,
          body: res.headers['content-encoding'] === undefined ? raw.toString('utf8') : '',
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** Every resource a page's HTML makes the browser fetch: scripts, styles, images, icons, frames. */
function resourcesOf(html: string): string[] {
  const refs = [
    ...attributes(html, /<(?:script|img|iframe|source|audio|video)\b[^>]*>/g, 'src'),
    ...attributes(html, /<link\b[^>]*rel="(?:stylesheet|icon|preload|modulepreload|manifest)"[^>]*>/g, 'href'),
  ];
  return refs.filter((r) => !r.startsWith('data:'));
}

/** Fetches each page from a running server and adds up what a browser would transfer for it. */
export async function measurePublicPages(baseUrl: string, paths: string[]): Promise<PageSize[]> {
  const origin = new URL(baseUrl).origin;
  const sizes: PageSize[] = [];
  for (const p of paths) {
    const page = await transfer(new URL(p, baseUrl));
    const resources = resourcesOf(page.body).map((r) => new URL(r, new URL(p, baseUrl)));
    let bytes = page.bytes;
    for (const r of resources.filter((u) => u.origin === origin)) bytes += (await transfer(r)).bytes;
    sizes.push({
      path: p,
      status: page.status,
      bytes,
      resources: resources.map(String),
      thirdParty: resources.filter((u) => u.origin !== origin).map(String),
    });
  }
  return sizes;
}

/** The public pages, in both languages; `reference` and `token` fill the pages that show one. */
export function publicPagePaths(reference: string, token: string): string[] {
  return ['', '/en'].flatMap((prefix) => [
    `${prefix}/privacy`,
    `${prefix}/privacy/versions`,
    `${prefix}/privacy/versions/1`,
    `${prefix}/privacy/versions/1/diff`,
    `${prefix}/privacy/request`,
    `${prefix}/privacy/request/verify?reference=${reference}`,
    `${prefix}/privacy/request/status?reference=${reference}`,
    `${prefix}/privacy/request/package?token=${token}`,
  ]);
}

export interface BudgetServer {
  baseUrl: string;
  reference: string;
  token: string;
  close(): Promise<void>;
}

/**
 * A released package for the request, for the download page (it shows a link we do not know as such, issue 19): a
 * customer and a package row of a few bytes, written directly; only the page is measured, never the zip.
 */
async function releasedPackage(db: Kysely<DB>, services: Services, reference: string): Promise<string> {
  const subject = await services.subjects.create(cliActor(), {
    firstName: 'Anna',
    lastName: 'de Vries',
    email: 'anna@example.nl',
  });
  const request = await db
    .selectFrom('rights_requests')
    .select('id')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  const token = 'A'.repeat(43);
  const now = new Date();
  await db
    .insertInto('access_packages')
    .values({
      id: randomUUID(),
      request_id: request.id,
      subject_id: subject.id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
      token_hash: tokenHash(token),
      content: new Uint8Array([0]),
      size_bytes: 1,
      review_status: 'released',
      reviewed_by: null,
      released_at: now.toISOString(),
      downloaded_at: null,
      deliver_to: null,
      disclosure_id: null,
    })
    .execute();
  return token;
}

/** The app on a scratch SQLite file with the statement published and one request filed, listening on a free port. */
export async function startBudgetServer(): Promise<BudgetServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-budgets-'));
  const database = openDatabase({ dataDir });
  await migrateToLatest(database.db);
  const policy = loadPolicy(POLICY_PATH);
  await seedRecipientsFromPolicy(database.db, policy, new Date().toISOString());
  const services = createServices(database, policy);
  await services.statement.publish(cliActor(), {});
  const receipt = await services.rights.intake.fileFromPortal(
    { kind: 'access', name: 'Anna de Vries', email: 'anna@example.nl', details: '', language: 'nl' },
    { ip: '192.0.2.1' },
  );
  const token = await releasedPackage(database.db, services, receipt.reference);
  const app: FastifyInstance = await buildApp(services, { logLevel: 'silent' });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    baseUrl,
    reference: receipt.reference,
    token,
    close: async () => {
      services.mailDelivery.close();
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BudgetReport {
  backOffice: BackOfficeSize;
  pages: PageSize[];
  /** What exceeds its budget, one line each; empty when every budget is met. */
  exceeded: string[];
}

export function judge(backOffice: BackOfficeSize, pages: PageSize[]): BudgetReport {
  const exceeded = [
    ...(backOffice.jsGzip > BACK_OFFICE_JS_LIMIT
      ? [`back office JavaScript on first load: ${kb(backOffice.jsGzip)} gzipped (limit ${kb(BACK_OFFICE_JS_LIMIT)})`]
      : []),
    ...pages.filter((p) => p.bytes >= PUBLIC_PAGE_LIMIT).map((p) => `${p.path}: ${kb(p.bytes)} (limit ${kb(PUBLIC_PAGE_LIMIT)})`),
    ...pages.filter((p) => p.thirdParty.length > 0).map((p) => `${p.path} loads from elsewhere: ${p.thirdParty.join(', ')}`),
  ];
  return { backOffice, pages, exceeded };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const START = '<!-- bench:budgets -->';
const END = '<!-- /bench:budgets -->';

/** Rewrites the budgets section of BENCHMARKS.md (only between its markers). */
export function writeBudgetsSection(report: BudgetReport, file = path.resolve(import.meta.dirname, '../BENCHMARKS.md')): void {
  const b = report.backOffice;
  const lines = [
    START,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} (\`npm run budgets\`, after \`npm run build:web\`). The back office: every script`,
    '`web/dist/index.html` loads before a lazy route (the entry, its preloads and their static imports), gzipped at level 9.',
    'A public page: status line, headers and body as the server sends them, plus every resource the page loads (none: the',
    'style is inline and the CSP allows nothing else).',
    '',
    '| Budget | Measured | Limit | |',
    '|---|---|---|---|',
    `| Back office JavaScript, first load (${b.scripts.length} files) | ${kb(b.jsGzip)} gzipped (${kb(b.scripts.reduce((n, s) => n + s.bytes, 0))} raw) | ${kb(BACK_OFFICE_JS_LIMIT)} | ${b.jsGzip <= BACK_OFFICE_JS_LIMIT ? 'met' : '**exceeded**'} |`,
    `| Back office CSS, first load (not budgeted) | ${kb(b.cssGzip)} gzipped | | |`,
    ...report.pages.map(
      (p) =>
        `| \`${p.path.replace(/token=[^&]+/, 'token=…')}\` (${p.status}) | ${kb(p.bytes)} | ${kb(PUBLIC_PAGE_LIMIT)} | ${p.bytes < PUBLIC_PAGE_LIMIT && p.thirdParty.length === 0 ? 'met' : '**exceeded**'} |`,
    ),
    '',
    END,
  ];
  const text = fs.readFileSync(file, 'utf8');
  const section = lines.join('\n');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${text.slice(0, start)}${section}${text.slice(end + END.length)}`
      : `${text.trimEnd()}\n\n## Budgets: page weight (issue 8)\n\n${section}\n`;
  fs.writeFileSync(file, next);
}

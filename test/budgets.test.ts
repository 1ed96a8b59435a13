import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACK_OFFICE_JS_LIMIT,
  type BudgetServer,
  PUBLIC_PAGE_LIMIT,
  judge,
  measureBackOffice,
  measurePublicPages,
  publicPagePaths,
  startBudgetServer,
} from '../bench/budgets.ts';
import { WEB_DIST } from '../src/http/web-app.routes.ts';

// Issue 8, point 5, as sizes (not timings): the same figures `npm run budgets` writes to BENCHMARKS.md.
describe('page-weight budgets', () => {
  let server: BudgetServer;
  beforeAll(async () => {
    server = await startBudgetServer();
  });
  afterAll(async () => server.close());

  it('the back office loads at most 350 KB of gzipped JavaScript before any lazy route', () => {
    expect(fs.existsSync(path.join(WEB_DIST, 'index.html')), 'npm run build:web first (npm test does)').toBe(true);
    const size = measureBackOffice();
    expect(size.scripts.length).toBeGreaterThan(0);
    expect(size.scripts.some((s) => /^assets\/index-[\w-]+\.js$/.test(s.file))).toBe(true);
    // Lazy pages are not part of the first load.
    expect(size.scripts.some((s) => s.file.includes('dashboard'))).toBe(false);
    expect(size.jsGzip).toBeLessThanOrEqual(BACK_OFFICE_JS_LIMIT);
  });

  it('every public page, in both languages, is under 50 KB with everything it loads, all from the server itself', async () => {
    const pages = await measurePublicPages(server.baseUrl, publicPagePaths(server.reference, server.token));
    expect(pages).toHaveLength(16);
    for (const p of pages) {
      expect(p.status, p.path).toBe(200);
      expect(p.bytes, p.path).toBeGreaterThan(1000);
      expect(p.bytes, p.path).toBeLessThan(PUBLIC_PAGE_LIMIT);
      expect(p.thirdParty, p.path).toEqual([]);
    }
    expect(judge(measureBackOffice(), pages).exceeded).toEqual([]);
  });

  it('counts the static imports of the entry, not its lazy ones, and reports what is over a budget', () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-budget-dist-'));
    try {
      fs.mkdirSync(path.join(dist, 'assets'));
      // Random bytes do not compress: 400 KB stays over the limit once gzipped.
      const heavy = randomBytes(400 * 1024).toString('base64');
      fs.writeFileSync(path.join(dist, 'assets/index-abc.js'), 'import{a}from"./vendor-x.js";import("./lazy-y.js");');
      fs.writeFileSync(path.join(dist, 'assets/vendor-x.js'), `export const a=${JSON.stringify(heavy)};`);
      fs.writeFileSync(path.join(dist, 'assets/lazy-y.js'), `export const b=${JSON.stringify(heavy)};`);
      fs.writeFileSync(
        path.join(dist, 'index.html'),
        '<script type="module" crossorigin src="/app/assets/index-abc.js"></script>',
      );
      const size = measureBackOffice(dist);
      expect(size.scripts.map((s) => s.file).sort()).toEqual(['assets/index-abc.js', 'assets/vendor-x.js']);
      const report = judge(size, [
        { path: '/privacy', status: 200, bytes: PUBLIC_PAGE_LIMIT, resources: [], thirdParty: ['https://cdn.example/x.js'] },
      ]);
      expect(report.exceeded).toHaveLength(3);
      expect(report.exceeded[0]).toMatch(/^back office JavaScript/);
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});

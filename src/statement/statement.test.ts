import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { businessToday } from '../shared/business-day.ts';
import { longDate } from './dates.ts';
import { StatementService } from './statement.service.ts';
import { policyWith } from '../../test/support/statements.ts';

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
// The same policy with a longer period for agreements: a change of the statement's text.
const threeYears = () => policyWith('period: P2Y\n    from: end_date', 'period: P3Y\n    from: end_date');

describe.each(DIALECTS)('the published statement on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    dpo = await t.signIn('dpo');
    staff = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  const rows = () =>
    t.database.db
      .selectFrom('statement_versions')
      .select(['version', 'content_hash', 'customer_notice', 'material_change', 'change_summary'])
      .orderBy('version')
      .execute();
  const get = (url: string, cookie?: string) =>
    t.app.inject({ method: 'GET', url, headers: cookie === undefined ? {} : { cookie } });
  const publish = (cookie: string | undefined, payload?: object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/statement/publish',
      headers: cookie === undefined ? {} : { cookie },
      ...(payload === undefined ? {} : { payload }),
    });

  it('serves the current policy at /privacy, dated today, before anything is published', async () => {
    const response = await get('/privacy');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CSP);
    expect(response.body).toContain('<html lang="nl">');
    expect(response.body).toContain(`Laatst gewijzigd op ${longDate(businessToday(new Date()), 'nl')}.`);
    expect(response.body.toLowerCase()).not.toContain('concept');
    expect(await rows()).toEqual([]);
  });

  it('refuses publishing to staff (403) and to anonymous callers (401), and publishes nothing', async () => {
    expect((await publish(staff, {})).statusCode).toBe(403);
    expect((await publish(undefined, {})).statusCode).toBe(401);
    expect((await get('/api/statement/preview', staff)).statusCode).toBe(403);
    expect((await get('/api/statement/versions')).statusCode).toBe(401);
    expect(await rows()).toEqual([]);
  });

  it('publishes version 1 in both languages', async () => {
    const response = await publish(dpo, { changeSummary: 'Eerste versie uit het beleid' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      published: true,
      version: { version: 1, materialChange: false, customerNotice: 'none', changeSummary: 'Eerste versie uit het beleid' },
    });
    const [row] = await rows();
    expect(row).toMatchObject({ version: 1, customer_notice: 'none', change_summary: 'Eerste versie uit het beleid' });
    expect(row?.content_hash).toMatch(/^[0-9a-f]{64}$/);
    const stored = await t.database.db
      .selectFrom('statement_versions')
      .select(['markdown_nl', 'markdown_en', 'html_nl', 'html_en'])
      .executeTakeFirstOrThrow();
    expect(stored.markdown_nl).toContain('twee jaar na het einde van de overeenkomst');
    expect(stored.markdown_en).toContain('two years after the end of the agreement');
    expect(stored.html_nl).toContain('<article lang="nl">');
    expect(stored.html_en).toContain('<article lang="en">');
  });

  it('publishes nothing when the text has not changed, and says so', async () => {
    const response = await publish(dpo);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ published: false, version: { version: 1 } });
    expect(response.json<{ message: string }>().message).toContain('Nothing changed since version 1');
    expect(await rows()).toHaveLength(1);
  });

  it('publishes version 2 from a changed policy, recording the customer notice of a material change', async () => {
    const changed = new StatementService(t.database.db, threeYears());
    const result = await changed.publish(cliActor(), { materialChange: true, changeSummary: 'Overeenkomsten drie jaar' });
    expect(result).toMatchObject({ published: true, version: { version: 2, materialChange: true, customerNotice: 'requested' } });
    expect((await rows()).map((r) => [r.version, r.customer_notice, Number(r.material_change)])).toEqual([
      [1, 'none', 0],
      [2, 'requested', 1],
    ]);
  });

  it('serves the newest version at /privacy and /en/privacy, and each version at its own address', async () => {
    expect((await get('/privacy')).body).toContain('Overeenkomst of offerte: drie jaar na het einde van de overeenkomst');
    expect((await get('/en/privacy')).body).toContain('Agreement or quote: three years after the end of the agreement');
    const v1 = await get('/privacy/versions/1');
    expect(v1.statusCode).toBe(200);
    expect(v1.headers['content-security-policy']).toBe(CSP);
    expect(v1.body).toContain('U leest versie 1 van de privacyverklaring');
    expect(v1.body).toContain('twee jaar na het einde van de overeenkomst');
    expect(v1.body).toContain('href="/en/privacy/versions/1"');
    const v1en = await get('/en/privacy/versions/1');
    expect(v1en.body).toContain('<html lang="en">');
    expect(v1en.body).toContain('two years after the end of the agreement');
  });

  it('lists the versions with their dates and links, on the page and in the API', async () => {
    const page = await get('/privacy/versions');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/privacy/versions/2"');
    expect(page.body).toContain('href="/privacy/versions/1/diff"');
    expect(page.body).toContain('Overeenkomsten drie jaar');
    expect(page.body).toContain(longDate(businessToday(new Date()), 'nl'));
    const api = await get('/api/statement/versions', staff);
    expect(api.statusCode).toBe(200);
    expect(api.json<{ versions: { version: number }[] }>().versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('shows what changed in a version against the one before', async () => {
    const response = await get('/privacy/versions/2/diff');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<del>− - Overeenkomst of offerte: twee jaar na het einde van de overeenkomst');
    expect(response.body).toContain('<ins>+ - Overeenkomst of offerte: drie jaar na het einde van de overeenkomst');
    expect(response.body).not.toContain('<ins>+ ## Beveiliging');
    expect((await get('/en/privacy/versions/2/diff')).body).toContain('<ins>+ - Agreement or quote: three years');
  });

  it.each([
    '/privacy/versions/99',
    '/privacy/versions/abc',
    '/privacy/versions/0',
    '/en/privacy/versions/1.5',
    '/privacy/versions/99/diff',
  ])('answers %s with a 404 page carrying not_found', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('data-error-code="not_found"');
  });

  it('previews the statement for the dpo and tells whether it differs from the newest version', async () => {
    const response = await get('/api/statement/preview?lang=en&format=html', dpo);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ lang: 'en', format: 'html', publishedVersion: 2, unpublishedChanges: true });
    expect(response.json<{ content: string }>().content).toContain('two years after the end of the agreement');
  });

  it('refuses to publish what cannot be written truthfully, and publishes nothing', async () => {
    const before = await rows();
    const broken = new StatementService(t.database.db, policyWith('legalBasis: dpv:LegitimateInterest', 'legalBasis: dpv:Whim'));
    await expect(broken.publish(cliActor(), {})).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await rows()).toEqual(before);
  });

  it('renders and publishes from the command line', async () => {
    const md = runCli(t.database, ['statement', 'render', '--lang', 'en', '--format', 'md']);
    expect(md.status, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/^# Privacy statement\n/);
    const html = runCli(t.database, ['statement', 'render', '--format', 'html']);
    expect(html.stdout).toMatch(/^<!doctype html>\n<html lang="nl">/);
    const published = runCli(t.database, ['statement', 'publish', '--material-change', '--summary', 'Terug naar twee jaar']);
    expect(published.status, published.stderr).toBe(0);
    expect(published.stdout).toContain('Published version 3');
    const again = runCli(t.database, ['statement', 'publish']);
    expect(again.stdout).toContain('Nothing changed since version 3');
    expect((await rows()).at(-1)).toMatchObject({
      version: 3,
      customer_notice: 'requested',
      change_summary: 'Terug naar twee jaar',
    });
    expect(runCli(t.database, ['statement', 'render', '--lang', 'de']).status).not.toBe(0);
  });
});

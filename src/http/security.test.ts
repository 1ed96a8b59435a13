import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import fs from 'node:fs';
import path from 'node:path';
import { newCase, newInvoice, newSubject } from '../../test/factories.ts';
import { lastLogEntry, logCount, PASSWORD, startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { PAGE_CSP } from '../pages/send.ts';
import { API_CSP, DOCS_CSP } from './security-headers.ts';
import { WEB_DIST } from './web-app.routes.ts';
import { businessToday } from '../shared/business-day.ts';

describe.each(DIALECTS)('HTTP hardening on %s', (dialect) => {
  let t: TestApp;
  // The same app behind a TLS-terminating proxy on 127.0.0.1 (KLUIS_TRUST_PROXY), reached as https://kluis.senict.test.
  let proxied: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    proxied = await startTestApp(dialect, { trustProxy: ['127.0.0.1'], publicUrl: 'https://kluis.senict.test' });
    staff = await t.signIn('staff');
    await proxied.services.users.add(cliActor(), {
      email: 'proxy@senict.test',
      displayName: 'Proxy',
      role: 'staff',
      password: PASSWORD,
    });
  });
  afterAll(async () => {
    await t.close();
    await proxied.close();
  });

  const subjectCount = async () => (await t.database.db.selectFrom('subjects').select('id').execute()).length;
  const createSubject = (headers: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/subjects',
      headers: { cookie: staff, ...headers },
      payload: { firstName: 'Csrf', lastName: 'Proef' },
    });

  it('puts the security headers on every answer, errors included', async () => {
    for (const [url, status] of [
      ['/healthz', 200],
      ['/api/session', 401],
      ['/api/nothing-here', 404],
      ['/api/subjects?q=anna', 200],
    ] as const) {
      const response = await t.app.inject({ url, headers: url.startsWith('/api/subjects') ? { cookie: staff } : {} });
      expect(response.statusCode, url).toBe(status);
      expect(response.headers, url).toMatchObject({
        'content-security-policy': API_CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'cross-origin-resource-policy': 'same-origin',
      });
      // Plain HTTP, no trusted proxy: HSTS would mean nothing.
      expect(response.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it("lets no browser or proxy keep any answer but the back office's hashed files (Art. 32(1)(b) AVG)", async () => {
    const accountant = await t.signIn('accountant');
    const subject = await newSubject(t, { firstName: 'Cache', lastName: 'Proef' });
    await t.app.inject({
      method: 'POST',
      url: `/api/invoices/${(await newInvoice(t, subject.id)).id}/issue`,
      headers: { cookie: staff },
    });
    await t.services.companies.add(cliActor(), 'administratiekantoor', {
      id: 'boekhouding',
      legalName: 'Boekhouding B.V.',
      kvkNumber: '87654321',
      country: 'NL',
      role: 'processor',
    });
    await t.services.companies.recordAgreement(
      cliActor(),
      { id: 'administratiekantoor', companyId: 'boekhouding' },
      { signedOn: '2025-06-01', documentReference: 'VWO-ADM-2025' },
    );
    const today = businessToday(new Date());
    const answers = {
      'personal data': await t.app.inject({ url: `/api/subjects/${subject.id}/records`, headers: { cookie: staff } }),
      'a search': await t.app.inject({ url: '/api/subjects?q=cache', headers: { cookie: staff } }),
      'the fiscal export': await t.app.inject({
        method: 'POST',
        url: '/api/fiscal-exports',
        headers: { cookie: accountant },
        payload: { from: '2000-01-01', to: today },
      }),
      'not signed in': await t.app.inject('/api/session'),
      'unknown route': await t.app.inject('/api/nothing-here'),
      'unknown record': await t.app.inject({
        url: '/api/subjects/00000000-0000-4000-8000-000000000000/records',
        headers: { cookie: staff },
      }),
      'bad input': await t.app.inject({
        method: 'POST',
        url: '/api/subjects',
        headers: { cookie: staff },
        payload: { nonsense: true },
      }),
      'the statement': await t.app.inject('/privacy'),
      'the request form': await t.app.inject('/en/privacy/request'),
      'the back office page': await t.app.inject('/app/customers'),
      'a missing asset': await t.app.inject('/app/assets/missing-0000.js'),
      health: await t.app.inject('/healthz'),
    };
    expect(answers['personal data'].json()).toMatchObject({ subject: { lastName: 'Proef' } });
    expect(answers['the fiscal export'].headers['content-type']).toContain('text/csv');
    for (const [what, response] of Object.entries(answers)) {
      expect(response.headers['cache-control'], what).toBe('no-store');
      expect(response.headers.pragma, what).toBe('no-cache');
    }
    // The built files carry their hash in their name: those may be kept for a year.
    const asset = fs.readdirSync(path.join(WEB_DIST, 'assets')).find((f) => f.endsWith('.js')) ?? '';
    const cached = await t.app.inject(`/app/assets/${asset}`);
    expect(cached.statusCode).toBe(200);
    expect(cached.headers['cache-control']).toContain('max-age=31536000');
    expect(cached.headers.pragma).toBeUndefined();
  });

  it("keeps the pages' own strict policies, without inline scripts, and forbids framing everywhere", async () => {
    const statement = await t.app.inject('/privacy');
    expect(statement.headers['content-security-policy']).toBe(PAGE_CSP);
    const form = await t.app.inject('/privacy/request');
    expect(form.statusCode).toBe(200);
    expect(form.headers['content-security-policy']).toBe(PAGE_CSP);
    const docs = await t.app.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toBe(DOCS_CSP);
    for (const page of [statement, form, docs]) {
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp).toMatch(/default-src 'none'|script-src 'self'/);
    }
    // A download keeps its sandbox and gets frame-ancestors too.
    const subject = await newSubject(t);
    const opened = await newCase(t, subject.id);
    const message = await t.services.cases.addMessage(cliActor(), opened.id, {
      channel: 'email',
      direction: 'inbound',
      occurredAt: new Date().toISOString(),
      body: 'Bijlage',
      attachments: [
        {
          filename: 'a.html',
          contentType: 'text/html',
          contentBase64: Buffer.from('<script>alert(1)</script>').toString('base64'),
        },
      ],
    });
    const download = await t.app.inject({
      url: `/api/attachments/${message.attachments[0]?.id ?? ''}`,
      headers: { cookie: staff },
    });
    expect(download.headers['content-security-policy']).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
  });

  it("sends HSTS and a Secure cookie over TLS behind a trusted proxy, and takes the client's address from it", async () => {
    const viaProxy = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9', 'x-forwarded-host': 'kluis.senict.test' };
    const health = await proxied.app.inject({ url: '/healthz', headers: viaProxy });
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const signedIn = await proxied.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: viaProxy,
      payload: { email: 'proxy@senict.test', password: PASSWORD },
    });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.cookies.find((c) => c.name === 'kluis_session')).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
    });
    const failed = await proxied.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: viaProxy,
      payload: { email: 'proxy@senict.test', password: 'not the password' },
    });
    expect(failed.statusCode).toBe(401);
    expect((await lastLogEntry(proxied)).reason).toContain('from 203.0.113.9;');

    // Without a trusted proxy, anyone can send these headers: they are not believed.
    const direct = await t.app.inject({ url: '/healthz', headers: viaProxy });
    expect(direct.headers['strict-transport-security']).toBeUndefined();
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: viaProxy,
      payload: { email: 'nobody@senict.test', password: 'not the password' },
    });
    expect(plain.cookies).toEqual([]);
    expect((await lastLogEntry(t)).reason).toContain('from 127.0.0.1;');
  });

  it('refuses a change made with the session cookie without the CSRF token, or with a wrong one, and changes nothing', async () => {
    const before = [await subjectCount(), await logCount(t)];
    const other = await t.signIn('staff');
    for (const headers of [{ 'x-csrf-token': '' }, { 'x-csrf-token': 'guessed' }, { 'x-csrf-token': t.csrfOf(other) }]) {
      const refused = await createSubject(headers);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ error: { code: 'csrf_failed' } });
    }
    const subject = await newSubject(t);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/subjects/${subject.id}`,
      headers: { cookie: staff, 'x-csrf-token': 'guessed' },
      payload: { phone: '+31 30 999 9999' },
    });
    expect(patch.statusCode).toBe(403);
    expect(
      (await t.database.db.selectFrom('subjects').select('phone').where('id', '=', subject.id).executeTakeFirstOrThrow()).phone,
    ).toBe(subject.phone);
    expect([(await subjectCount()) - 1, (await logCount(t)) - 1]).toEqual(before); // only newSubject's own row and entry

    // Reading needs no token; the right one (as the harness sends it, from the sign-in) lets the change through.
    expect((await t.app.inject({ url: '/api/subjects?q=anna', headers: { cookie: staff } })).statusCode).toBe(200);
    expect((await createSubject({ 'x-csrf-token': t.csrfOf(staff) })).statusCode).toBe(201);
    expect((await createSubject({})).statusCode).toBe(201);
  });

  it('refuses a change sent from another site, even with the token', async () => {
    const before = await subjectCount();
    const foreign: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'http://localhost.evil.example' },
      { origin: 'not a url' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of foreign) {
      const refused = await createSubject(headers);
      expect(refused.statusCode, JSON.stringify(headers)).toBe(403);
      expect(refused.json()).toMatchObject({ error: { code: 'foreign_origin' } });
    }
    expect(await subjectCount()).toBe(before);
    // Its own origin, and `null` (what a browser sends for its own form when the page sends no referrer).
    const ours: Record<string, string>[] = [
      { origin: 'http://localhost:80' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-origin' },
    ];
    for (const headers of ours) {
      expect((await createSubject(headers)).statusCode, JSON.stringify(headers)).toBe(201);
    }
    // Behind the proxy: the public URL, and the host the proxy forwarded.
    const session = await proxied.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'proxy@senict.test', password: PASSWORD },
    });
    const headers = {
      cookie: `kluis_session=${session.cookies[0]?.value ?? ''}`,
      'x-csrf-token': session.json<{ csrfToken: string }>().csrfToken,
    };
    const post = (extra: Record<string, string>) =>
      proxied.app.inject({
        method: 'POST',
        url: '/api/subjects',
        headers: { ...headers, ...extra },
        payload: { firstName: 'Achter', lastName: 'Proxy' },
      });
    expect((await post({ origin: 'https://kluis.senict.test', host: '127.0.0.1:8080' })).statusCode).toBe(201);
    expect((await post({ origin: 'https://elders.example', 'x-forwarded-host': 'elders.example' })).statusCode).toBe(201);
    expect((await post({ origin: 'https://evil.example' })).statusCode).toBe(403);
  });

  it('keeps the public request form usable without JavaScript, with or without a session cookie', async () => {
    const body = new URLSearchParams({
      kind: 'question',
      name: 'Zonder Script',
      email: 'zonder@example.nl',
      details: 'Bewaren jullie mijn facturen?',
    }).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', origin: 'null' };
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/privacy/request',
      headers,
      payload: body,
      remoteAddress: '192.0.2.50',
    });
    expect(anonymous.statusCode).toBe(303);
    // A colleague trying the form in the browser they work in: the form ignores the session, so no token is asked.
    const withCookie = await t.app.inject({
      method: 'POST',
      url: '/privacy/request',
      headers: { ...headers, cookie: staff, 'x-csrf-token': '' },
      payload: body,
      remoteAddress: '192.0.2.51',
    });
    expect(withCookie.statusCode).toBe(303);
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/privacy/request',
      headers: { ...headers, origin: 'https://evil.example' },
      payload: body,
      remoteAddress: '192.0.2.52',
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.body).toContain('foreign_origin');
  });

  it('limits the body of each route to what it needs', async () => {
    const big = { email: 'a@senict.test', password: 'x'.repeat(20 * 1024) };
    const signIn = await t.app.inject({ method: 'POST', url: '/api/session', payload: big });
    expect(signIn.statusCode).toBe(413);
    expect(signIn.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    // The same size is fine where records may be long (and then fails validation, not size).
    const subject = await createSubject({});
    expect(subject.statusCode).toBe(201);
    const long = await t.app.inject({
      method: 'POST',
      url: '/api/subjects',
      headers: { cookie: staff },
      payload: { firstName: 'x'.repeat(20 * 1024), lastName: 'Lang' },
    });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });
});

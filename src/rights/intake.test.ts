import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.ts';
import { dueOn } from './deadline.ts';
import {
  codeSentTo,
  daysAgo,
  fileRequest,
  freshIp,
  headersOf,
  mailTo,
  outboxCount,
  requestRow,
  shapeOf,
} from '../../test/support/requests.ts';

describe.each(DIALECTS)('filing a request, on %s', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let staff: string;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp(dialect, { smtpUrl: smtp.url });
    staff = await t.signIn('staff');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const count = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('rights_requests')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('files a request through the public API with a reference and the Art. 12(3) deadline, and mails a code to the address on file', async () => {
    const anna = await newSubject(t, { email: 'Anna.Intake@Example.nl' });
    const response = await fileRequest(t, { kind: 'access', name: 'Anna', email: 'anna.intake@example.nl' });
    expect(response.statusCode).toBe(202);
    const receipt = response.json<{ reference: string; receivedOn: string; dueOn: string; message: string }>();
    expect(receipt.reference).toMatch(/^V-\d{4}-[0-9A-Z]{6}$/);
    expect(receipt.dueOn).toBe(dueOn(new Date()));
    expect(receipt.message).toContain('Als wij u kennen');
    const row = await requestRow(t, receipt.reference);
    expect(row).toMatchObject({
      kind: 'access',
      channel: 'portal',
      status: 'verification_sent',
      subject_id: null,
      due_on: receipt.dueOn,
    });
    // The code goes to the address as we have it on file, never to a spelling only the requester gave.
    expect(await mailTo(t, 'anna.intake@example.nl')).toEqual([]);
    const [mail] = await mailTo(t, anna.email ?? '');
    expect(mail).toMatchObject({ kind: 'verification_code', related_type: 'rights_request', related_id: row.id, language: 'nl' });
    expect(mail?.body_text).toContain(receipt.reference);
    expect(await codeSentTo(t, smtp, anna.email ?? '')).toMatch(/^\d{6}$/);
    // Only a hash of the code is stored.
    const challenges = await t.database.db
      .selectFrom('verification_challenges')
      .select(['method', 'secret_hash', 'sent_to'])
      .where('request_id', '=', row.id)
      .execute();
    expect(challenges.map((c) => c.method).sort()).toEqual(['email_code', 'email_link', 'knowledge']);
    expect(JSON.stringify(challenges)).not.toContain(await codeSentTo(t, smtp, anna.email ?? ''));
  });

  it('answers a customer and someone who is no customer identically, and mails the stranger that we hold no data', async () => {
    await newSubject(t, { email: 'klant.gelijk@example.nl' });
    const customer = await fileRequest(t, { kind: 'erasure', name: 'Klant', email: 'klant.gelijk@example.nl' });
    const stranger = await fileRequest(t, { kind: 'erasure', name: 'Vreemde', email: 'vreemde.gelijk@example.nl' });
    expect(stranger.statusCode).toBe(customer.statusCode);
    expect(shapeOf(stranger)).toBe(shapeOf(customer));
    expect(headersOf(stranger)).toEqual(headersOf(customer));
    const [noData] = await mailTo(t, 'vreemde.gelijk@example.nl');
    expect(noData).toMatchObject({ kind: 'request_answer' });
    expect(noData?.body_text).toContain('Wij hebben geen persoonsgegevens over u vastgelegd');
    expect(noData?.body_text).not.toMatch(/\b\d{6}\b/);
    // The public status says the same for both until someone proves who they are.
    const statusOf = (reference: string) => t.app.inject({ url: `/api/public/requests/${reference}`, remoteAddress: freshIp() });
    const [a, b] = await Promise.all([
      statusOf(customer.json<{ reference: string }>().reference),
      statusOf(stranger.json<{ reference: string }>().reference),
    ]);
    expect(a.json()).toMatchObject({ stage: 'received' });
    expect(shapeOf(b)).toBe(shapeOf(a));
    expect(Object.keys(a.json<object>()).sort()).toEqual(['dueOn', 'receivedOn', 'reference', 'stage']);
  });

  it('takes the HTML form without JavaScript (urlencoded POST), in Dutch and English', async () => {
    const form = await t.app.inject({ url: '/privacy/request' });
    expect(form.statusCode).toBe(200);
    expect(form.headers['content-security-policy']).toContain("default-src 'none'");
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.body).toContain('<form method="post" action="/privacy/request"');
    expect(form.body).not.toMatch(/<script|https?:\/\/(?!autoriteit)/);
    const english = await t.app.inject({ url: '/en/privacy/request' });
    expect(english.body).toContain('<html lang="en">');

    const subject = await newSubject(t, { email: 'formulier@example.nl' });
    const body = new URLSearchParams({
      kind: 'rectification',
      name: 'Form Ulier',
      email: 'formulier@example.nl',
      details: '',
      changeLastName: 'Ulier-Jansen',
    }).toString();
    const posted = await t.app.inject({
      method: 'POST',
      url: '/en/privacy/request',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: body,
      remoteAddress: freshIp(),
    });
    expect(posted.statusCode).toBe(303);
    const reference = new URL(posted.headers.location as string, 'http://x').searchParams.get('reference') ?? '';
    expect(posted.headers.location).toContain('/en/privacy/request/verify?');
    const row = await requestRow(t, reference);
    expect(row).toMatchObject({ kind: 'rectification', language: 'en', status: 'verification_sent' });
    expect(JSON.parse(row.changes ?? '{}')).toEqual({ lastName: 'Ulier-Jansen' });
    expect((await mailTo(t, subject.email ?? ''))[0]?.title).toContain('Your verification code');
    const page = await t.app.inject({ url: posted.headers.location as string });
    expect(page.body).toContain('If we know you');
  });

  it('shows the form again with the problems, and stores nothing, when a field is wrong', async () => {
    const before = [await count(), await outboxCount(t)];
    const body = new URLSearchParams({
      kind: 'objection',
      name: 'Bez Waar',
      email: 'geen-adres',
      purpose: 'marketing',
    }).toString();
    const posted = await t.app.inject({
      method: 'POST',
      url: '/privacy/request',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: body,
      remoteAddress: freshIp(),
    });
    expect(posted.statusCode).toBe(400);
    expect(posted.body).toContain('Controleer het volgende');
    expect(posted.body).toContain('value="Bez Waar"');
    expect(posted.body).toContain('aria-invalid="true"');
    expect([await count(), await outboxCount(t)]).toEqual(before);
  });

  it('refuses an unknown kind, a purpose the policy does not declare and an oversized form', async () => {
    const before = await count();
    expect((await fileRequest(t, { kind: 'profiling', name: 'X', email: 'x@example.nl' })).statusCode).toBe(400);
    const purpose = await fileRequest(t, { kind: 'objection', name: 'X', email: 'x@example.nl', purpose: 'marketing' });
    expect(purpose.statusCode).toBe(400);
    expect(purpose.json()).toMatchObject({ error: { code: 'validation_failed' } });
    const huge = await t.app.inject({
      method: 'POST',
      url: '/privacy/request',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `details=${'x'.repeat(70_000)}`,
      remoteAddress: freshIp(),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toContain('text/html');
    expect(await count()).toBe(before);
  });

  it('limits requests per address and per IP address (429 rate_limited)', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1)
      statuses.push((await fileRequest(t, { kind: 'access', name: 'Veel', email: 'veel@example.nl' }, freshIp())).statusCode);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    const perIp: number[] = [];
    for (let i = 0; i < 21; i += 1)
      perIp.push((await fileRequest(t, { kind: 'access', name: 'Ip', email: `ip${i}@example.nl` }, ip)).statusCode);
    expect(perIp.slice(0, 20).every((s) => s === 202)).toBe(true);
    const last = await fileRequest(t, { kind: 'access', name: 'Ip', email: 'ip-last@example.nl' }, ip);
    expect(last.statusCode).toBe(429);
    expect(last.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // The table holds no address in the clear.
    const keys = await t.database.db.selectFrom('rate_limits').select('key').execute();
    expect(keys.map((k) => k.key).join(' ')).not.toMatch(/@|10\.\d/);
  });

  it('registers a request that came by letter with the day it was received, and refuses an impossible or future date', async () => {
    const before = await count();
    for (const receivedOn of ['2026-02-30', daysAgo(-2), 'gisteren']) {
      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/requests',
        headers: { cookie: staff },
        payload: { kind: 'access', channel: 'letter', receivedOn, name: 'Brief', address: 'Oudegracht 1, Utrecht' },
      });
      expect(refused.statusCode, receivedOn).toBe(400);
    }
    expect(await count()).toBe(before);
    const received = daysAgo(10);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: { cookie: staff },
      payload: {
        kind: 'erasure',
        channel: 'letter',
        receivedOn: received,
        name: 'Brief Schrijver',
        address: 'Oudegracht 1, Utrecht',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      channel: 'letter',
      status: 'received',
      dueOn: dueOn(new Date(`${received}T12:00:00Z`)),
      createdBy: expect.any(String) as unknown,
    });
  });

  it('sends the code of a request registered from an e-mail to the address on file', async () => {
    const subject = await newSubject(t, { email: 'per.mail@example.nl' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: { cookie: staff },
      payload: {
        kind: 'restriction',
        channel: 'email',
        receivedOn: daysAgo(1),
        name: 'Per Mail',
        email: 'PER.MAIL@example.nl',
        language: 'en',
      },
    });
    expect(created.json()).toMatchObject({ status: 'verification_sent', channel: 'email', language: 'en' });
    expect(await codeSentTo(t, smtp, subject.email ?? '')).toMatch(/^\d{6}$/);
  });
});

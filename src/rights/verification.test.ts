import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.ts';
import { MailSecretBox } from '../mail/mail-secrets.ts';
import { RateLimiter } from './rate-limit.ts';
import { postForm } from '../../test/support/forms.ts';
import { RequestIntakeService } from './request-intake.service.ts';
import {
  codeSentTo,
  deliveredTo,
  fileRequest,
  freshIp,
  mailTo,
  proveIdentity,
  requestRow,
  shapeOf,
} from '../../test/support/requests.ts';
import { businessToday } from '../shared/business-day.ts';

describe.each(DIALECTS)('proving who filed a request, on %s', (dialect) => {
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

  /** A customer with a filed request; returns the reference and the address on file. */
  async function filed(kind = 'access', email = `p${String(Math.random()).slice(2, 10)}@example.nl`) {
    const subject = await newSubject(t, { email });
    const reference = (await fileRequest(t, { kind, name: 'Persoon', email })).json<{ reference: string }>().reference;
    return { subject, reference, email };
  }

  it('verifies with the code from the mail, links the subject, and refuses the same code again (409)', async () => {
    const { subject, reference, email } = await filed();
    const code = await codeSentTo(t, smtp, email);
    const ok = await proveIdentity(t, reference, { code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({
      reference,
      stage: 'in_progress',
      receivedOn: expect.any(String) as unknown,
      dueOn: expect.any(String) as unknown,
    });
    const row = await requestRow(t, reference);
    expect(row).toMatchObject({ status: 'verified', verification_method: 'email_code', subject_id: subject.id });
    const again = await proveIdentity(t, reference, { code });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'conflict' } });
    expect(await requestRow(t, reference)).toEqual(row);
  });

  it('locks the code after five wrong attempts: even the right code is refused then', async () => {
    const { reference, email } = await filed();
    const code = await codeSentTo(t, smtp, email);
    const wrong = code === '000000' ? '111111' : '000000';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await proveIdentity(t, reference, { code: wrong })).statusCode);
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    const locked = await proveIdentity(t, reference, { code });
    expect(locked.statusCode).toBe(429);
    expect((await requestRow(t, reference)).status).toBe('verification_sent');
    // A new code opens a new set of five attempts.
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/public/requests/${reference}/resend`, remoteAddress: freshIp() }))
        .statusCode,
    ).toBe(202);
    expect((await proveIdentity(t, reference, { code: await codeSentTo(t, smtp, email) })).statusCode).toBe(200);
  });

  it('refuses an expired code (410) and one replaced by a new code', async () => {
    const { reference, email } = await filed();
    const first = await codeSentTo(t, smtp, email);
    const row = await requestRow(t, reference);
    await t.database.db
      .updateTable('verification_challenges')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('request_id', '=', row.id)
      .where('method', '=', 'email_code')
      .execute();
    const expired = await proveIdentity(t, reference, { code: first });
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({ error: { code: 'expired' } });
    await t.app.inject({ method: 'POST', url: `/api/public/requests/${reference}/resend`, remoteAddress: freshIp() });
    const second = await codeSentTo(t, smtp, email);
    expect((await mailTo(t, email)).filter((m) => m.kind === 'verification_code')).toHaveLength(2);
    if (second !== first) expect((await proveIdentity(t, reference, { code: first })).statusCode).toBe(400);
    expect((await requestRow(t, reference)).status).toBe('verification_sent');
  });

  it('gives someone who is no customer the same answers to every proof', async () => {
    const customer = await filed();
    const stranger = (await fileRequest(t, { kind: 'access', name: 'Vreemde', email: 'geen.klant@example.nl' })).json<{
      reference: string;
    }>().reference;
    const proofs: Record<string, string>[] = [
      { code: '123456' },
      { invoiceNumber: '2026-0001', invoiceTotal: '110,11' },
      { token: 'AAAAAAAAAAAAAAAAAAAAAA' },
    ];
    for (const proof of proofs) {
      const [a, b] = [await proveIdentity(t, customer.reference, proof), await proveIdentity(t, stranger, proof)];
      expect(b.statusCode, JSON.stringify(proof)).toBe(a.statusCode);
      expect(shapeOf(b)).toBe(shapeOf(a));
    }
    for (let i = 0; i < 4; i += 1) {
      const [a, b] = [
        await proveIdentity(t, customer.reference, { code: '999999' }),
        await proveIdentity(t, stranger, { code: '999999' }),
      ];
      expect(b.statusCode).toBe(a.statusCode);
    }
    expect((await proveIdentity(t, stranger, { code: '999999' })).statusCode).toBe(429);
  });

  it('verifies through the link in the mail: the page asks to confirm, the POST uses the token up', async () => {
    const intake = new RequestIntakeService(t.services.guard, new RateLimiter(t.database.db, t.services.guard.clock), {
      publicUrl: 'https://kluis.senict.test/',
      mailSecrets: new MailSecretBox(t.mailKey),
    });
    const subject = await newSubject(t, { email: 'link@example.nl' });
    const receipt = await intake.fileFromPortal(
      { kind: 'access', name: 'Link', email: 'link@example.nl', language: 'en' },
      { ip: freshIp() },
    );
    const stored = (await mailTo(t, subject.email ?? '')).at(-1);
    expect(stored?.body_text).toContain('[link sent]');
    const mail = await deliveredTo(t, smtp, subject.email ?? '', 'verification_code');
    const link = /https:\/\/kluis\.senict\.test\/en\/privacy\/request\/verify\?\S+/.exec(mail.text)?.[0] ?? '';
    expect(link).not.toBe('');
    const url = new URL(link);
    const token = url.searchParams.get('token') ?? '';
    expect(Buffer.from(token, 'base64url')).toHaveLength(16);
    const page = await t.app.inject({ url: `${url.pathname}${url.search}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="token"');
    expect((await requestRow(t, receipt.reference)).status).toBe('verification_sent');
    const form = async (fields: Record<string, string>) => (await postForm(t, '/en/privacy/request/verify', fields)).page;
    const confirmed = await form({ reference: receipt.reference, token });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('Thank you, your request is confirmed');
    expect(await requestRow(t, receipt.reference)).toMatchObject({
      status: 'verified',
      verification_method: 'email_link',
      subject_id: subject.id,
    });
    const reused = await form({ reference: receipt.reference, token });
    expect(reused.statusCode).toBe(409);
    expect(reused.body).toContain('data-error-code="conflict"');
  });

  it('verifies by the code typed into the HTML page', async () => {
    const { reference, email } = await filed();
    const form = async (code: string) => (await postForm(t, '/privacy/request/verify', { reference, code })).page;
    const wrong = await form('12345');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('data-error-code="validation_failed"');
    const code = await codeSentTo(t, smtp, email);
    // Typed as people read it out, with a space in the middle and one pasted after it (issue 19, part 6).
    const ok = await form(` ${code.slice(0, 3)} ${code.slice(3)} `);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Dank u, uw verzoek is bevestigd');
    expect((await requestRow(t, reference)).status).toBe('verified');
  });

  /** How many attempts the open code of a request has had, as the database counts them. */
  const attemptsOf = async (reference: string): Promise<number> => {
    const row = await requestRow(t, reference);
    const challenge = await t.database.db
      .selectFrom('verification_challenges')
      .select('attempts')
      .where('request_id', '=', row.id)
      .where('method', '=', 'email_code')
      .where('consumed_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(challenge.attempts);
  };

  it('answers every post of the verify page with 303, so reloading the page after a wrong code uses up no attempt', async () => {
    const { reference, email } = await filed();
    const code = await codeSentTo(t, smtp, email);
    const wrong = await postForm(t, '/en/privacy/request/verify', { reference, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.location).toBe(`/en/privacy/request/verify?reference=${reference}&problem=codeWrong`);
    expect(wrong.location).not.toContain(code);
    expect(wrong.page.statusCode).toBe(400);
    expect(wrong.page.body).toContain('<p class="field-error" id="code-error">This code is not right.');
    expect(await attemptsOf(reference)).toBe(1);
    // The reload: the browser asks for the page again, it does not post the form again.
    for (let i = 0; i < 3; i += 1) {
      const reloaded = await t.app.inject({ url: wrong.location, remoteAddress: freshIp() });
      expect(reloaded.body).toContain('This code is not right.');
    }
    expect(await attemptsOf(reference)).toBe(1);

    // A new code: the page after the redirect says so, and has no error.
    const resent = await postForm(t, '/privacy/request/resend', { reference });
    expect(resent.location).toBe(`/privacy/request/verify?reference=${reference}&outcome=resent`);
    expect(resent.page.statusCode).toBe(200);
    expect(resent.page.body).toContain('Als wij u kennen, hebben wij een nieuwe code gestuurd');
    expect(resent.page.body).not.toContain('data-error-code');
    const fresh = await codeSentTo(t, smtp, email);
    const ok = await postForm(t, '/privacy/request/verify', { reference, code: `${fresh.slice(0, 3)}-${fresh.slice(3)}` });
    expect(ok.page.statusCode).toBe(200);
    expect(ok.page.body).toContain('Dank u, uw verzoek is bevestigd');
    expect(ok.page.body).not.toContain('data-error-code');
    expect((await requestRow(t, reference)).status).toBe('verified');
    // Every mail of the portal writes its dates out ("4 december 2026"), never as the database keeps them.
    const mails = await mailTo(t, email);
    expect(mails.length).toBeGreaterThanOrEqual(2);
    for (const mail of mails) expect(`${mail.title} ${mail.body_text}`).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
    expect(mails.map((m) => m.body_text).join(' ')).toMatch(
      /\b\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) 20\d\d\b/,
    );
  });

  it('does not believe an address that only says "confirmed": the request must be confirmed', async () => {
    const { reference } = await filed();
    const forged = await t.app.inject({ url: `/privacy/request/verify?reference=${reference}&outcome=verified` });
    expect(forged.statusCode).toBe(200);
    expect(forged.body).not.toContain('uw verzoek is bevestigd');
    expect(forged.body).toContain('name="code"');
    const nonsense = await t.app.inject({ url: `/privacy/request/verify?reference=${reference}&problem=%3Cscript%3E` });
    expect(nonsense.statusCode).toBe(200);
    expect(nonsense.body).not.toContain('data-error-code');
  });

  it('accepts the code through the API with a space or a dash between the digits', async () => {
    const { reference, email } = await filed();
    const code = await codeSentTo(t, smtp, email);
    const ok = await proveIdentity(t, reference, { code: ` ${code.slice(0, 3)} ${code.slice(3)} ` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await requestRow(t, reference)).status).toBe('verified');
  });

  it('shows the page for a link that no longer works, in the page language (410), instead of a form to retype it', async () => {
    const { reference } = await filed('access');
    const stale = await postForm(t, '/privacy/request/verify', { reference, token: 'A'.repeat(22) });
    expect(stale.location).toBe('/privacy/request/verify?link=used');
    expect(stale.page.statusCode).toBe(410);
    expect(stale.page.body).toContain('<h1 data-error-code="expired">Deze link is al gebruikt</h1>');
    expect(stale.page.body).toContain('<html lang="nl">');
    expect(stale.page.body).toContain('href="/privacy/request/status"');
    expect(stale.page.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await requestRow(t, reference)).status).toBe('verification_sent');
    const expiredEn = await t.app.inject({ url: '/en/privacy/request/verify?link=expired' });
    expect(expiredEn.statusCode).toBe(410);
    expect(expiredEn.body).toContain('<html lang="en">');
    expect(expiredEn.body).toContain('This link has expired</h1>');
  });

  it('sends the code of a letter to the address on file of the subject staff name, and answers there once verified', async () => {
    const subject = await newSubject(t, { email: 'brief.code@example.nl' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: { cookie: staff },
      payload: {
        kind: 'access',
        channel: 'letter',
        receivedOn: businessToday(new Date()),
        name: 'Per Brief',
        address: 'Oudegracht 1',
      },
    });
    const { id, reference } = created.json<{ id: string; reference: string }>();
    expect(created.json()).toMatchObject({ status: 'received' });
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/verification-code`,
      headers: { cookie: staff },
      payload: { subjectId: subject.id },
    });
    expect(sent.json()).toMatchObject({ status: 'verification_sent' });
    expect((await proveIdentity(t, reference, { code: await codeSentTo(t, smtp, 'brief.code@example.nl') })).statusCode).toBe(
      200,
    );
    expect(await requestRow(t, reference)).toMatchObject({ subject_id: subject.id, requester_email: 'brief.code@example.nl' });
  });

  it('handles the request of a person whose data is restricted, and logs whose address was looked up', async () => {
    const email = 'beperkt@example.nl';
    const subject = await newSubject(t, { email });
    await t.database.db
      .insertInto('restrictions')
      .values({
        id: crypto.randomUUID(),
        subject_id: subject.id,
        request_id: null,
        purpose: null,
        reason: 'Art. 18(1)(a): juistheid betwist',
        started_at: new Date().toISOString(),
        lifted_at: null,
        lift_notice_sent_at: null,
      })
      .execute();
    const filedResponse = await fileRequest(t, { kind: 'erasure', name: 'Beperkt', email });
    expect(filedResponse.statusCode).toBe(202);
    const reference = filedResponse.json<{ reference: string }>().reference;
    expect((await proveIdentity(t, reference, { code: await codeSentTo(t, smtp, email) })).statusCode).toBe(200);
    expect((await requestRow(t, reference)).subject_id).toBe(subject.id);
    const lookups = await t.database.db
      .selectFrom('processing_log')
      .select(['actor_id', 'operation', 'subject_ids', 'outcome'])
      .where('actor_id', '=', 'identity-matching')
      .execute();
    expect(
      lookups.some(
        (e) =>
          e.operation === 'consult' && e.outcome === 'allowed' && (JSON.parse(e.subject_ids) as string[]).includes(subject.id),
      ),
    ).toBe(true);
  });

  it('lets staff record another method with a note, keeps only the fact that an ID was seen, and refuses a BSN', async () => {
    const subject = await newSubject(t);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: { cookie: staff },
      payload: {
        kind: 'access',
        channel: 'letter',
        receivedOn: businessToday(new Date()),
        name: 'Aan Balie',
        address: 'Oudegracht 1',
      },
    });
    const id = created.json<{ id: string }>().id;
    const bsn = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/verify`,
      headers: { cookie: staff },
      payload: { method: 'id_document_seen', note: 'Paspoort, BSN 123 456 782', subjectId: subject.id },
    });
    expect(bsn.statusCode).toBe(400);
    const image = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/verify`,
      headers: { cookie: staff },
      payload: { method: 'id_document_seen', note: 'Rijbewijs getoond aan de balie', subjectId: subject.id, image: 'aGVsbG8=' },
    });
    expect(image.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/verify`,
      headers: { cookie: staff },
      payload: { method: 'id_document_seen', note: 'Rijbewijs getoond aan de balie', subjectId: subject.id },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'verified', verificationMethod: 'staff:id_document_seen', subjectId: subject.id });
    expect(ok.json<{ verificationNote: string }>().verificationNote).toContain('no copy was kept');
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/verify`,
      headers: { cookie: staff },
      payload: { method: 'known_contact', note: 'Nogmaals' },
    });
    expect(twice.statusCode).toBe(409);
  });
});

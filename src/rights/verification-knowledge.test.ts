import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newInvoice, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { fileRequest, proveIdentity, requestRow, shapeOf } from '../../test/support/requests.ts';
import { amountInCents } from './verification-knowledge.ts';
import { postForm } from '../../test/support/forms.ts';

describe('amounts as people write them', () => {
  it('reads Dutch and English notation, with or without a currency sign, and refuses what is no amount', () => {
    expect(amountInCents('110,11')).toBe(11011);
    expect(amountInCents('€ 1.234,56')).toBe(123456);
    expect(amountInCents('1,234.56')).toBe(123456);
    expect(amountInCents('EUR 1 234,5')).toBe(123450);
    expect(amountInCents('1.234')).toBe(123400);
    expect(amountInCents('99,-')).toBe(9900);
    expect(amountInCents('12')).toBe(1200);
    for (const bad of ['', 'abc', '1.2.3', '-5', '12,345,6']) expect(amountInCents(bad), bad).toBeNull();
  });
});

describe.each(DIALECTS)('proving identity by knowing an invoice (EDPB 01/2022, 3.3), on %s', (dialect) => {
  let t: TestApp;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  /** A customer with one issued invoice: its number and its total as printed (Dutch notation). */
  async function customerWithInvoice() {
    n += 1;
    const subject = await newSubject(t, { email: `kennis${n}.${String(Math.random()).slice(2, 8)}@example.nl` });
    const draft = await newInvoice(t, subject.id);
    const issued = await t.services.invoices.issue(cliActor(), draft.id, undefined);
    const total = (issued.totalInclCents / 100).toFixed(2).replace('.', ',');
    return { subject, email: subject.email ?? '', number: issued.number ?? '', total };
  }
  const file = async (body: Record<string, unknown>) =>
    (await fileRequest(t, { name: 'Anna', ...body })).json<{ reference: string }>().reference;
  /** The page the person sees after posting the verify form (the POST answers 303, the browser follows it). */
  const page = async (lang: 'nl' | 'en', fields: Record<string, string>) =>
    (await postForm(t, lang === 'nl' ? '/privacy/request/verify' : '/en/privacy/request/verify', fields)).page;

  it('verifies an access request with the number and the total of an issued invoice, and not with the number alone (Art. 12(6))', async () => {
    const c = await customerWithInvoice();
    const reference = await file({ kind: 'access', email: c.email });
    expect((await proveIdentity(t, reference, { invoiceNumber: c.number })).statusCode).toBe(400);
    const wrongTotal = await proveIdentity(t, reference, { invoiceNumber: c.number, invoiceTotal: '1,00' });
    expect(wrongTotal.statusCode).toBe(400);
    expect(wrongTotal.json()).toMatchObject({ error: { code: 'validation_failed' } });
    const ok = await proveIdentity(t, reference, { invoiceNumber: c.number.toLowerCase(), invoiceTotal: `€ ${c.total}` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await requestRow(t, reference)).toMatchObject({
      status: 'verified',
      verification_method: 'knowledge',
      subject_id: c.subject.id,
      requester_email: c.email,
    });
    const lookups = await t.database.db
      .selectFrom('processing_log')
      .select(['subject_ids', 'record_type'])
      .where('actor_id', '=', 'identity-matching')
      .where('record_type', '=', 'invoice')
      .execute();
    expect(lookups.some((e) => (JSON.parse(e.subject_ids) as string[]).includes(c.subject.id))).toBe(true);
  });

  it('never verifies by knowledge a request that changes or deletes data, even with the right facts (Art. 16, 17, 18, 21, 7(3))', async () => {
    for (const body of [
      { kind: 'erasure' },
      { kind: 'restriction' },
      { kind: 'objection', purpose: 'correspondence' },
      { kind: 'rectification', details: 'Mijn achternaam is verkeerd gespeld.' },
      { kind: 'withdraw_consent', purpose: 'correspondence' },
    ]) {
      const c = await customerWithInvoice();
      const reference = await file({ ...body, email: c.email });
      const refused = await proveIdentity(t, reference, { invoiceNumber: c.number, invoiceTotal: c.total });
      expect(refused.statusCode, body.kind).toBe(403);
      expect(refused.json()).toMatchObject({ error: { code: 'forbidden', details: { reason: 'knowledge_not_accepted' } } });
      expect(await requestRow(t, reference)).toMatchObject({ status: 'verification_sent', subject_id: null, verified_at: null });
    }
    // A stranger's erasure meets the same refusal: it depends on the kind alone.
    const stranger = await file({ kind: 'erasure', email: `geen.klant.${n}@example.nl` });
    const c = await customerWithInvoice();
    const customer = await file({ kind: 'erasure', email: c.email });
    const [a, b] = [
      await proveIdentity(t, customer, { invoiceNumber: '2026-0001', invoiceTotal: '10,00' }),
      await proveIdentity(t, stranger, { invoiceNumber: '2026-0001', invoiceTotal: '10,00' }),
    ];
    expect([a.statusCode, shapeOf(a)]).toEqual([b.statusCode, shapeOf(b)]);
  });

  it('locks knowledge for the address after five wrong guesses across requests, and then refuses the right facts too', async () => {
    const c = await customerWithInvoice();
    const year = c.number.slice(0, 4);
    const guess = (i: number) => ({ invoiceNumber: `${year}-${String(i).padStart(4, '0')}`, invoiceTotal: '100,00' });
    const first = await file({ kind: 'access', email: c.email });
    const statuses: number[] = [];
    for (let i = 1; i <= 3; i += 1) statuses.push((await proveIdentity(t, first, guess(i))).statusCode);
    // A new request for the same address brings no new guesses.
    const second = await file({ kind: 'question', email: c.email.toUpperCase(), details: 'Welke gegevens hebben jullie?' });
    for (let i = 4; i <= 5; i += 1) statuses.push((await proveIdentity(t, second, guess(i))).statusCode);
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    const locked = await proveIdentity(t, second, { invoiceNumber: c.number, invoiceTotal: c.total });
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ error: { code: 'rate_limited', details: { reason: 'knowledge_locked' } } });
    const third = await file({ kind: 'access', email: c.email });
    expect((await proveIdentity(t, third, { invoiceNumber: c.number, invoiceTotal: c.total })).statusCode).toBe(429);
    expect((await requestRow(t, third)).status).toBe('verification_sent');
    // The counters live in the database under hashed keys: nothing of the address in the clear.
    const counters = await t.database.db
      .selectFrom('rate_limits')
      .select(['key', 'count'])
      .where('key', 'like', 'knowledge-failures:%')
      .execute();
    expect(counters.some((r) => Number(r.count) === 5)).toBe(true);
    expect(counters.every((r) => !r.key.includes('@'))).toBe(true);
  });

  it('counts wrong guesses per person too: a new address on file brings no new guesses', async () => {
    const c = await customerWithInvoice();
    const first = await file({ kind: 'access', email: c.email });
    for (let i = 1; i <= 3; i += 1)
      expect((await proveIdentity(t, first, { invoiceNumber: `X-${i}`, invoiceTotal: '1,00' })).statusCode).toBe(400);
    const moved = `verhuisd.${n}@example.nl`;
    await t.database.db.updateTable('subjects').set({ email: moved }).where('id', '=', c.subject.id).execute();
    const second = await file({ kind: 'access', email: moved });
    expect((await proveIdentity(t, second, { invoiceNumber: 'X-4', invoiceTotal: '1,00' })).statusCode).toBe(400);
    expect((await proveIdentity(t, second, { invoiceNumber: 'X-5', invoiceTotal: '1,00' })).statusCode).toBe(429);
    expect((await proveIdentity(t, second, { invoiceNumber: c.number, invoiceTotal: c.total })).statusCode).toBe(429);
  });

  it('answers a stranger the same as a customer at every guess, up to the lock', async () => {
    const c = await customerWithInvoice();
    const customer = await file({ kind: 'access', email: c.email });
    const stranger = await file({ kind: 'access', email: `niemand.${n}@example.nl` });
    for (let i = 1; i <= 6; i += 1) {
      const proof = { invoiceNumber: `2026-000${i}`, invoiceTotal: '50,00' };
      const [a, b] = [await proveIdentity(t, customer, proof), await proveIdentity(t, stranger, proof)];
      expect([b.statusCode, shapeOf(b)], `guess ${i}`).toEqual([a.statusCode, shapeOf(a)]);
    }
  });

  it('asks on the verify page for the invoice number and total, and says what is wrong at the field in the page language', async () => {
    const nlPage = await t.app.inject({ url: '/privacy/request/verify' });
    expect(nlPage.body).toContain('name="invoiceNumber"');
    expect(nlPage.body).toContain('name="invoiceTotal"');
    expect(nlPage.body).not.toContain('name="knowledge"');
    const c = await customerWithInvoice();
    const access = await file({ kind: 'access', email: c.email, language: 'nl' });

    const wrongCode = await page('nl', { reference: access, code: '000000' });
    expect(wrongCode.statusCode).toBe(400);
    expect(wrongCode.body).toMatch(/<p class="field-error" id="code-error">Deze code klopt niet\./);
    expect(wrongCode.body).toMatch(/id="code"[^>]*aria-describedby="code-error"[^>]*aria-invalid="true"/);
    expect(wrongCode.body).not.toContain('That is not');
    const wrongCodeEn = await page('en', { reference: access, code: '000000' });
    expect(wrongCodeEn.body).toContain('<p class="field-error" id="code-error">This code is not right.');

    const badTotal = await page('nl', { reference: access, invoiceNumber: c.number, invoiceTotal: 'honderd' });
    expect(badTotal.statusCode).toBe(400);
    expect(badTotal.body).toContain('<p class="field-error" id="invoiceTotal-error">Vul het totaalbedrag in');
    // The invoice number is not filled in again: it would have to travel in the address after the redirect.
    expect(badTotal.body).not.toContain(`value="${c.number}"`);
    const wrong = await page('en', { reference: access, invoiceNumber: c.number, invoiceTotal: '1.00' });
    expect(wrong.body).toContain(
      '<p class="field-error" id="invoiceNumber-error">These details do not belong to an invoice of yours.',
    );

    const erasure = await file({ kind: 'erasure', email: (await customerWithInvoice()).email, language: 'nl' });
    const refused = await page('nl', { reference: erasure, invoiceNumber: c.number, invoiceTotal: c.total });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('id="invoiceNumber-error">Dit verzoek kunt u niet met factuurgegevens bevestigen');

    const ok = await page('nl', { reference: access, invoiceNumber: c.number, invoiceTotal: c.total });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.body).toContain('Dank u, uw verzoek is bevestigd');
  });
});

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newInvoice, newSubject } from '../../test/factories.ts';
import { lastLogEntry, logCount, startTestApp, type TestApp } from '../../test/harness.ts';

describe.each(DIALECTS)('API tokens on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    dpo = await t.signIn('dpo');
    staff = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  const create = (payload: object, cookie = dpo) =>
    t.app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie }, payload });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const tokenCount = async () => (await t.database.db.selectFrom('api_tokens').select('id').execute()).length;

  it('is created by the dpo for a role, shown once and stored as its hash', async () => {
    const response = await create({ name: 'CRM-koppeling', role: 'staff' });
    expect(response.statusCode).toBe(201);
    const created = response.json<{ id: string; token: string; role: string; createdBy: string }>();
    expect(created.token).toMatch(/^kluis_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ role: 'staff', lastUsedAt: null, revokedAt: null });
    const row = await t.database.db.selectFrom('api_tokens').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(await lastLogEntry(t)).toMatchObject({
      operation: 'store',
      record_type: 'api_token',
      records: JSON.stringify([`api_token:${created.id}`]),
      purpose: 'administration',
    });
    const list = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: { cookie: dpo } });
    expect(list.json<{ tokens: { id: string }[] }>().tokens.map((x) => x.id)).toContain(created.id);
    expect(list.body).not.toContain(created.token);
  });

  it('works as Authorization: Bearer without a CSRF token, acts with its role, and records its last use', async () => {
    const { id, token } = (await create({ name: 'Ticketsysteem', role: 'staff' })).json<{ id: string; token: string }>();
    const before = await logCount(t);
    const createdSubject = await t.app.inject({
      method: 'POST',
      url: '/api/subjects',
      headers: bearer(token),
      payload: { firstName: 'Via', lastName: 'Koppeling' },
    });
    expect(createdSubject.statusCode).toBe(201);
    expect(await logCount(t)).toBe(before + 1);
    expect(await lastLogEntry(t)).toMatchObject({ actor_kind: 'token', actor_id: id, actor_role: 'staff', operation: 'collect' });
    const row = await t.database.db
      .selectFrom('api_tokens')
      .select('last_used_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: bearer(token) })).json()).toEqual({
      userId: id,
      role: 'staff',
      csrfToken: null,
      secondFactorRequired: false,
      passwordChangeRequired: false,
      capabilities: ['customers', 'cases', 'invoices', 'invoicing'],
    });
    // Its own account is a person's business, not an integration's.
    expect((await t.app.inject({ method: 'POST', url: '/api/account/second-factor', headers: bearer(token) })).statusCode).toBe(
      403,
    );
  });

  it('gives an accountant token the fiscal records and nothing else', async () => {
    const subject = await newSubject(t);
    const invoice = await newInvoice(t, subject.id);
    const { token } = (await create({ name: 'Administratiekantoor', role: 'accountant' })).json<{ token: string }>();
    expect((await t.app.inject({ method: 'GET', url: `/api/invoices/${invoice.id}`, headers: bearer(token) })).statusCode).toBe(
      200,
    );
    expect((await t.app.inject({ method: 'GET', url: `/api/subjects/${subject.id}`, headers: bearer(token) })).statusCode).toBe(
      403,
    );
  });

  it('stops working at once when revoked, and the revocation is logged', async () => {
    const { id, token } = (await create({ name: 'Oude koppeling', role: 'staff' })).json<{ id: string; token: string }>();
    expect((await t.app.inject({ method: 'GET', url: '/api/subjects?q=anna', headers: bearer(token) })).statusCode).toBe(200);
    const revoked = await t.app.inject({ method: 'POST', url: `/api/tokens/${id}/revoke`, headers: { cookie: dpo } });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id, revokedAt: expect.any(String) as string });
    expect(await lastLogEntry(t)).toMatchObject({
      operation: 'erase',
      record_type: 'api_token',
      records: JSON.stringify([`api_token:${id}`]),
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/subjects?q=anna', headers: bearer(token) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `/api/tokens/${id}/revoke`, headers: { cookie: dpo } })).statusCode).toBe(
      409,
    );
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/tokens/00000000-0000-4000-8000-000000000000/revoke',
          headers: { cookie: dpo },
        })
      ).statusCode,
    ).toBe(404);
  });

  it.each([
    ['the dpo role, which needs a second factor', { name: 'Te machtig', role: 'dpo' }, 400],
    ['an unknown role', { name: 'Onbekend', role: 'admin' }, 400],
    ['an empty name', { name: ' ', role: 'staff' }, 400],
    ['an unknown field', { name: 'X', role: 'staff', scopes: ['all'] }, 400],
  ])('refuses a token with %s and creates none', async (_name, payload, status) => {
    const before = await tokenCount();
    expect((await create(payload)).statusCode).toBe(status);
    expect(await tokenCount()).toBe(before);
  });

  it('refuses staff, and a made-up or malformed token, even next to a valid cookie', async () => {
    const before = await tokenCount();
    expect((await create({ name: 'Stiekem', role: 'staff' }, staff)).statusCode).toBe(403);
    expect(await tokenCount()).toBe(before);
    for (const authorization of ['Bearer kluis_madeup', 'Basic dXNlcjpwYXNz', `Bearer ${'a'.repeat(500)}`]) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/subjects?q=anna',
        headers: { authorization, cookie: staff },
      });
      expect(response.statusCode, authorization.slice(0, 20)).toBe(401);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';

/** GET /api/account: the back office's "My account" shows the own account and whether it has a second factor. */
describe.each(DIALECTS)('the own account on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('answers each signed-in person with their own account only, the second factor of a dpo confirmed', async () => {
    const dpo = await t.signIn('dpo');
    const staff = await t.signIn('staff');
    const mine = await t.app.inject({ method: 'GET', url: '/api/account', headers: { cookie: dpo } });
    expect(mine.statusCode, mine.body).toBe(200);
    const dpoAccount = mine.json<{ id: string; role: string; secondFactorConfirmedAt: string | null }>();
    expect(dpoAccount.role).toBe('dpo');
    expect(dpoAccount.secondFactorConfirmedAt).not.toBeNull();
    const row = await t.database.db
      .selectFrom('users')
      .select(['id', 'email', 'totp_confirmed_at'])
      .where('id', '=', dpoAccount.id)
      .executeTakeFirstOrThrow();
    expect(row.totp_confirmed_at).toBe(dpoAccount.secondFactorConfirmedAt);

    const theirs = await t.app.inject({ method: 'GET', url: '/api/account', headers: { cookie: staff } });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json()).toMatchObject({ role: 'staff', secondFactorConfirmedAt: null });
    expect(theirs.json<{ id: string }>().id).not.toBe(dpoAccount.id);
    expect(JSON.stringify(theirs.json())).not.toMatch(/"password"|password_?hash|argon2|totp_secret/i);
  });

  it('refuses anyone not signed in', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/account' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { cookieOf, PASSWORD, startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';

describe.each(DIALECTS)('accounts on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    dpo = await t.signIn('dpo');
    staff = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });

  it('stores an argon2id hash, never the password', async () => {
    await t.services.users.add(cliActor(), { email: 'Hash@Senict.test', displayName: 'H', role: 'staff', password: PASSWORD });
    const row = await t.database.db.selectFrom('users').select(['email', 'password_hash']).where('email', '=', 'hash@senict.test').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it('signs in with an HttpOnly, SameSite=Strict cookie and signs out', async () => {
    const response = await login('HASH@senict.test', PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'kluis_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const sessions = await t.database.db.selectFrom('sessions').select('id').execute();
    expect(sessions.some((s) => s.id === cookie?.value)).toBe(false); // only the digest is stored

    const me = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: cookieOf(response) } });
    expect(me.json()).toMatchObject({ role: 'staff' });
    const out = await t.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: cookieOf(response) } });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: cookieOf(response) } });
    expect(after.statusCode).toBe(401);
  });

  it('answers an unknown account and a wrong password the same way', async () => {
    const unknown = await login('nobody@senict.test', PASSWORD);
    const wrong = await login('hash@senict.test', 'wrong password!!');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('ends the sessions of a disabled account at once', async () => {
    await t.services.users.add(cliActor(), { email: 'leaver@senict.test', displayName: 'Leaver', role: 'staff', password: PASSWORD });
    const cookie = cookieOf(await login('leaver@senict.test', PASSWORD));
    const user = await t.database.db.selectFrom('users').select('id').where('email', '=', 'leaver@senict.test').executeTakeFirstOrThrow();
    const disabled = await t.app.inject({ method: 'POST', url: `/api/users/${user.id}/disable`, headers: { cookie: dpo } });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json<{ disabledAt: string | null }>().disabledAt).not.toBeNull();
    expect(await t.database.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
    expect((await login('leaver@senict.test', PASSWORD)).statusCode).toBe(401);
  });

  it('expires a session after 30 idle minutes', async () => {
    const cookie = await t.signIn('staff');
    const id = (await t.database.db.selectFrom('sessions').select('id').orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow()).id;
    await t.database.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() }).where('id', '=', id).execute();
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
  });

  it('lets the dpo manage users and refuses staff', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: dpo },
      payload: { email: 'new@senict.test', displayName: 'New', role: 'accountant', password: PASSWORD },
    });
    expect(created.statusCode).toBe(201);
    expect(created.body).not.toContain('password');
    const list = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: dpo } });
    expect(list.json<{ users: { email: string }[] }>().users.map((u) => u.email)).toContain('new@senict.test');

    const count = async () => (await t.database.db.selectFrom('users').select('id').execute()).length;
    const before = await count();
    const refused = await t.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: staff }, payload: { email: 'x@senict.test', displayName: 'X', role: 'dpo', password: PASSWORD } });
    expect(refused.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: staff } })).statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it.each([
    ['a short password', { email: 'a@senict.test', displayName: 'A', role: 'staff', password: 'short' }, 400],
    ['an unknown role', { email: 'a@senict.test', displayName: 'A', role: 'admin', password: PASSWORD }, 400],
    ['a bad e-mail address', { email: 'a@', displayName: 'A', role: 'staff', password: PASSWORD }, 400],
    ['an existing e-mail address', { email: 'NEW@senict.test', displayName: 'A', role: 'staff', password: PASSWORD }, 409],
    ['an unknown field', { email: 'b@senict.test', displayName: 'B', role: 'staff', password: PASSWORD, isAdmin: true }, 400],
  ])('refuses %s and creates nobody', async (_name, payload, status) => {
    const before = (await t.database.db.selectFrom('users').select('id').execute()).length;
    const response = await t.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: dpo }, payload });
    expect(response.statusCode).toBe(status);
    expect((await t.database.db.selectFrom('users').select('id').execute()).length).toBe(before);
  });

  it('adds, lists and disables users from the CLI', () => {
    const added = runCli(t.database, ['user', 'add', '--email', 'cli@senict.test', '--name', 'Cli User', '--role', 'staff'], { input: `${PASSWORD}\n` });
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toContain('Created staff cli@senict.test');
    const generated = runCli(t.database, ['user', 'add', '--email', 'gen@senict.test', '--name', 'Gen', '--role', 'dpo', '--generate-password']);
    expect(generated.stdout).toMatch(/Password \(shown once\): \S{20,}/);
    const list = runCli(t.database, ['user', 'list']);
    expect(list.stdout).toContain('cli@senict.test');
    const disabled = runCli(t.database, ['user', 'disable', 'cli@senict.test']);
    expect(disabled.status).toBe(0);
    const short = runCli(t.database, ['user', 'add', '--email', 'short@senict.test', '--name', 'S', '--role', 'staff'], { input: 'short\n' });
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('validation_failed');
  });
});

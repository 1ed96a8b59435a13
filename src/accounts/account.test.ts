import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { cookieOf, lastLogEntry, PASSWORD, startTestApp, type TestApp } from '../../test/harness.ts';
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

  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });

  it('stores an argon2id hash, never the password', async () => {
    await t.services.users.add(cliActor(), { email: 'Hash@Senict.test', displayName: 'H', role: 'staff', password: PASSWORD });
    const row = await t.database.db
      .selectFrom('users')
      .select(['email', 'password_hash'])
      .where('email', '=', 'hash@senict.test')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it('signs in with an HttpOnly, SameSite=Strict cookie and signs out', async () => {
    const response = await login('HASH@senict.test', PASSWORD);
    expect(response.statusCode).toBe(200);
    const { csrfToken } = response.json<{ csrfToken: string }>();
    expect(response.json()).toMatchObject({ role: 'staff', secondFactorRequired: false });
    const cookie = response.cookies.find((c) => c.name === 'kluis_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const sessions = await t.database.db.selectFrom('sessions').select('id').execute();
    expect(sessions.some((s) => s.id === cookie?.value)).toBe(false); // only the digest is stored

    const me = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: cookieOf(response) } });
    expect(me.json()).toMatchObject({ role: 'staff', csrfToken });
    // Signing out is a change made with the cookie: it needs the token too.
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: cookieOf(response) } })).statusCode,
    ).toBe(403);
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: cookieOf(response), 'x-csrf-token': csrfToken },
    });
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
    await t.services.users.add(cliActor(), {
      email: 'leaver@senict.test',
      displayName: 'Leaver',
      role: 'staff',
      password: PASSWORD,
    });
    const cookie = cookieOf(await login('leaver@senict.test', PASSWORD));
    const user = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'leaver@senict.test')
      .executeTakeFirstOrThrow();
    const disabled = await t.app.inject({ method: 'POST', url: `/api/users/${user.id}/disable`, headers: { cookie: dpo } });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json<{ disabledAt: string | null }>().disabledAt).not.toBeNull();
    expect(await t.database.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
    expect((await login('leaver@senict.test', PASSWORD)).statusCode).toBe(401);
  });

  it('expires a session after 30 idle minutes', async () => {
    const cookie = await t.signIn('staff');
    const id = (
      await t.database.db.selectFrom('sessions').select('id').orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow()
    ).id;
    await t.database.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() })
      .where('id', '=', id)
      .execute();
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
    // No password nor its hash ever leaves the server (a flag saying one must be changed may).
    expect(created.body).not.toMatch(/"password"|password_?hash|argon2/i);
    expect(created.body).not.toContain(PASSWORD);
    const list = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: dpo } });
    expect(list.json<{ users: { email: string }[] }>().users.map((u) => u.email)).toContain('new@senict.test');

    const count = async () => (await t.database.db.selectFrom('users').select('id').execute()).length;
    const before = await count();
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: staff },
      payload: { email: 'x@senict.test', displayName: 'X', role: 'dpo', password: PASSWORD },
    });
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
    const added = runCli(t.database, ['user', 'add', '--email', 'cli@senict.test', '--name', 'Cli User', '--role', 'staff'], {
      input: `${PASSWORD}\n`,
    });
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toContain('Created staff cli@senict.test');
    const generated = runCli(t.database, [
      'user',
      'add',
      '--email',
      'gen@senict.test',
      '--name',
      'Gen',
      '--role',
      'dpo',
      '--generate-password',
    ]);
    expect(generated.stdout).toMatch(/Password \(shown once\): \S{20,}/);
    const list = runCli(t.database, ['user', 'list']);
    expect(list.stdout).toContain('cli@senict.test');
    const disabled = runCli(t.database, ['user', 'disable', 'cli@senict.test']);
    expect(disabled.status).toBe(0);
    const short = runCli(t.database, ['user', 'add', '--email', 'short@senict.test', '--name', 'S', '--role', 'staff'], {
      input: 'short\n',
    });
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('password_too_short');
  }, 180_000); // five kluis processes, each a start of Node: minutes when the machine is busy

  it('expires a session 12 hours after sign-in, however busy it is', async () => {
    const cookie = await t.signIn('staff');
    const id = (
      await t.database.db.selectFrom('sessions').select('id').orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow()
    ).id;
    const row = await t.database.db
      .selectFrom('sessions')
      .select(['created_at', 'expires_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(12 * 60 * 60_000);
    // Seen a minute ago, but signed in 12 hours ago.
    await t.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString(), last_seen_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', id)
      .execute();
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
    expect(await t.database.db.selectFrom('sessions').select('id').where('id', '=', id).execute()).toEqual([]);
  });

  it.each([
    ['too short', 'kort genoeg', 'password_too_short'],
    ['on the list of common passwords', 'Password1234', 'password_too_common'],
    ['on the list in other capitals', 'QWERTY123456', 'password_too_common'],
    ['that is a Dutch word with digits', 'wachtwoord12', 'password_too_common'],
    ['that is a keyboard pattern', '1q2w3e4r5t6y', 'password_too_common'],
    ["that is the account's own name and the year", 'weakling2026!', 'password_too_common'],
  ])('refuses a password %s with its own code and creates nobody', async (_name, password, code) => {
    const before = (await t.database.db.selectFrom('users').select('id').execute()).length;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: dpo },
      payload: { email: 'weakling@senict.test', displayName: 'W', role: 'staff', password },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code } });
    expect((await t.database.db.selectFrom('users').select('id').execute()).length).toBe(before);
  });

  it('changes your own password: the current one is needed, every session ends and this one is renewed', async () => {
    await t.services.users.add(cliActor(), {
      email: 'changer@senict.test',
      displayName: 'Changer',
      role: 'staff',
      password: PASSWORD,
    });
    const first = await login('changer@senict.test', PASSWORD);
    const other = cookieOf(await login('changer@senict.test', PASSWORD));
    const headers = { cookie: cookieOf(first), 'x-csrf-token': first.json<{ csrfToken: string }>().csrfToken };
    const user = await t.database.db
      .selectFrom('users')
      .select(['id', 'password_hash'])
      .where('email', '=', 'changer@senict.test')
      .executeTakeFirstOrThrow();
    const change = (payload: object) => t.app.inject({ method: 'POST', url: '/api/account/password', headers, payload });
    const sessionsOfUser = async () =>
      (await t.database.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).length;

    const wrong = await change({ currentPassword: 'not my password', newPassword: 'a new and long passphrase' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ error: { code: 'wrong_password' } });
    const common = await change({ currentPassword: PASSWORD, newPassword: '1q2w3e4r5t6y' });
    expect(common.json()).toMatchObject({ error: { code: 'password_too_common' } });
    const short = await change({ currentPassword: PASSWORD, newPassword: 'te kort' });
    expect(short.json()).toMatchObject({ error: { code: 'password_too_short' } });
    expect(
      (await t.database.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow())
        .password_hash,
    ).toBe(user.password_hash);
    expect(await sessionsOfUser()).toBe(2);

    const changed = await change({ currentPassword: PASSWORD, newPassword: 'a new and long passphrase' });
    expect(changed.statusCode).toBe(200);
    expect(await lastLogEntry(t)).toMatchObject({
      record_type: 'account',
      records: JSON.stringify([`user:${user.id}`]),
      outcome: 'allowed',
    });
    const renewed = { cookie: cookieOf(changed), 'x-csrf-token': changed.json<{ csrfToken: string }>().csrfToken };
    expect(renewed.cookie).not.toBe(headers.cookie);
    expect(await sessionsOfUser()).toBe(1);
    for (const old of [headers.cookie, other])
      expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: old } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: renewed })).json()).toMatchObject({
      userId: user.id,
      csrfToken: renewed['x-csrf-token'],
    });
    expect((await login('changer@senict.test', PASSWORD)).statusCode).toBe(401);
    expect((await login('changer@senict.test', 'a new and long passphrase')).statusCode).toBe(200);
  });

  it('sets a new password from the CLI and ends the sessions', async () => {
    await t.services.users.add(cliActor(), {
      email: 'forgot@senict.test',
      displayName: 'Forgot',
      role: 'staff',
      password: PASSWORD,
    });
    const cookie = cookieOf(await login('forgot@senict.test', PASSWORD));
    const weak = runCli(t.database, ['user', 'password', 'forgot@senict.test'], { input: 'qwerty123456\n' });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('password_too_common');
    const set = runCli(t.database, ['user', 'password', 'forgot@senict.test'], { input: 'a fresh start for forgot\n' });
    expect(set.stderr).toBe('');
    expect(set.stdout).toContain('New password set for forgot@senict.test');
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
    expect((await login('forgot@senict.test', 'a fresh start for forgot')).statusCode).toBe(200);
    const generated = runCli(t.database, ['user', 'password', 'forgot@senict.test', '--generate-password']);
    const password = /Password \(shown once\): (\S+)/.exec(generated.stdout)?.[1] ?? '';
    expect((await login('forgot@senict.test', password)).statusCode).toBe(200);
    expect(
      runCli(t.database, ['user', 'password', 'nobody@senict.test'], { input: 'a fresh start for forgot\n' }).stderr,
    ).toContain('not_found');
  }, 180_000); // four kluis processes
});

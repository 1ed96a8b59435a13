import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { cookieOf, lastLogEntry, PASSWORD, startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { totpCode } from './totp.ts';

describe.each(DIALECTS)('second factor on %s', (dialect) => {
  let t: TestApp;
  // The accounts' clock: real time plus a jump forward, so the next code comes without waiting 30 seconds.
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const nextStep = () => (offsetMs += 30_000);

  beforeAll(async () => {
    t = await startTestApp(dialect, { now });
  });
  afterAll(async () => t.close());

  const login = (email: string, code?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email, password: PASSWORD, ...(code === undefined ? {} : { code }) },
    });

  /** Signs in and returns the headers a client sends with each change: the cookie and the CSRF token. */
  async function signedIn(email: string, code?: string): Promise<{ cookie: string; 'x-csrf-token': string }> {
    const response = await login(email, code);
    expect(response.statusCode, response.body).toBe(200);
    return { cookie: cookieOf(response), 'x-csrf-token': response.json<{ csrfToken: string }>().csrfToken };
  }

  async function enrol(headers: { cookie: string }): Promise<{ secret: string; recoveryCodes: string[] }> {
    const started = await t.app.inject({ method: 'POST', url: '/api/account/second-factor', headers });
    const { secret } = started.json<{ secret: string }>();
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/account/second-factor/confirm',
      headers,
      payload: { code: await totpCode(secret, now()) },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return { secret, recoveryCodes: confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes };
  }

  const userRow = (email: string) =>
    t.database.db
      .selectFrom('users')
      .select(['id', 'totp_secret', 'totp_confirmed_at', 'totp_last_step'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();

  it('lets a dpo without a second factor in only to enrol one', async () => {
    await t.services.users.add(cliActor(), { email: 'fg@senict.test', displayName: 'FG', role: 'dpo', password: PASSWORD });
    const first = await login('fg@senict.test');
    expect(first.json()).toMatchObject({ role: 'dpo', secondFactorRequired: true });
    const headers = { cookie: cookieOf(first), 'x-csrf-token': first.json<{ csrfToken: string }>().csrfToken };
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers })).json()).toMatchObject({
      secondFactorRequired: true,
    });

    const subjects = async () => (await t.database.db.selectFrom('subjects').select('id').execute()).length;
    const before = await subjects();
    for (const [method, url, payload] of [
      ['GET', '/api/subjects?q=anna', undefined],
      ['POST', '/api/subjects', { firstName: 'Niet', lastName: 'Toegestaan' }],
      ['GET', '/api/users', undefined],
      ['GET', '/api/processing-log', undefined],
      ['POST', '/api/account/password', { currentPassword: PASSWORD, newPassword: 'another long passphrase' }],
    ] as const) {
      const response = await t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
      expect(response.statusCode, url).toBe(403);
      expect(response.json(), url).toMatchObject({ error: { code: 'second_factor_required' } });
    }
    expect(await subjects()).toBe(before);

    const started = await t.app.inject({ method: 'POST', url: '/api/account/second-factor', headers });
    expect(started.statusCode).toBe(200);
    const { secret, otpauthUri } = started.json<{ secret: string; otpauthUri: string }>();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(
      /^otpauth:\/\/totp\/Kluis%20\(Sen%20ICT\):fg%40senict\.test\?secret=[A-Z2-7]{32}&issuer=Kluis%20\(Sen%20ICT\)$/,
    );
    // The QR code is drawn by the server (no outside service sees the secret) and holds the same URI.
    const qr = started.json<{ qrSvg: string }>().qrSvg;
    expect(qr).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(qr).not.toMatch(/href|<image|<script/);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/account/second-factor/confirm',
      headers,
      payload: { code: 'abcdef' },
    });
    expect(wrong.statusCode).toBe(400);
    expect((await userRow('fg@senict.test')).totp_confirmed_at).toBeNull();

    // Typed as the app shows it, in two groups of three (issue 19, part 6).
    const shown = await totpCode(secret, now());
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/account/second-factor/confirm',
      headers,
      payload: { code: `${shown.slice(0, 3)} ${shown.slice(3)}` },
    });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes } = confirmed.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(new Set(recoveryCodes).size).toBe(10);
    const user = await userRow('fg@senict.test');
    expect(user.totp_confirmed_at).not.toBeNull();
    expect(await lastLogEntry(t)).toMatchObject({
      actor_id: user.id,
      record_type: 'account',
      reason: 'second factor: confirmed, recovery codes issued',
    });

    // Stored as hashes only.
    const stored = await t.database.db
      .selectFrom('recovery_codes')
      .select(['code_hash', 'used_at'])
      .where('user_id', '=', user.id)
      .execute();
    expect(stored).toHaveLength(10);
    for (const row of stored) {
      expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(recoveryCodes.some((c) => row.code_hash.includes(c.replace(/-/g, '')))).toBe(false);
    }

    // The same session now reaches everything the dpo may.
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers })).json()).toMatchObject({
      secondFactorRequired: false,
    });

    // The secret is never given again: not in the list of users, and a new enrolment is refused.
    const users = await t.app.inject({ method: 'GET', url: '/api/users', headers });
    expect(users.body).not.toContain(secret);
    expect(
      users
        .json<{ users: { email: string; secondFactorConfirmedAt: string | null }[] }>()
        .users.find((u) => u.email === 'fg@senict.test')?.secondFactorConfirmedAt,
    ).toBe(user.totp_confirmed_at);
    const again = await t.app.inject({ method: 'POST', url: '/api/account/second-factor', headers });
    expect(again.statusCode).toBe(409);
    expect((await userRow('fg@senict.test')).totp_secret).toBe(secret);
  });

  it('signs in with password and code in one request, and never takes a code twice', async () => {
    await t.services.users.add(cliActor(), { email: 'fg2@senict.test', displayName: 'FG 2', role: 'dpo', password: PASSWORD });
    const { secret } = await enrol(await signedIn('fg2@senict.test'));
    const sessions = async () => (await t.database.db.selectFrom('sessions').select('id').execute()).length;
    const before = await sessions();

    const without = await login('fg2@senict.test');
    expect(without.statusCode).toBe(401);
    expect(without.json()).toMatchObject({ error: { code: 'second_factor_code_required' } });
    // The code that confirmed the enrolment is spent already.
    const enrolmentCode = await login('fg2@senict.test', await totpCode(secret, now()));
    const wrong = await login('fg2@senict.test', '000000' === (await totpCode(secret, now())) ? '111111' : '000000');
    const unknown = await login('nobody@senict.test', '123456');
    for (const refused of [enrolmentCode, wrong]) {
      expect(refused.statusCode).toBe(401);
      expect(refused.json()).toEqual(unknown.json());
    }
    expect(await sessions()).toBe(before);

    nextStep();
    const code = await totpCode(secret, now());
    const ok = await login('fg2@senict.test', code);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ role: 'dpo', secondFactorRequired: false });
    const step = (await userRow('fg2@senict.test')).totp_last_step;
    expect(step).toBe(Math.floor(now().getTime() / 30_000));
    // Replayed within its 30 seconds (and the tolerance either side): refused.
    const replay = await login('fg2@senict.test', code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toEqual(unknown.json());

    nextStep();
    expect((await login('fg2@senict.test', await totpCode(secret, now()))).statusCode).toBe(200);
  });

  it('takes each recovery code once, and logs how many are left', async () => {
    await t.services.users.add(cliActor(), { email: 'fg3@senict.test', displayName: 'FG 3', role: 'dpo', password: PASSWORD });
    const { recoveryCodes } = await enrol(await signedIn('fg3@senict.test'));
    const [first = '', second = ''] = recoveryCodes;
    expect((await login('fg3@senict.test', first)).statusCode).toBe(200);
    const user = await userRow('fg3@senict.test');
    expect(await lastLogEntry(t)).toMatchObject({ actor_id: user.id, reason: 'signed in with a recovery code; 9 left' });
    expect((await login('fg3@senict.test', first)).statusCode).toBe(401);
    // Typed from paper: capitals and without dashes are the same code.
    expect((await login('fg3@senict.test', second.replace(/-/g, '').toUpperCase())).statusCode).toBe(200);
    const used = await t.database.db
      .selectFrom('recovery_codes')
      .select('id')
      .where('user_id', '=', user.id)
      .where('used_at', 'is not', null)
      .execute();
    expect(used).toHaveLength(2);
  });

  it('renews the recovery codes with a current code, and the old ones stop working', async () => {
    await t.services.users.add(cliActor(), { email: 'fg4@senict.test', displayName: 'FG 4', role: 'dpo', password: PASSWORD });
    const headers = await signedIn('fg4@senict.test');
    const { secret, recoveryCodes: old } = await enrol(headers);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/account/second-factor/recovery-codes',
      headers,
      payload: { code: old[0] },
    });
    expect(refused.statusCode).toBe(400);
    nextStep();
    const renewed = await t.app.inject({
      method: 'POST',
      url: '/api/account/second-factor/recovery-codes',
      headers,
      payload: { code: await totpCode(secret, now()) },
    });
    expect(renewed.statusCode).toBe(200);
    const fresh = renewed.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect((await login('fg4@senict.test', old[0])).statusCode).toBe(401);
    expect((await login('fg4@senict.test', fresh[0])).statusCode).toBe(200);
  });

  it('lets staff enrol if they want, and then asks them for the code too', async () => {
    await t.services.users.add(cliActor(), {
      email: 'medewerker@senict.test',
      displayName: 'M',
      role: 'staff',
      password: PASSWORD,
    });
    const headers = await signedIn('medewerker@senict.test');
    expect((await t.app.inject({ method: 'GET', url: '/api/subjects?q=anna', headers })).statusCode).toBe(200);
    const { secret } = await enrol(headers);
    expect((await login('medewerker@senict.test')).json()).toMatchObject({ error: { code: 'second_factor_code_required' } });
    nextStep();
    expect((await login('medewerker@senict.test', await totpCode(secret, now()))).statusCode).toBe(200);
  });

  it('removes a lost second factor from the CLI: the sessions end and the dpo enrols again', async () => {
    await t.services.users.add(cliActor(), { email: 'fg5@senict.test', displayName: 'FG 5', role: 'dpo', password: PASSWORD });
    const headers = await signedIn('fg5@senict.test');
    await enrol(headers);
    const user = await userRow('fg5@senict.test');

    const reset = runCli(t.database, ['user', 'reset-factor', 'fg5@senict.test']);
    expect(reset.stderr).toBe('');
    expect(reset.stdout).toContain('Second factor of fg5@senict.test removed');
    expect(await userRow('fg5@senict.test')).toMatchObject({ totp_secret: null, totp_confirmed_at: null, totp_last_step: null });
    expect(await t.database.db.selectFrom('recovery_codes').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    expect(await t.database.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers })).statusCode).toBe(401);
    expect(await lastLogEntry(t)).toMatchObject({
      actor_kind: 'cli',
      records: JSON.stringify([`user:${user.id}`]),
      reason: 'second factor: reset by an operator; sessions ended',
    });
    expect((await login('fg5@senict.test')).json()).toMatchObject({ secondFactorRequired: true });
    expect(runCli(t.database, ['user', 'reset-factor', 'nobody@senict.test']).stderr).toContain('not_found');
  });
});

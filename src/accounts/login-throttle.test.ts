import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS, openSecondInstance } from '../../test/databases.ts';
import { PASSWORD, POLICY_PATH, startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { loadPolicy } from '../policy/policy.ts';
import { createServices } from '../services.ts';
import { ACCOUNT_RULE, ADDRESS_RULE, waitAfter } from './login-throttle.ts';

describe('how long a failed sign-in holds back the next', () => {
  it('waits nothing for two failures, then 1, 2 s and locks for 15 minutes at the fifth', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => waitAfter(ACCOUNT_RULE, n))).toEqual([0, 0, 1000, 2000, 15 * 60_000, 15 * 60_000]);
  });

  it('lets an address fail ten times freely, then doubles up to a minute, and locks it at thirty', () => {
    expect([10, 11, 12, 16, 17, 29, 30].map((n) => waitAfter(ADDRESS_RULE, n))).toEqual([
      0,
      1000,
      2000,
      32_000,
      60_000,
      60_000,
      15 * 60_000,
    ]);
  });
});

describe.each(DIALECTS)('sign-in throttling on %s', (dialect) => {
  let t: TestApp;
  // The accounts' clock stands still but for what the test lets pass: under load a real second can go by between
  // two attempts, which would shorten a delay the test counts on (a wait of 900 s answered as 899 s).
  const startedAt = Date.now();
  let offsetMs = 0;
  const now = () => new Date(startedAt + offsetMs);
  const pass = (ms: number) => (offsetMs += ms);

  beforeAll(async () => {
    t = await startTestApp(dialect, { now });
    await t.services.users.add(cliActor(), {
      email: 'target@senict.test',
      displayName: 'Target',
      role: 'staff',
      password: PASSWORD,
    });
    await t.services.users.add(cliActor(), {
      email: 'other@senict.test',
      displayName: 'Other',
      role: 'staff',
      password: PASSWORD,
    });
  });
  afterAll(async () => t.close());

  let ip = 0;
  /** Each attempt from another address, as from a botnet: only the account's own count can stop it. */
  const attempt = (email: string, password: string, remoteAddress = `198.51.100.${(ip = (ip % 250) + 1)}`) =>
    t.app.inject({ method: 'POST', url: '/api/session', remoteAddress, payload: { email, password } });
  const answer = async (email: string, password: string, remoteAddress?: string) => {
    const response = await attempt(email, password, remoteAddress);
    return { status: response.statusCode, body: response.json<unknown>() };
  };

  /** Five guesses as fast as the delays allow, then the right password: every answer, in order. */
  async function bruteForce(email: string) {
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await answer(email, `guess ${i} wrong`));
    answers.push(await answer(email, 'too soon after the third')); // held back 1 s
    pass(1000);
    answers.push(await answer(email, 'guess 4 wrong'));
    answers.push(await answer(email, 'too soon after the fourth')); // held back 2 s
    pass(2000);
    answers.push(await answer(email, 'guess 5 wrong')); // locks
    answers.push(await answer(email, PASSWORD)); // the right password, during the lock
    return answers;
  }

  it('locks an account after 5 failures with growing delays, the same for an unknown account, and lets it in once the lock expires', async () => {
    const user = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'target@senict.test')
      .executeTakeFirstOrThrow();
    const logBefore =
      (await t.database.db.selectFrom('processing_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst())?.seq ??
      0;

    const known = await bruteForce('target@senict.test');
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 429, 401, 429, 401, 429]);
    expect(known[3]?.body).toEqual({
      error: { code: 'rate_limited', message: 'Too many failed sign-ins; wait and try again', details: { retryAfterSeconds: 1 } },
    });
    expect(known[5]?.body).toMatchObject({ error: { details: { retryAfterSeconds: 2 } } });
    expect(known[7]?.body).toMatchObject({ error: { code: 'rate_limited', details: { retryAfterSeconds: 900 } } });

    // Not a word about which accounts exist: an unknown address gets the very same answers.
    const unknown = await bruteForce('nobody@senict.test');
    expect(unknown).toEqual(known);

    // Each evaluated failure is in the processing log (the held-back ones are not): five for the account, the last naming the lock.
    const entries = await t.database.db
      .selectFrom('processing_log')
      .select(['actor_id', 'operation', 'record_type', 'records', 'outcome', 'reason'])
      .where('seq', '>', logBefore)
      .orderBy('seq')
      .execute();
    const onTarget = entries.filter((e) => e.records === JSON.stringify([`user:${user.id}`]));
    expect(onTarget).toHaveLength(5);
    expect(onTarget.every((e) => e.outcome === 'denied' && e.record_type === 'account' && e.actor_id === 'sign-in')).toBe(true);
    expect(onTarget[4]?.reason).toMatch(
      /^sign-in failed: wrong e-mail address or password, from 198\.51\.100\.\d+; failure 5 in a row for this e-mail address; the e-mail address locked for 15 minutes$/,
    );
    expect(entries.filter((e) => e.records === '[]')).toHaveLength(5);
    // The throttle keeps hashes, never the address.
    const keys = await t.database.db.selectFrom('login_throttles').select('key').execute();
    expect(keys.every((k) => /^(account|ip):[0-9a-f]{64}$/.test(k.key))).toBe(true);

    pass(14 * 60_000);
    expect((await attempt('target@senict.test', PASSWORD)).statusCode).toBe(429);
    pass(60_000);
    const after = await attempt('target@senict.test', PASSWORD);
    expect(after.statusCode).toBe(200);
    // A success starts the account afresh: two typos cost nothing again.
    expect((await attempt('target@senict.test', 'typo one')).statusCode).toBe(401);
    expect((await attempt('target@senict.test', 'typo two')).statusCode).toBe(401);
    expect((await attempt('target@senict.test', PASSWORD)).statusCode).toBe(200);
  });

  it('counts parallel guesses too: a burst cannot outrun the count', async () => {
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => attempt('other@senict.test', `parallel guess ${i}`)));
    const evaluated = burst.filter((r) => r.statusCode === 401).length;
    expect(evaluated).toBeLessThanOrEqual(3);
    expect(burst.filter((r) => r.statusCode === 429)).toHaveLength(8 - evaluated);
    pass(60 * 60_000);
  });

  it('holds back an address that tries many accounts, and locks it at 30 failures, while others still sign in', async () => {
    const sprayer = '203.0.113.66';
    for (let i = 1; i <= 10; i += 1)
      expect((await attempt(`sprayed${i}@senict.test`, 'Welkom2026!!', sprayer)).statusCode).toBe(401);
    expect((await attempt('sprayed11@senict.test', 'Welkom2026!!', sprayer)).statusCode).toBe(401);
    // The eleventh failure costs the address a second, whichever account it tries next.
    expect((await attempt('target@senict.test', PASSWORD, sprayer)).statusCode).toBe(429);
    for (let i = 12; i <= 30; i += 1) {
      pass(60_000);
      expect((await attempt(`sprayed${i}@senict.test`, 'Welkom2026!!', sprayer)).statusCode).toBe(401);
    }
    pass(60_000);
    expect((await answer('target@senict.test', PASSWORD, sprayer)).body).toMatchObject({
      error: { code: 'rate_limited', details: { retryAfterSeconds: 840 } },
    });
    expect((await attempt('target@senict.test', PASSWORD, '192.0.2.10')).statusCode).toBe(200);
    pass(14 * 60_000);
    expect((await attempt('target@senict.test', PASSWORD, sprayer)).statusCode).toBe(200);
  });

  it('keeps the count in the database, so another instance sees the lock', async () => {
    for (const guess of ['a', 'b', 'c']) await attempt('other@senict.test', `wrong ${guess}`);
    pass(1000);
    await attempt('other@senict.test', 'wrong d');
    pass(2000);
    expect((await attempt('other@senict.test', 'wrong e')).statusCode).toBe(401);
    const second = openSecondInstance(t.database);
    try {
      const services = createServices(second, loadPolicy(POLICY_PATH), { clock: { now } });
      await expect(
        services.sessions.login({ email: 'other@senict.test', password: PASSWORD, ip: '192.0.2.99' }),
      ).rejects.toMatchObject({ code: 'rate_limited' });
    } finally {
      await second.close();
    }
  });

  it('lets an operator lift the lock from the CLI', async () => {
    expect((await attempt('other@senict.test', PASSWORD)).statusCode).toBe(429);
    const unlocked = runCli(t.database, ['user', 'unlock', 'Other@senict.test']);
    expect(unlocked.stderr).toBe('');
    expect(unlocked.stdout).toContain('no longer held back');
    expect((await attempt('other@senict.test', PASSWORD)).statusCode).toBe(200);
  });
});

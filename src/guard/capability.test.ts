import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { lastLogEntry, logCount, startTestApp, type TestApp } from '../../test/harness.ts';

/**
 * Issue 18, part 3: administration outside personal data has one check, requireCapability, and a refusal is
 * logged in the processing log as the guard logs its own (who tried, what kind of thing, read or change).
 */
describe.each(DIALECTS)('refused administration, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('logs a refused read and a refused change as denied, naming the actor and the kind of thing, and changes nothing', async () => {
    const staff = await t.signIn('staff');
    const users = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('users')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await logCount(t);
    const usersBefore = await users();

    const read = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: staff } });
    expect(read.statusCode).toBe(403);
    expect(read.json()).toMatchObject({ error: { code: 'forbidden' } });
    const readEntry = await lastLogEntry(t);
    expect(readEntry).toMatchObject({
      actor_kind: 'user',
      actor_role: 'staff',
      operation: 'consult',
      purpose: 'administration',
      record_type: 'account',
      outcome: 'denied',
      subject_ids: '[]',
    });
    expect(readEntry.reason).toBe('forbidden: The role staff may not manage users');

    const change = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: staff },
      payload: { email: 'nieuw@senict.example', displayName: 'Nieuw', role: 'dpo' },
    });
    expect(change.statusCode).toBe(403);
    expect(await lastLogEntry(t)).toMatchObject({ operation: 'modify', record_type: 'account', outcome: 'denied' });
    expect(await users()).toBe(usersBefore);
    expect(await logCount(t)).toBe(before + 2);
  });

  it('logs nothing extra for an allowed administration or a refusal that is not one', async () => {
    const dpo = await t.signIn('dpo');
    const before = await logCount(t);
    const allowed = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: dpo } });
    expect(allowed.statusCode).toBe(200);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/users' });
    expect(anonymous.statusCode).toBe(401);
    expect(await logCount(t)).toBe(before);
  });

  it('tells the back office what each role may be offered, from the policy: the web knows no role names', async () => {
    const capabilitiesOf = async (role: string) => {
      const response = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: await t.signIn(role) } });
      expect(response.statusCode).toBe(200);
      return response.json<{ capabilities: string[] }>().capabilities;
    };
    const [staff, accountant, dpo] = [
      await capabilitiesOf('staff'),
      await capabilitiesOf('accountant'),
      await capabilitiesOf('dpo'),
    ];
    // The fiscal export of invoices (export invoice): the accountant and the dpo, not staff.
    expect(accountant).toContain('fiscal_export');
    expect(dpo).toContain('fiscal_export');
    expect(staff).not.toContain('fiscal_export');
    // The accountant reads invoices, not the customers; the dpo alone handles the persons' rights.
    expect(accountant).toContain('invoices');
    expect(accountant).not.toContain('customers');
    expect(staff).toContain('customers');
    expect(dpo).toContain('rights');
    expect(staff).not.toContain('rights');
  });
});

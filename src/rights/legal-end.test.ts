import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { mailTo, outboxCount } from '../../test/support/requests.ts';
import { REQUEST_COLUMNS } from './request.repository.ts';

type Shown = {
  id: string;
  reference: string;
  dueOn: string;
  deadline: string;
  legalEnd: string;
  extendableUntil: string;
  overdue: boolean;
  extendedTo: string | null;
};

// Received Saturday 31 January 2026: the month ends on Saturday 28 February, its legal end is Monday 2 March.
describe.each(DIALECTS)('a month that ends on a Saturday (Regulation 1182/71 art. 3(4)), on %s', (dialect) => {
  let t: TestApp;
  let clock = new Date('2026-02-28T11:00:00Z');
  const on = async (moment: string) => {
    clock = new Date(moment);
    return t.signIn('staff');
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { now: () => clock });
  });
  afterAll(async () => t.close());

  const register = async (cookie: string, email: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: { cookie },
      payload: { kind: 'access', channel: 'email', receivedOn: '2026-01-31', name: 'Aan Vrager', email },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string; reference: string }>();
  };
  const shown = async (cookie: string, id: string) =>
    (await t.app.inject({ url: `/api/requests/${id}`, headers: { cookie } })).json<Shown>();
  const overdueList = async (cookie: string) =>
    (await t.app.inject({ url: '/api/requests?overdue=true&pageSize=100', headers: { cookie } }))
      .json<{ items: Shown[] }>()
      .items.map((r) => r.id);
  const extend = (cookie: string, id: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/extend`,
      headers: { cookie },
      payload: { months: 1, reason: 'Uw gegevens staan in veel systemen' },
    });
  const row = (id: string) =>
    t.database.db.selectFrom('rights_requests').select(REQUEST_COLUMNS).where('id', '=', id).executeTakeFirstOrThrow();

  it('is not overdue on the Saturday, the Sunday or the Monday, can be extended on the Monday, and is late on the Tuesday', async () => {
    const saturday = await on('2026-02-28T11:00:00Z');
    const extended = await register(saturday, 'verlengd@example.nl');
    const late = await register(saturday, 'te-laat@example.nl');
    expect((await row(extended.id)).due_on).toBe('2026-02-28');
    expect(await shown(saturday, extended.id)).toMatchObject({
      dueOn: '2026-02-28',
      deadline: '2026-02-28',
      legalEnd: '2026-03-02',
      extendableUntil: '2026-03-02',
      overdue: false,
    });
    expect(await overdueList(saturday)).not.toContain(late.id);

    const sunday = await on('2026-03-01T11:00:00Z');
    expect((await shown(sunday, late.id)).overdue).toBe(false);
    expect(await overdueList(sunday)).not.toContain(late.id);

    const monday = await on('2026-03-02T11:00:00Z');
    expect((await shown(monday, late.id)).overdue).toBe(false);
    expect(await overdueList(monday)).not.toContain(late.id);
    const extension = await extend(monday, extended.id);
    expect(extension.statusCode, extension.body).toBe(200);
    // Two months from receipt: 31 March 2026, a Tuesday, so also its legal end.
    expect(extension.json<{ request: Shown }>().request).toMatchObject({
      extendedTo: '2026-03-31',
      deadline: '2026-03-31',
      legalEnd: '2026-03-31',
      overdue: false,
    });
    expect(await row(extended.id)).toMatchObject({
      extended_to: '2026-03-31',
      extension_notified_at: '2026-03-02T11:00:00.000Z',
    });
    expect((await mailTo(t, 'verlengd@example.nl')).map((m) => m.kind)).toContain('request_extension');

    const tuesday = await on('2026-03-03T11:00:00Z');
    expect((await shown(tuesday, late.id)).overdue).toBe(true);
    expect(await overdueList(tuesday)).toContain(late.id);
    expect(await overdueList(tuesday)).not.toContain(extended.id);
    const before = [await row(late.id), await outboxCount(t)];
    const tooLate = await extend(tuesday, late.id);
    expect(tooLate.statusCode).toBe(409);
    expect([await row(late.id), await outboxCount(t)]).toEqual(before);
  });

  it('shows the target date and the legal end in `kluis request list`', async () => {
    // The clock only moves forward: the sign-in throttle counts in its windows.
    const cookie = await on('2026-03-04T11:00:00Z');
    const r = await register(cookie, 'cli@example.nl');
    const cli = runCli(t.database, ['request', 'list', '--status', 'received']);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/target\s+legal end/);
    expect(cli.stdout).toMatch(new RegExp(`2026-02-28\\s+2026-03-02\\s+OVERDUE\\s+${r.reference}`));
  });
});

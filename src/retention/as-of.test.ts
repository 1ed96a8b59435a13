import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { newAgreement, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { asOfDay } from './as-of.ts';

/** The forecast and dry run read as of a chosen day (`--as-of`, `asOf`): they show that day, delete nothing, and log the look. */
describe.each(DIALECTS)('retention as of a chosen day, on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let staff: string;
  let agreementId: string;
  beforeAll(async () => {
    t = await startTestApp(dialect, { now: () => new Date('2026-12-02T10:00:00Z') });
    dpo = await t.signIn('dpo');
    staff = await t.signIn('staff');
    const subject = await newSubject(t);
    // Ended on 30 June 2025: under the contract rule it is due on 30 June 2027, next year.
    agreementId = (await newAgreement(t, subject.id, { status: 'ended', startDate: '2020-01-01', endDate: '2025-06-30' })).id;
  });
  afterAll(async () => t.close());

  const agreementExists = async () =>
    (await t.database.db.selectFrom('agreements').select('id').where('id', '=', agreementId).executeTakeFirst()) !== undefined;
  const looks = async (record: string) =>
    (await t.database.db.selectFrom('processing_log').select(['actor_id', 'operation', 'records', 'reason']).execute()).filter(
      (e) => e.records.includes(record),
    );
  const get = (url: string, cookie = dpo) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  it("shows next year's due record in the forecast as of next year, deleting nothing and logging the look", async () => {
    const today = await get('/api/retention/forecast?days=30');
    expect(today.json<{ rules: { rule: string }[] }>().rules.map((r) => r.rule)).not.toContain('contract-two-years');

    const asOf = await get('/api/retention/forecast?days=30&asOf=2027-06-30');
    expect(asOf.statusCode, asOf.body).toBe(200);
    expect(asOf.json()).toMatchObject({
      from: '2027-06-30',
      to: '2027-07-30',
      rules: expect.arrayContaining([
        { rule: 'contract-two-years', total: 1, dates: [{ date: '2027-06-30', count: 1 }] },
      ]) as unknown,
    });
    expect(await agreementExists()).toBe(true);
    expect(await looks('retention_forecast:2027-06-30')).toEqual([
      expect.objectContaining({ operation: 'consult', reason: expect.stringContaining('nothing deleted') as unknown }),
    ]);
  });

  it('lists in the dry run as of that day what a sweep then would delete, for the dpo only', async () => {
    const dry = await get('/api/retention/dry-run?asOf=2027-06-30');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ today: '2027-06-30', total: 1, due: [{ id: agreementId, until: '2027-06-30' }] });
    expect(await agreementExists()).toBe(true);
    expect(await looks('retention_dry_run:2027-06-30')).toHaveLength(1);
    // The day before, nothing is due yet.
    expect((await get('/api/retention/dry-run?asOf=2027-06-29')).json()).toMatchObject({ total: 0, due: [] });
    expect((await get('/api/retention/dry-run?asOf=2027-06-30', staff)).statusCode).toBe(403);
    expect((await get('/api/retention/forecast?asOf=2027-06-30', staff)).statusCode).toBe(403);
  });

  it('refuses a day that does not exist with as_of_invalid', async () => {
    for (const bad of ['2027-02-30', '30-06-2027', 'tomorrow', '2027-6-30']) {
      const response = await get(`/api/retention/forecast?asOf=${bad}`);
      expect(response.statusCode, bad).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'as_of_invalid' } });
    }
    expect(() => asOfDay('2028-02-29')).not.toThrow();
    expect(() => asOfDay('2027-02-29')).toThrow(expect.objectContaining({ code: 'as_of_invalid' }));
  });

  it('answers kluis retention forecast --as-of and run --dry-run --as-of from the CLI, deleting nothing', async () => {
    const forecast = runCli(t.database, ['retention', 'forecast', '--days', '30', '--as-of', '2027-06-30']);
    expect(forecast.status, forecast.stderr).toBe(0);
    expect(forecast.stdout).toContain('From 2027-06-30 to 2027-07-30');
    expect(forecast.stdout).toMatch(/contract-two-years.*2027-06-30.*1/);
    const dry = runCli(t.database, ['retention', 'run', '--dry-run', '--as-of', '2027-06-30']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(agreementId);
    expect(await agreementExists()).toBe(true);
    expect(await looks('retention_forecast:2027-06-30')).toHaveLength(2);
    expect(await looks('retention_dry_run:2027-06-30')).toHaveLength(2);

    const bad = runCli(t.database, ['retention', 'forecast', '--as-of', '2027-02-30']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('as_of_invalid');
    const sweep = runCli(t.database, ['retention', 'run', '--as-of', '2027-06-30']);
    expect(sweep.status).toBe(1);
    expect(sweep.stderr).toContain('as_of_invalid');
    expect(await agreementExists()).toBe(true);
  }, 300_000);
});

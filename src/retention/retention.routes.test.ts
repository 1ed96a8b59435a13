import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newAgreement, newSubject } from '../../test/factories.ts';
import { logCount, startTestApp, type TestApp } from '../../test/harness.ts';

/** The dry run and a sweep on request, through the API, on today's real date. */
describe.each(DIALECTS)('the retention routes, on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    dpo = await t.signIn('dpo');
    staff = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  it('lists what the next sweep would delete, changing nothing; runs it for the dpo only', async () => {
    const subject = await newSubject(t);
    // Ended more than two years ago: due today under the contract rule.
    const agreement = await newAgreement(t, subject.id, { status: 'ended', startDate: '2020-01-01', endDate: '2023-06-30' });
    const running = await newAgreement(t, subject.id);

    const before = await logCount(t);
    const dry = await t.app.inject({ method: 'GET', url: '/api/retention/dry-run', headers: { cookie: dpo } });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      subjects: 1,
      total: 1,
      truncated: false,
      subjectsToRemove: 0,
      due: [
        { recordType: 'agreement', id: agreement.id, subjectId: subject.id, rule: 'contract-two-years', until: '2025-06-30' },
      ],
    });
    expect(await logCount(t)).toBe(before);

    const refused = await t.app.inject({ method: 'POST', url: '/api/retention/run', headers: { cookie: staff } });
    expect(refused.statusCode).toBe(403);
    expect(
      await t.database.db.selectFrom('agreements').select('id').where('id', '=', agreement.id).executeTakeFirst(),
    ).toBeDefined();

    const run = await t.app.inject({ method: 'POST', url: '/api/retention/run', headers: { cookie: dpo } });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ subjects: 1, deleted: { agreement: 1, invoice: 0, case: 0, message: 0, subject: 0 } });
    const left = await t.database.db.selectFrom('agreements').select('id').where('subject_id', '=', subject.id).execute();
    expect(left.map((a) => a.id)).toEqual([running.id]);
    const ledger = await t.database.db.selectFrom('erasure_ledger').select(['kind', 'record_type', 'record_id']).execute();
    expect(ledger).toEqual([{ kind: 'retention', record_type: 'agreement', record_id: agreement.id }]);
  });
});

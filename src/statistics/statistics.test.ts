import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { recordErasures } from '../retention/erasure-ledger.ts';
import { newRequest } from '../../test/support/executions.ts';
import { lastMonths } from './statistics.service.ts';

/** The first moment of the month `back` months before this one, plus `days` days, as ISO (UTC). */
const monthStart = (back: number, days = 0) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1 + days, 9)).toISOString();
};

describe('the months of a statistic', () => {
  it('lists the calendar months up to this one, oldest first, across a year end', () => {
    expect(lastMonths(3, new Date('2027-01-15T12:00:00Z'))).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(lastMonths(1, new Date('2026-03-31T23:59:59Z'))).toEqual(['2026-03']);
  });
});

describe.each(DIALECTS)('statistics for the dashboard, on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let staff: string;
  let accountant: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    dpo = await t.signIn('dpo');
    staff = await t.signIn('staff');
    accountant = await t.signIn('accountant');
  });
  afterAll(async () => t.close());

  const get = (url: string, cookie = dpo) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  it('counts requests per month of receipt with the days to answer them and the late ones, naming nobody', async () => {
    const subject = await newSubject(t);
    const dueIn = (back: number, days: number) => monthStart(back, days).slice(0, 10);
    // Two months ago: one answered in 4 days, one answered late (after its deadline), one still open.
    await newRequest(t, 'access', subject.id, {
      received_at: monthStart(2),
      due_on: dueIn(2, 30),
      answered_at: monthStart(2, 4),
      status: 'answered',
    });
    await newRequest(t, 'erasure', subject.id, {
      received_at: monthStart(2, 1),
      due_on: dueIn(2, 10),
      answered_at: monthStart(2, 21),
      status: 'answered',
    });
    await newRequest(t, 'question', null, { received_at: monthStart(2, 2), due_on: dueIn(2, 32) });
    // An extension moves the deadline: answered after due_on but before extended_to is in time.
    await newRequest(t, 'access', subject.id, {
      received_at: monthStart(1),
      due_on: dueIn(1, 5),
      extended_to: dueIn(1, 40),
      answered_at: monthStart(1, 20),
      status: 'answered',
    });
    // Long ago: outside the window.
    await newRequest(t, 'access', subject.id, {
      received_at: monthStart(30),
      answered_at: monthStart(30, 3),
      status: 'answered',
    });

    const response = await get('/api/statistics/requests-per-month?months=3', staff);
    expect(response.statusCode).toBe(200);
    const { months } = response.json<{
      months: {
        month: string;
        received: number;
        answered: number;
        answeredLate: number;
        medianDaysToAnswer: number | null;
        maxDaysToAnswer: number | null;
      }[];
    }>();
    expect(months.map((m) => m.month)).toEqual(lastMonths(3, new Date()));
    expect(months[0]).toEqual({
      month: monthStart(2).slice(0, 7),
      received: 3,
      answered: 2,
      answeredLate: 1,
      medianDaysToAnswer: 12,
      maxDaysToAnswer: 20,
    });
    expect(months[1]).toEqual({
      month: monthStart(1).slice(0, 7),
      received: 1,
      answered: 1,
      answeredLate: 0,
      medianDaysToAnswer: 20,
      maxDaysToAnswer: 20,
    });
    expect(months[2]).toMatchObject({ received: 0, answered: 0, medianDaysToAnswer: null, maxDaysToAnswer: null });
    // Aggregates only: no id, name or address of anyone in the answer.
    expect(response.body).not.toContain(subject.id);
    expect(response.body).not.toContain('Anna');
  });

  it('counts deleted records per month by erasure and retention, and the persons removed, from the ledger', async () => {
    const subject = await newSubject(t);
    const db = t.database.db;
    await recordErasures(
      db,
      [
        { kind: 'erasure', recordType: 'subject', recordId: subject.id, subjectId: subject.id },
        { kind: 'erasure', recordType: 'agreement', recordId: 'a-1', subjectId: subject.id },
        { kind: 'erasure', recordType: 'invoice', recordId: 'i-1', subjectId: subject.id },
      ],
      monthStart(1, 3),
    );
    await recordErasures(db, [{ kind: 'retention', recordType: 'case', recordId: 'c-1', subjectId: subject.id }], monthStart(0));
    // A subject the sweep removed: one row, standing for its three records too.
    await recordErasures(
      db,
      [{ kind: 'retention', recordType: 'subject', recordId: 'gone', subjectId: 'gone', recordsWith: 3 }],
      monthStart(0),
    );
    await recordErasures(db, [{ kind: 'retention', recordType: 'case', recordId: 'c-0', subjectId: subject.id }], monthStart(20));
    const before = await logCount(t);

    const response = await get('/api/statistics/deletions-per-month?months=2');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      months: [
        { month: monthStart(1).slice(0, 7), erasure: 3, retention: 0, subjects: 1 },
        { month: monthStart(0).slice(0, 7), erasure: 0, retention: 5, subjects: 1 },
      ],
    });
    expect(response.body).not.toContain(subject.id);
    // Counts of nobody in particular are no processing of personal data: nothing is logged.
    expect(await logCount(t)).toBe(before);
  });

  it('shows each statistic only to the roles that may see what it counts', async () => {
    expect((await get('/api/statistics/requests-per-month', accountant)).statusCode).toBe(403);
    expect((await get('/api/statistics/deletions-per-month', staff)).statusCode).toBe(403);
    expect((await get('/api/statistics/deletions-per-month', accountant)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/statistics/requests-per-month' })).statusCode).toBe(401);
  });

  it('refuses a window of months it does not offer, with validation_failed', async () => {
    for (const months of ['0', '37', 'twelve', '1.5']) {
      const response = await get(`/api/statistics/requests-per-month?months=${months}`);
      expect(response.statusCode, months).toBe(400);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('validation_failed');
    }
    expect((await get('/api/statistics/deletions-per-month?months=2&subjectId=x')).statusCode).toBe(400);
  });
});

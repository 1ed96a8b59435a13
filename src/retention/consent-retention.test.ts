import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newAgreement, newCase, newConsent, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { withConsentPurpose } from '../../test/policies.ts';
import { cliActor } from '../guard/actor.ts';
import { retentionLines } from '../rights/access-packages/access-retention.ts';
import { loadSubjectRecords } from '../rights/executors/subject-records.ts';
import { businessDate } from '../shared/business-day.ts';
import { addPeriod, parsePeriod } from './rules/period.ts';
import { refreshRetention } from './retain-until.ts';

const plusTwoYears = (date: string) => addPeriod(date, parsePeriod('P2Y'));
const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Issue 15, item 7: a consent record has a period of its own (Art. 5(1)(e) GDPR). It is the proof of the consent
 * (Art. 7(1)): kept while the customer relationship lasts and two years after it ended, or after the withdrawal
 * if that came later; then swept, and a customer with nothing else left goes with it.
 */
describe.each(DIALECTS)('the retention of consents, on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  const actor = cliActor();
  beforeAll(async () => {
    // Sen ICT's own policy records no consents (no purpose rests on consent); this one has such a purpose.
    t = await startTestApp(dialect, { policy: withConsentPurpose() });
    dpo = await t.signIn('dpo');
  });
  afterAll(async () => t.close());

  const stored = (id: string) =>
    t.database.db.selectFrom('consents').select(['retain_until', 'retain_rule']).where('id', '=', id).executeTakeFirstOrThrow();
  const exists = async (table: 'subjects' | 'consents' | 'cases', id: string) =>
    (await t.database.db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

  it('keeps a consent while the relationship runs, and two years after it ended, as proof of the consent (Art. 7(1) GDPR)', async () => {
    const subject = await newSubject(t);
    const agreement = await newAgreement(t, subject.id, { startDate: '2026-01-01' });
    const consent = await newConsent(t, subject.id, { givenAt: '2026-03-02T09:30:00Z' });
    expect(await stored(consent.id)).toEqual({ retain_until: null, retain_rule: 'consent-proof-two-years' });
    await t.services.agreements.update(actor, agreement.id, { status: 'ended', endDate: '2026-06-30' });
    expect(await stored(consent.id)).toEqual({ retain_until: '2028-06-30', retain_rule: 'consent-proof-two-years' });
    // A question opened later continues the relationship: the consent waits again, and counts from its closing.
    const question = await newCase(t, subject.id);
    expect((await stored(consent.id)).retain_until).toBeNull();
    await t.services.cases.close(actor, question.id);
    const closedAt =
      (await t.database.db.selectFrom('cases').select('closed_at').where('id', '=', question.id).executeTakeFirstOrThrow())
        .closed_at ?? '';
    // The day it was closed where the business is, not the UTC day: they differ between 23:00 and midnight UTC.
    const closedOn = businessDate(closedAt);
    expect(await stored(consent.id)).toEqual({ retain_until: plusTwoYears(closedOn), retain_rule: 'consent-proof-two-years' });
  });

  it('counts a withdrawal after the relationship from the withdrawal, and the access report says until when (Art. 7(1), 15(1)(d) GDPR)', async () => {
    const subject = await newSubject(t);
    await newAgreement(t, subject.id, { status: 'ended', startDate: '2025-01-01', endDate: '2025-12-31' });
    const consent = await newConsent(t, subject.id, { givenAt: '2025-02-01T09:00:00Z' });
    expect(await stored(consent.id)).toMatchObject({ retain_until: '2027-12-31' });
    await t.services.consents.withdraw(actor, consent.id, { withdrawnAt: '2026-04-15T08:00:00Z' });
    expect(await stored(consent.id)).toEqual({ retain_until: '2028-04-15', retain_rule: 'consent-proof-two-years' });
    // The access report's retention table asks the same dates as the sweep.
    const records = await loadSubjectRecords(t.database.db, subject.id);
    if (records === undefined) throw new Error('subject gone');
    const line = retentionLines(t.services.guard.policy, records, 'nl').find((l) => l.recordId === consent.id);
    expect(line).toMatchObject({ until: '2028-04-15' });
    expect(line?.explanation).toContain('om te kunnen aantonen dat u toestemming gaf (art. 7 lid 1 AVG)');
  });

  it('sweeps a consent at the end of its period and removes the customer with nothing left, logged and in the ledger (Art. 5(1)(e) GDPR)', async () => {
    const subject = await newSubject(t);
    const question = await newCase(t, subject.id);
    await t.services.cases.addMessage(actor, question.id, {
      channel: 'email',
      direction: 'inbound',
      occurredAt: '2025-11-01T10:00:00Z',
      body: 'Vraag',
    });
    const consent = await newConsent(t, subject.id, { givenAt: '2025-10-01T09:00:00Z' });
    await t.services.consents.withdraw(actor, consent.id, { withdrawnAt: '2026-03-01T09:00:00Z' });
    // The question was closed on 1 January 2026, behind the guard: the dates are computed as the guard would.
    await t.database.db
      .updateTable('cases')
      .set({ status: 'closed', closed_at: '2026-01-01T12:00:00.000Z' })
      .where('id', '=', question.id)
      .execute();
    await refreshRetention(t.database.db, t.services.guard.policy, [subject.id]);
    expect(await stored(consent.id)).toEqual({ retain_until: '2028-03-01', retain_rule: 'consent-proof-two-years' });

    // The question goes first; the consent, still in its period, keeps its customer.
    const first = await t.services.retention.run({ today: '2028-01-01' });
    expect(first.deleted).toMatchObject({ case: 1, consent: 0, subject: 0 });
    expect(await exists('cases', question.id)).toBe(false);
    expect(await exists('subjects', subject.id)).toBe(true);
    const dry = await t.services.retention.run({ dryRun: true, today: dayBefore('2028-03-01') });
    expect(dry.due.map((d) => d.id)).not.toContain(consent.id);

    // Then the consent, and the customer with it, having nothing left.
    const second = await t.services.retention.run({ today: '2028-03-01' });
    expect(second.deleted).toMatchObject({ consent: 1, subject: 1 });
    expect(await exists('consents', consent.id)).toBe(false);
    expect(await exists('subjects', subject.id)).toBe(false);
    const ledger = await t.database.db
      .selectFrom('erasure_ledger')
      .select(['kind', 'record_type', 'record_id', 'records_with'])
      .where('subject_id', '=', subject.id)
      .orderBy('seq')
      .execute();
    expect(ledger.map((r) => `${r.kind} ${r.record_type}:${r.record_id}`)).toEqual(
      expect.arrayContaining([`retention case:${question.id}`, `retention subject:${subject.id}`]),
    );
    expect(ledger.find((r) => r.record_type === 'subject')?.records_with).toBe(1);
    const entry = await t.database.db
      .selectFrom('processing_log')
      .select(['reason', 'records', 'record_type', 'purpose'])
      .where('actor_id', '=', 'retention-sweep')
      .where('records', 'like', `%consent:${consent.id}%`)
      .executeTakeFirstOrThrow();
    expect(entry.record_type).toBe('subject');
    expect(entry.reason).toContain(`consent:${consent.id} under consent-proof-two-years (until 2028-03-01)`);
    expect(entry.reason).toContain('nothing left of the subject, removed');
    expect(JSON.parse(entry.records)).toEqual([`consent:${consent.id}`, `subject:${subject.id}`]);
    expect((await t.services.processingLog.verify(actor)).ok).toBe(true);
  });

  it('shows consents in the dry run and the forecast under their rule', async () => {
    const subject = await newSubject(t);
    const consent = await newConsent(t, subject.id, { givenAt: '2023-01-10T09:00:00Z' });
    // Given in 2023 with nothing else: the relationship ended when it was given, two years ago.
    expect(await stored(consent.id)).toEqual({ retain_until: '2025-01-10', retain_rule: 'consent-proof-two-years' });
    const dry = await t.app.inject({ method: 'GET', url: '/api/retention/dry-run', headers: { cookie: dpo } });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json<{ due: unknown[] }>().due).toContainEqual({
      recordType: 'consent',
      id: consent.id,
      subjectId: subject.id,
      rule: 'consent-proof-two-years',
      until: '2025-01-10',
    });
    const forecast = await t.app.inject({ method: 'GET', url: '/api/retention/forecast?days=30', headers: { cookie: dpo } });
    expect(forecast.statusCode, forecast.body).toBe(200);
    const rule = forecast
      .json<{ rules: { rule: string; total: number }[] }>()
      .rules.find((r) => r.rule === 'consent-proof-two-years');
    expect(rule?.total).toBeGreaterThanOrEqual(1);
  });
});

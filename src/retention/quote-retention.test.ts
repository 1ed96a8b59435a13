import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newAgreement, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { type AgreementStatus, agreementStatus } from '../agreements/agreement.schema.ts';
import { cliActor } from '../guard/actor.ts';
import { businessDate } from '../shared/business-day.ts';
import { addPeriod, parsePeriod } from './rules/period.ts';
import { refreshRetention } from './retain-until.ts';

const plusTwoYears = (date: string) => addPeriod(date, parsePeriod('P2Y'));

/**
 * Issue 15, item 7 (Art. 5(1)(e) GDPR, P3): a quote or agreement that never reaches `ended` is not kept for ever.
 * Every status the schema allows gives it a day its two years start; only a running agreement waits for its end.
 */
describe.each(DIALECTS)('quotes and agreements that never ended, on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  const actor = cliActor();
  beforeAll(async () => {
    t = await startTestApp(dialect);
    dpo = await t.signIn('dpo');
  });
  afterAll(async () => t.close());

  const stored = (id: string) =>
    t.database.db
      .selectFrom('agreements')
      .select(['retain_until', 'retain_rule', 'updated_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const exists = async (id: string) =>
    (await t.database.db.selectFrom('agreements').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

  it('gives every status the schema allows a day its period starts; only a running agreement waits for its end (Art. 5(1)(e) GDPR)', async () => {
    const subject = await newSubject(t);
    const made = async (kind: 'quote' | 'agreement', status: AgreementStatus, endDate?: string) =>
      newAgreement(t, subject.id, { kind, status, startDate: undefined, ...(endDate === undefined ? {} : { endDate }) });
    // An agreement cancelled before its planned end ended when it was cancelled, not at the planned end.
    const cancelledEarly = await newAgreement(t, subject.id, { status: 'active', endDate: '2031-12-31' });
    await t.services.agreements.update(actor, cancelledEarly.id, { status: 'cancelled' });

    const cases: { status: AgreementStatus; id: string; until: (lastChange: string) => string | null }[] = [
      // Nobody answered, or it never left the drafts: two years after its last change.
      { status: 'draft', id: (await made('quote', 'draft')).id, until: plusTwoYears },
      { status: 'sent', id: (await made('quote', 'sent')).id, until: plusTwoYears },
      { status: 'draft', id: (await made('agreement', 'draft', '2031-12-31')).id, until: plusTwoYears },
      { status: 'sent', id: (await made('agreement', 'sent')).id, until: plusTwoYears },
      // An accepted quote is the agreement of a one-off order: its end date when it has one, else its last change.
      { status: 'accepted', id: (await made('quote', 'accepted')).id, until: plusTwoYears },
      { status: 'accepted', id: (await made('quote', 'accepted', '2027-03-31')).id, until: () => '2029-03-31' },
      // Rejected and cancelled ones end on the day they became final.
      { status: 'rejected', id: (await made('quote', 'rejected')).id, until: plusTwoYears },
      { status: 'cancelled', id: (await made('quote', 'cancelled')).id, until: plusTwoYears },
      { status: 'cancelled', id: cancelledEarly.id, until: plusTwoYears },
      // A running agreement is needed to perform it (Art. 6(1)(b)): its period starts on its end date.
      { status: 'active', id: (await made('agreement', 'active')).id, until: () => null },
      { status: 'active', id: (await made('agreement', 'active', '2026-06-30')).id, until: () => '2028-06-30' },
      { status: 'ended', id: (await made('agreement', 'ended', '2026-06-30')).id, until: () => '2028-06-30' },
    ];
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(agreementStatus.options));
    for (const c of cases) {
      const row = await stored(c.id);
      expect({ status: c.status, ...row }).toEqual({
        status: c.status,
        retain_until: c.until(businessDate(row.updated_at)),
        retain_rule: 'contract-two-years',
        updated_at: row.updated_at,
      });
    }
  });

  it('deletes a quote nobody answered two years after its last change; a change restarts the clock (Art. 5(1)(e) GDPR)', async () => {
    const subject = await newSubject(t);
    const forgotten = await newAgreement(t, subject.id, { kind: 'quote', status: 'sent', title: 'Offerte nooit beantwoord' });
    const revived = await newAgreement(t, subject.id, { kind: 'quote', status: 'sent', title: 'Offerte opnieuw bekeken' });
    // Sent in May 2024 and never answered: rows as an installation holds them, dates computed as the guard does.
    await t.database.db
      .updateTable('agreements')
      .set({ updated_at: '2024-05-02T10:00:00.000Z' })
      .where('subject_id', '=', subject.id)
      .execute();
    await refreshRetention(t.database.db, t.services.guard.policy, [subject.id]);
    expect(await stored(forgotten.id)).toMatchObject({ retain_until: '2026-05-02', retain_rule: 'contract-two-years' });
    await t.services.agreements.update(actor, revived.id, { title: 'Offerte opnieuw verstuurd' });
    const revivedRow = await stored(revived.id);
    expect(revivedRow.retain_until).toBe(plusTwoYears(businessDate(revivedRow.updated_at)));

    const dry = await t.app.inject({ method: 'GET', url: '/api/retention/dry-run', headers: { cookie: dpo } });
    expect(dry.statusCode, dry.body).toBe(200);
    const due = dry.json<{ due: { id: string; rule: string; until: string }[] }>().due;
    expect(due).toContainEqual({
      recordType: 'agreement',
      id: forgotten.id,
      subjectId: subject.id,
      rule: 'contract-two-years',
      until: '2026-05-02',
    });
    expect(due.map((d) => d.id)).not.toContain(revived.id);

    const run = await t.app.inject({ method: 'POST', url: '/api/retention/run', headers: { cookie: dpo } });
    expect(run.statusCode, run.body).toBe(200);
    expect(await exists(forgotten.id)).toBe(false);
    expect(await exists(revived.id)).toBe(true);
    const ledger = await t.database.db
      .selectFrom('erasure_ledger')
      .select(['kind', 'subject_id'])
      .where('record_id', '=', forgotten.id)
      .execute();
    expect(ledger).toEqual([{ kind: 'retention', subject_id: subject.id }]);
    const entry = await t.database.db
      .selectFrom('processing_log')
      .select(['reason', 'records', 'actor_id'])
      .where('records', 'like', `%agreement:${forgotten.id}%`)
      .where('operation', '=', 'erase')
      .executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe('retention-sweep');
    expect(entry.reason).toContain(`agreement:${forgotten.id} under contract-two-years (until 2026-05-02)`);
  });
});

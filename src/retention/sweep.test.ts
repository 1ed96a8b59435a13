import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newAgreement, newCase, newConsent, newInvoice, newSubject } from '../../test/factories.ts';
import { logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { withConsentPurpose } from '../../test/policies.ts';
import { cliActor } from '../guard/actor.ts';
import { addDays, businessToday } from '../shared/business-day.ts';

const TODAY = '2030-06-01';

describe.each(DIALECTS)('the retention sweep and forecast, on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let s: Awaited<ReturnType<typeof fixture>>;

  async function fixture() {
    const actor = cliActor();
    // Expired agreement, nothing else: goes, and the subject with it.
    const expired = await newSubject(t);
    const expiredAgreement = await newAgreement(t, expired.id, { endDate: '2026-01-01' });
    // Agreement behind an issued invoice: kept as long as the invoice (seven years from the end of its book year).
    const invoiced = await newSubject(t);
    const invoicedAgreement = await newAgreement(t, invoiced.id, { endDate: '2026-01-01' });
    const invoice = await newInvoice(t, invoiced.id, { agreementId: invoicedAgreement.id });
    await t.services.invoices.issue(actor, invoice.id, { completedOn: '2026-03-31' });
    // Held subject: untouched although its agreement expired.
    const held = await newSubject(t);
    const heldAgreement = await newAgreement(t, held.id, { endDate: '2026-01-01' });
    await t.services.legalHolds.place(actor, held.id, {
      reason: 'Bewijs voor klacht',
      reviewOn: addDays(businessToday(new Date()), 90),
    });
    // A closed case with a message goes; the running agreement keeps the subject, and its consent with it.
    const correspondent = await newSubject(t);
    await newAgreement(t, correspondent.id);
    const closed = await newCase(t, correspondent.id);
    await t.services.cases.addMessage(actor, closed.id, {
      channel: 'email',
      direction: 'inbound',
      occurredAt: '2025-12-01T10:00:00Z',
      body: 'Vraag',
    });
    await t.database.db.updateTable('cases').set({ closed_at: '2026-01-01T12:00:00.000Z' }).where('id', '=', closed.id).execute();
    await newConsent(t, correspondent.id);
    return { expired, expiredAgreement, invoiced, invoicedAgreement, invoice, held, heldAgreement, correspondent, closed };
  }

  beforeAll(async () => {
    // Invoices are issued on 2 December 2026, so they are kept until 1 January 2034 (AWR art. 52 lid 4).
    t = await startTestApp(dialect, { now: () => new Date('2026-12-02T10:00:00Z'), policy: withConsentPurpose() });
    dpo = await t.signIn('dpo');
    s = await fixture();
  });
  afterAll(async () => t.close());

  const exists = async (table: 'subjects' | 'agreements' | 'invoices' | 'cases', id: string) =>
    (await t.database.db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  const ledger = () => t.database.db.selectFrom('erasure_ledger').selectAll().orderBy('seq').execute();

  it('a dry run lists exactly what is due, not a day early, and changes nothing', async () => {
    const before = await logCount(t);
    const dayBefore = await t.services.retention.run({ dryRun: true, today: '2027-12-31' });
    expect(dayBefore.due).toEqual([]);
    const report = await t.services.retention.run({ dryRun: true, today: TODAY });
    expect(report.due).toHaveLength(2);
    expect(report.due).toEqual(
      expect.arrayContaining([
        {
          recordType: 'agreement',
          id: s.expiredAgreement.id,
          subjectId: s.expired.id,
          rule: 'contract-two-years',
          until: '2028-01-01',
        },
        {
          recordType: 'case',
          id: s.closed.id,
          subjectId: s.correspondent.id,
          rule: 'correspondence-two-years',
          until: '2028-01-01',
        },
      ]),
    );
    expect(report.subjectsToRemove).toEqual([s.expired.id]);
    // Only the invoice keeps the invoiced customer: two years after the order was completed, their contact details go (P3).
    expect(report.reduced).toEqual([{ subjectId: s.invoiced.id, since: '2028-03-31' }]);
    expect(await logCount(t)).toBe(before);
    expect(await ledger()).toEqual([]);
    expect(await exists('agreements', s.expiredAgreement.id)).toBe(true);
  });

  it('forecasts per rule and date', async () => {
    const forecast = await t.services.retention.forecast(cliActor(), 90, { asOf: '2033-12-15' });
    expect(forecast.rules.find((r) => r.rule === 'fiscal-seven-years')).toEqual({
      rule: 'fiscal-seven-years',
      total: 2,
      dates: [{ date: '2034-01-01', count: 2 }],
    });
    expect(forecast.rules.find((r) => r.rule === 'contract-two-years')).toEqual({
      rule: 'contract-two-years',
      total: 1,
      dates: [{ date: '2033-12-15', count: 1 }],
    });
    const route = await t.app.inject({ method: 'GET', url: '/api/retention/forecast?days=365', headers: { cookie: dpo } });
    expect(route.statusCode, route.body).toBe(200);
    expect(Array.isArray(route.json<{ rules: unknown }>().rules)).toBe(true);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/retention/forecast?days=7', headers: { cookie: dpo } })).statusCode,
    ).toBe(400);
  });

  it('deletes what expired through the guard, with ledger rows and log entries naming the rule', async () => {
    const before = await logCount(t);
    const report = await t.services.retention.run({ today: TODAY });
    expect(report.deleted).toEqual({ agreement: 1, invoice: 0, case: 1, consent: 0, message: 1, subject: 1, organisation: 0 });
    expect(report.reduced.map((r) => r.subjectId)).toEqual([s.invoiced.id]);
    expect(await exists('agreements', s.expiredAgreement.id)).toBe(false);
    expect(await exists('subjects', s.expired.id)).toBe(false);
    expect(await exists('cases', s.closed.id)).toBe(false);
    expect(await exists('subjects', s.correspondent.id)).toBe(true);
    expect(await exists('agreements', s.invoicedAgreement.id)).toBe(true);
    expect(await exists('invoices', s.invoice.id)).toBe(true);
    expect(await exists('agreements', s.heldAgreement.id)).toBe(true);
    expect(await exists('subjects', s.held.id)).toBe(true);

    const rows = await ledger();
    expect(rows.every((r) => r.kind === 'retention' && r.request_id === null)).toBe(true);
    // The subject that went entirely has one row, which a restore replays as the subject with all it had;
    // the correspondent stays, so their case and its message have rows of their own.
    // The invoiced customer keeps name and reference: their address and contact details have rows, as an erasure writes them.
    const address = rows.find((r) => r.record_type === 'subject_address');
    expect(address?.subject_id).toBe(s.invoiced.id);
    expect(rows.map((r) => `${r.record_type}:${r.record_id}`).sort()).toEqual(
      [
        `case:${s.closed.id}`,
        `subject:${s.expired.id}`,
        `subject_address:${address?.record_id}`,
        `subject_contact_details:${s.invoiced.id}`,
        ...rows.filter((r) => r.record_type === 'message').map((r) => `message:${r.record_id}`),
      ].sort(),
    );
    expect(rows.filter((r) => r.record_type === 'message')).toHaveLength(1);
    expect(rows.map((r) => Number(r.records_with))).toEqual(rows.map((r) => (r.record_type === 'subject' ? 1 : 0)));

    // One entry per subject, naming every record with its rule, one for the reduced customer, and the summary.
    const entries = await t.database.db
      .selectFrom('processing_log')
      .selectAll()
      .where('seq', '>', before)
      .orderBy('seq')
      .execute();
    expect(entries).toHaveLength(4);
    const expiredEntry = entries.find((e) => (JSON.parse(e.subject_ids) as string[])[0] === s.expired.id);
    expect(expiredEntry).toMatchObject({
      record_type: 'subject',
      operation: 'erase',
      actor_kind: 'system',
      actor_id: 'retention-sweep',
      actor_role: 'dpo',
      outcome: 'allowed',
    });
    expect(expiredEntry?.reason).toContain(`agreement:${s.expiredAgreement.id} under contract-two-years (until 2028-01-01)`);
    expect(expiredEntry?.reason).toContain('nothing left of the subject');
    expect(JSON.parse(expiredEntry?.records ?? '[]')).toEqual([`agreement:${s.expiredAgreement.id}`, `subject:${s.expired.id}`]);
    const caseEntry = entries.find((e) => (JSON.parse(e.subject_ids) as string[])[0] === s.correspondent.id);
    expect(caseEntry).toMatchObject({ record_type: 'case', purpose: 'correspondence' });
    expect(caseEntry?.reason).toContain('correspondence-two-years');
    expect(JSON.parse(caseEntry?.records ?? '[]')).toEqual([
      `case:${s.closed.id}`,
      `message:${rows.find((r) => r.record_type === 'message')?.record_id}`,
    ]);
    expect(entries.at(-1)).toMatchObject({ record_type: 'retention', purpose: 'administration', operation: 'erase' });
    expect((await t.services.processingLog.verify(cliActor())).ok).toBe(true);
  });

  it('a second run deletes nothing', async () => {
    const ledgerBefore = (await ledger()).length;
    const report = await t.services.retention.run({ today: TODAY });
    expect(report.subjects).toBe(0);
    expect(report.deleted).toEqual({ agreement: 0, invoice: 0, case: 0, consent: 0, message: 0, subject: 0, organisation: 0 });
    expect(report.reduced).toEqual([]);
    expect(await ledger()).toHaveLength(ledgerBefore);
  });

  it('deletes the invoice seven years after the end of its book year (art. 52 lid 4 AWR), and the agreement behind it with it', async () => {
    expect((await t.services.retention.run({ today: '2033-12-31' })).deleted.invoice).toBe(0);
    const report = await t.services.retention.run({ today: '2034-01-01' });
    expect(report.deleted).toMatchObject({ agreement: 1, invoice: 1, subject: 1 });
    expect(await exists('invoices', s.invoice.id)).toBe(false);
    expect(await exists('subjects', s.invoiced.id)).toBe(false);
    expect(await exists('agreements', s.heldAgreement.id)).toBe(true);
    const entry = await t.database.db
      .selectFrom('processing_log')
      .selectAll()
      .where('record_type', '=', 'subject')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.records)).toEqual([
      `invoice:${s.invoice.id}`,
      `agreement:${s.invoicedAgreement.id}`,
      `subject:${s.invoiced.id}`,
    ]);
    expect(entry.reason).toContain(`agreement:${s.invoicedAgreement.id} under fiscal-seven-years`);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newAgreement, newCase, newInvoice, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { ensureRetentionDates, retentionFingerprint } from './retain-until.ts';

/** Issue 5, point 1: every record carries the day its retention ends, kept current when it changes. */
describe.each(DIALECTS)('retain_until, on %s', (dialect) => {
  let t: TestApp;
  const actor = cliActor();
  beforeAll(async () => {
    // Invoices are issued on 2 December 2026: their book year ends on 1 January 2027 (AWR art. 52 lid 4).
    t = await startTestApp(dialect, { now: () => new Date('2026-12-02T10:00:00Z') });
  });
  afterAll(async () => t.close());

  const stored = (table: 'agreements' | 'invoices' | 'cases', id: string) =>
    t.database.db.selectFrom(table).select(['retain_until', 'retain_rule']).where('id', '=', id).executeTakeFirstOrThrow();

  it('is unknown while an agreement runs, set when it ends, and moves when the end moves', async () => {
    const subject = await newSubject(t);
    const agreement = await newAgreement(t, subject.id);
    expect(await stored('agreements', agreement.id)).toEqual({ retain_until: null, retain_rule: 'contract-two-years' });
    await t.services.agreements.update(actor, agreement.id, { status: 'ended', endDate: '2026-06-30' });
    expect(await stored('agreements', agreement.id)).toEqual({ retain_until: '2028-06-30', retain_rule: 'contract-two-years' });
    await t.services.agreements.update(actor, agreement.id, { endDate: '2026-09-30' });
    expect(await stored('agreements', agreement.id)).toEqual({ retain_until: '2028-09-30', retain_rule: 'contract-two-years' });
  });

  it('an issued invoice keeps its agreement as long as itself; a draft does not', async () => {
    const subject = await newSubject(t);
    const agreement = await newAgreement(t, subject.id, { endDate: '2026-01-31' });
    const invoice = await newInvoice(t, subject.id, { agreementId: agreement.id });
    expect(await stored('invoices', invoice.id)).toEqual({ retain_until: null, retain_rule: 'fiscal-seven-years' });
    expect(await stored('agreements', agreement.id)).toEqual({ retain_until: '2028-01-31', retain_rule: 'contract-two-years' });
    await t.services.invoices.issue(actor, invoice.id, { completedOn: '2026-02-15' });
    expect(await stored('invoices', invoice.id)).toEqual({ retain_until: '2034-01-01', retain_rule: 'fiscal-seven-years' });
    expect(await stored('agreements', agreement.id)).toEqual({ retain_until: '2034-01-01', retain_rule: 'fiscal-seven-years' });
  });

  it('a hold without an end keeps the record until released; an end date beyond the rule decides', async () => {
    const subject = await newSubject(t);
    const agreement = await newAgreement(t, subject.id, { endDate: '2026-01-31' });
    const hold = await t.services.legalHolds.place(actor, subject.id, { reason: 'Bewijs in geschil', reviewOn: '2027-01-01' });
    expect(await stored('agreements', agreement.id)).toEqual({ retain_until: null, retain_rule: 'contract-two-years' });
    await t.services.legalHolds.release(actor, hold.id, { reason: 'Geschil geschikt' });
    expect(await stored('agreements', agreement.id)).toEqual({ retain_until: '2028-01-31', retain_rule: 'contract-two-years' });
    await t.services.legalHolds.place(actor, subject.id, {
      recordType: 'agreement',
      recordId: agreement.id,
      reason: 'Claim',
      endsOn: '2029-12-31',
    });
    expect(await stored('agreements', agreement.id)).toEqual({ retain_until: '2029-12-31', retain_rule: 'legal-hold' });
  });

  it('a case counts from its closing; reopening stops the clock', async () => {
    const subject = await newSubject(t);
    const opened = await newCase(t, subject.id);
    expect((await stored('cases', opened.id)).retain_until).toBeNull();
    await t.services.cases.close(actor, opened.id);
    const closed = await stored('cases', opened.id);
    expect(closed.retain_rule).toBe('correspondence-two-years');
    expect(closed.retain_until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await t.services.cases.reopen(actor, opened.id);
    expect((await stored('cases', opened.id)).retain_until).toBeNull();
  });

  it('is computed again for every record when the rules it was computed under change', async () => {
    const subject = await newSubject(t);
    const agreement = await newAgreement(t, subject.id, { endDate: '2026-03-31' });
    expect(await ensureRetentionDates(t.database.db, t.services.guard.policy, t.services.guard.clock)).not.toBeNull();
    expect(await ensureRetentionDates(t.database.db, t.services.guard.policy, t.services.guard.clock)).toBeNull();
    // A date that went stale behind the guard's back, and rules that changed since.
    await t.database.db.updateTable('agreements').set({ retain_until: '2099-01-01' }).where('id', '=', agreement.id).execute();
    await t.database.db.updateTable('retention_basis').set({ fingerprint: 'rules of an older policy' }).execute();
    expect(await ensureRetentionDates(t.database.db, t.services.guard.policy, t.services.guard.clock)).toBe(1);
    expect(await stored('agreements', agreement.id)).toEqual({ retain_until: '2028-03-31', retain_rule: 'contract-two-years' });
    const basis = await t.database.db.selectFrom('retention_basis').select('fingerprint').executeTakeFirstOrThrow();
    expect(basis.fingerprint).toBe(retentionFingerprint(t.services.guard.policy));
  });
});

// Between 23:00 and midnight UTC (22:00 in summer) it is already the next day in Utrecht. Every day the product
// writes and counts from is the business's day: a quote rejected then ended on the Dutch date, and its two years
// count from that date, not from the UTC date of its last change (the CI run of 4 December 2026 at 23:25 UTC
// found them a day apart).
describe.each(DIALECTS)('retain_until late in the evening, on %s', (dialect) => {
  let t: TestApp;
  const actor = cliActor();
  beforeAll(async () => {
    t = await startTestApp(dialect, { now: () => new Date('2026-12-04T23:30:00Z') });
  });
  afterAll(async () => t.close());

  it('counts a rejected quote and a closed case from the day where the business is', async () => {
    const subject = await newSubject(t);
    const quote = await newAgreement(t, subject.id, { kind: 'quote', status: 'sent' });
    await t.services.agreements.update(actor, quote.id, { status: 'rejected' });
    expect(
      await t.database.db
        .selectFrom('agreements')
        .select(['end_date', 'retain_until'])
        .where('id', '=', quote.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ end_date: '2026-12-05', retain_until: '2028-12-05' });

    const question = await newCase(t, subject.id);
    await t.services.cases.close(actor, question.id);
    expect(
      await t.database.db
        .selectFrom('cases')
        .select(['closed_at', 'retain_until'])
        .where('id', '=', question.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ closed_at: '2026-12-04T23:30:00.000Z', retain_until: '2028-12-05' });
  });
});

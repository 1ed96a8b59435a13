import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newAgreement, newCase, newInvoice, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { refreshRetention } from './retain-until.ts';

/**
 * Issue 15, item 7 (P3; Art. 5(1)(c) and (e) GDPR): the statement destroys name and contact details two years
 * after the agreement, the fiscal duty keeps only the invoices. Once only fiscal records are left of a person,
 * the sweep keeps of them only the name and customer reference the invoices are filed under; their e-mail
 * address, phone number and addresses go, through the guard, logged per person, with the ledger rows an
 * erasure writes.
 */
describe.each(DIALECTS)('the sweep reduces a person to what their invoices need, on %s', (dialect) => {
  let t: TestApp;
  const actor = cliActor();
  let s: Awaited<ReturnType<typeof fixture>>;

  const issued = async (subjectId: string, completedOn: string, agreementId?: string) => {
    const invoice = await newInvoice(t, subjectId, agreementId === undefined ? {} : { agreementId });
    return t.services.invoices.issue(actor, invoice.id, { completedOn });
  };

  async function fixture() {
    // An ended agreement with its invoice, and a question closed on 1 May 2026: the question is the last to need them.
    const customer = await newSubject(t);
    const agreement = await newAgreement(t, customer.id, { status: 'ended', endDate: '2026-01-31' });
    const invoice = await issued(customer.id, '2026-02-15', agreement.id);
    const question = await newCase(t, customer.id);
    await t.database.db
      .updateTable('cases')
      .set({ status: 'closed', closed_at: '2026-05-01T10:00:00.000Z' })
      .where('id', '=', question.id)
      .execute();
    await refreshRetention(t.database.db, t.services.guard.policy, [customer.id]);
    // Only ordered, without an agreement: the order counts as the agreement, from its completion.
    const buyer = await newSubject(t);
    await issued(buyer.id, '2026-03-10');
    // Kept whole: a hold on the person, a running agreement, an invoice still in draft.
    const held = await newSubject(t);
    await issued(held.id, '2026-03-10');
    await t.services.legalHolds.place(actor, held.id, { reason: 'Geschil over de levering', reviewOn: '2027-06-01' });
    const running = await newSubject(t);
    await issued(running.id, '2026-03-10', (await newAgreement(t, running.id)).id);
    const drafting = await newSubject(t);
    await issued(drafting.id, '2026-03-10');
    await newInvoice(t, drafting.id);
    return { customer, agreement, invoice, question, buyer, held, running, drafting };
  }

  beforeAll(async () => {
    // Invoices are issued on 2 December 2026, so the books keep them until 1 January 2034 (AWR art. 52 lid 4).
    t = await startTestApp(dialect, { now: () => new Date('2026-12-02T10:00:00Z') });
    s = await fixture();
  });
  afterAll(async () => t.close());

  const subjectRow = (id: string) =>
    t.database.db
      .selectFrom('subjects')
      .select(['first_name', 'last_name', 'reference', 'email', 'phone', 'gender', 'reduce_on'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const addresses = async (id: string) =>
    (await t.database.db.selectFrom('subject_addresses').select('id').where('subject_id', '=', id).execute()).map((a) => a.id);

  it('knows the day only fiscal records keep each person, and keeps whole whom something else still needs (Art. 5(1)(e) GDPR)', async () => {
    expect((await subjectRow(s.customer.id)).reduce_on).toBe('2028-05-01');
    expect((await subjectRow(s.buyer.id)).reduce_on).toBe('2028-03-10');
    for (const kept of [s.held, s.running, s.drafting]) expect((await subjectRow(kept.id)).reduce_on).toBeNull();
  });

  it('shows in the forecast and the dry run whose contact details go, changing nothing', async () => {
    const forecast = await t.services.retention.forecast(actor, 90, { asOf: '2028-03-01' });
    expect(forecast.reductions).toEqual({
      total: 2,
      dates: [
        { date: '2028-03-10', count: 1 },
        { date: '2028-05-01', count: 1 },
      ],
    });
    const dry = await t.services.retention.run({ dryRun: true, today: '2028-04-30' });
    expect(dry.reduced).toEqual([{ subjectId: s.buyer.id, since: '2028-03-10' }]);
    expect((await subjectRow(s.buyer.id)).email).not.toBeNull();
    expect(await t.database.db.selectFrom('erasure_ledger').select('seq').execute()).toEqual([]);
  });

  it('removes e-mail, phone and addresses and keeps name, reference and the invoices, logged per person with ledger rows (P3; Art. 5(1)(c), (e) GDPR)', async () => {
    const before = { customer: await subjectRow(s.customer.id), addresses: await addresses(s.customer.id) };
    const invoiceBefore = await t.database.db
      .selectFrom('invoices')
      .select(['billing_name', 'billing_street', 'billing_city', 'reference'])
      .where('id', '=', s.invoice.id)
      .executeTakeFirstOrThrow();
    const report = await t.services.retention.run({ today: '2028-05-01' });
    expect(report.reduced.map((r) => r.subjectId).sort()).toEqual([s.customer.id, s.buyer.id].sort());
    // The question went on its own day, in the same run; the agreement stays with its invoice.
    expect(report.deleted).toMatchObject({ case: 1, agreement: 0, invoice: 0, subject: 0 });

    expect(await subjectRow(s.customer.id)).toEqual({
      first_name: before.customer.first_name,
      last_name: before.customer.last_name,
      reference: before.customer.reference,
      email: null,
      phone: null,
      gender: null,
      reduce_on: null,
    });
    expect(await addresses(s.customer.id)).toEqual([]);
    expect(
      await t.database.db
        .selectFrom('invoices')
        .select(['billing_name', 'billing_street', 'billing_city', 'reference'])
        .where('id', '=', s.invoice.id)
        .executeTakeFirstOrThrow(),
    ).toEqual(invoiceBefore);
    expect(
      await t.database.db.selectFrom('agreements').select('id').where('id', '=', s.agreement.id).executeTakeFirst(),
    ).toBeDefined();
    for (const kept of [s.held, s.running, s.drafting]) {
      expect((await subjectRow(kept.id)).email).not.toBeNull();
      expect(await addresses(kept.id)).toHaveLength(1);
    }

    const ledger = await t.database.db
      .selectFrom('erasure_ledger')
      .select(['kind', 'record_type', 'record_id'])
      .where('subject_id', '=', s.customer.id)
      .orderBy('seq')
      .execute();
    expect(ledger).toEqual([
      ...before.addresses.map((id) => ({ kind: 'retention', record_type: 'subject_address', record_id: id })),
      { kind: 'retention', record_type: 'subject_contact_details', record_id: s.customer.id },
      { kind: 'retention', record_type: 'case', record_id: s.question.id },
    ]);
    const entries = await t.database.db
      .selectFrom('processing_log')
      .select(['operation', 'record_type', 'actor_id', 'purpose', 'subject_ids', 'records', 'reason'])
      .where('actor_id', '=', 'retention-sweep')
      .where('reason', 'like', '%only fiscal records%')
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => JSON.parse(e.subject_ids) as string[]).sort()).toEqual([[s.buyer.id], [s.customer.id]].sort());
    const mine = entries.find((e) => e.subject_ids.includes(s.customer.id));
    expect(mine).toMatchObject({ operation: 'erase', record_type: 'subject', purpose: 'contract' });
    expect(mine?.reason).toContain('only fiscal records are kept since 2028-05-01');
    expect(JSON.parse(mine?.records ?? '[]')).toEqual([
      `subject:${s.customer.id}`,
      ...before.addresses.map((id) => `subject_address:${id}`),
    ]);
    const summary = await t.database.db
      .selectFrom('processing_log')
      .select('reason')
      .where('record_type', '=', 'retention')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(summary.reason).toContain('contact details of 2 subject(s) reduced');
    expect((await t.services.processingLog.verify(actor)).ok).toBe(true);
  });

  it('a second run reduces nobody again', async () => {
    const seqs = await t.database.db.selectFrom('erasure_ledger').select('seq').execute();
    expect((await t.services.retention.run({ today: '2028-05-01' })).reduced).toEqual([]);
    expect(await t.database.db.selectFrom('erasure_ledger').select('seq').execute()).toHaveLength(seqs.length);
  });

  it('removes a person whose every record is due as a whole, without reducing them first', async () => {
    const late = await newSubject(t);
    await issued(late.id, '2026-03-10');
    expect((await subjectRow(late.id)).reduce_on).toBe('2028-03-10');
    const report = await t.services.retention.run({ today: '2034-01-01' });
    expect(report.reduced.map((r) => r.subjectId)).not.toContain(late.id);
    const ledger = await t.database.db
      .selectFrom('erasure_ledger')
      .select(['record_type', 'record_id'])
      .where('subject_id', '=', late.id)
      .execute();
    expect(ledger).toEqual([{ record_type: 'subject', record_id: late.id }]);
  });
});

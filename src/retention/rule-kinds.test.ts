import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newAgreement, newCase, newInvoice, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { BOOKKEEPER_POLICY, policyVariant } from '../../test/policies.ts';
import { cliActor } from '../guard/actor.ts';
import { loadPolicy } from '../policy/policy.ts';
import type { PolicyDocument } from '../policy/policy.schema.ts';
import { execute, newRequest } from '../../test/support/executions.ts';
import { RetentionService } from './sweep.ts';

type Rule = Omit<PolicyDocument['retention'][number], 'id' | 'reason'>;
type Table = 'agreements' | 'invoices' | 'cases' | 'messages';
type Made = { table: Table; id: string }[];

const LAW = 'Testwet art. 1';
const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

interface Kind {
  name: string;
  rule: Rule;
  /** The first day the records may go. */
  until: string;
  /** What the erasure letter calls the kept records. */
  category: string;
  /** Makes one customer's records the rule reaches. */
  make(t: TestApp, subjectId: string): Promise<Made>;
}

const actor = cliActor();

async function issued(t: TestApp, subjectId: string, agreementId?: string): Promise<string> {
  const draft = await newInvoice(t, subjectId, agreementId === undefined ? {} : { agreementId });
  await t.services.invoices.issue(actor, draft.id, { completedOn: '2026-11-15' });
  return draft.id;
}

async function caseWithMessage(t: TestApp, subjectId: string, dates: { opened_at?: string; closed_at?: string }): Promise<Made> {
  const opened = await newCase(t, subjectId);
  await t.services.cases.addMessage(actor, opened.id, {
    channel: 'email',
    direction: 'inbound',
    occurredAt: '2026-02-01T10:00:00Z',
    body: 'Vraag over de aangifte',
  });
  // The moments themselves are set behind the guard: a test cannot wait for them. The sweep computes its dates again.
  await t.database.db.updateTable('cases').set(dates).where('id', '=', opened.id).execute();
  const messages = await t.database.db.selectFrom('messages').select('id').where('case_id', '=', opened.id).execute();
  return [{ table: 'cases', id: opened.id }, ...messages.map((m) => ({ table: 'messages' as const, id: m.id }))];
}

// Every kind of rule the policy loader accepts (src/policy/retention-rules.test.ts), record type by start date,
// linked or not, each with a legal obligation. Rules on consents are carried out by the consent sweep.
const KINDS: Kind[] = [
  {
    name: 'agreements from their start',
    rule: { records: ['agreement'], period: 'P1Y', from: 'start_date' },
    until: '2027-01-10',
    category: 'overeenkomsten en offertes',
    make: async (t, s) => [
      { table: 'agreements', id: (await newAgreement(t, s, { startDate: '2026-01-10', endDate: '2026-06-30' })).id },
    ],
  },
  {
    name: 'agreements from their end',
    rule: { records: ['agreement'], period: 'P1Y', from: 'end_date' },
    until: '2027-06-30',
    category: 'overeenkomsten en offertes',
    make: async (t, s) => [
      { table: 'agreements', id: (await newAgreement(t, s, { startDate: '2026-01-10', endDate: '2026-06-30' })).id },
    ],
  },
  {
    name: 'invoices from their date',
    rule: { records: ['invoice'], period: 'P1Y', from: 'issue_date' },
    until: '2027-12-02',
    category: 'facturen',
    make: async (t, s) => [{ table: 'invoices', id: await issued(t, s) }],
  },
  {
    name: 'invoices from completion',
    rule: { records: ['invoice'], period: 'P1Y', from: 'completed_on' },
    until: '2027-11-15',
    category: 'facturen',
    make: async (t, s) => [{ table: 'invoices', id: await issued(t, s) }],
  },
  {
    name: 'invoices from the end of the book year',
    rule: { records: ['invoice'], period: 'P1Y', from: 'end_of_book_year' },
    until: '2028-01-01',
    category: 'facturen',
    make: async (t, s) => [{ table: 'invoices', id: await issued(t, s) }],
  },
  {
    name: 'the agreement behind an invoice, through the invoice',
    rule: { records: ['invoice'], period: 'P1Y', from: 'completed_on', linked: ['agreement'] },
    until: '2027-11-15',
    category: 'overeenkomsten en offertes',
    make: async (t, s) => {
      const agreement = await newAgreement(t, s, { endDate: '2026-01-31' });
      return [
        { table: 'agreements', id: agreement.id },
        { table: 'invoices', id: await issued(t, s, agreement.id) },
      ];
    },
  },
  {
    name: 'cases from receipt, with their messages',
    rule: { records: ['case'], period: 'P1Y', from: 'opened_at' },
    until: '2027-03-01',
    category: 'vragen, klachten en verzoeken met hun berichten',
    make: (t, s) => caseWithMessage(t, s, { opened_at: '2026-03-01T09:00:00.000Z' }),
  },
  {
    name: 'cases and messages from closing',
    rule: { records: ['case', 'message'], period: 'P1Y', from: 'closed_at' },
    until: '2027-04-01',
    category: 'vragen, klachten en verzoeken met hun berichten',
    make: (t, s) => caseWithMessage(t, s, { closed_at: '2026-04-01T12:00:00.000Z' }),
  },
];

// Issue 15, item 20: every rule the policy file can state is carried out by the sweep, the erasure and the
// forecast. Art. 5(1)(e) GDPR (storage limitation), Art. 17(3)(b) GDPR (kept under a legal obligation).
describe.each(DIALECTS)('each kind of retention rule, carried out on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    // Invoices are issued on 2 December 2026.
    t = await startTestApp(dialect, { now: () => new Date('2026-12-02T10:00:00Z'), policy: loadPolicy(BOOKKEEPER_POLICY) });
  });
  afterAll(async () => t.close());

  const exists = async (made: Made) =>
    Promise.all(
      made.map(
        async (m) =>
          (await t.database.db.selectFrom(m.table).select('id').where('id', '=', m.id).executeTakeFirst()) !== undefined,
      ),
    );
  // The app's guard keeps dates under its own policy; a sweep under another one computes every date again.
  const forgetDates = () => t.database.db.deleteFrom('retention_basis').execute();

  it.each(KINDS)('$name: kept by an erasure under its legal obligation, forecast, and swept on the day', async (kind) => {
    const id = `kind-${KINDS.indexOf(kind)}`;
    const policy = policyVariant(
      BOOKKEEPER_POLICY,
      (d) => (d.retention = [{ id, reason: { nl: 'reden', en: 'reason' }, legalObligation: LAW, ...kind.rule }]),
    );
    const retention = new RetentionService(t.database.db, t.services.guard, policy);
    const swept = await newSubject(t);
    const sweptRecords = await kind.make(t, swept.id);
    const erased = await newSubject(t);
    const keptRecords = await kind.make(t, erased.id);

    // Art. 17(3)(b): the erasure keeps what the rule keeps under its legal obligation, and says until when.
    const outcome = await execute(t, await newRequest(t, 'erasure', erased.id), { policy });
    expect(outcome.kept).toContainEqual({ category: kind.category, ground: `Art. 17(3)(b) AVG; ${LAW}`, until: kind.until });
    expect(await exists(keptRecords)).toEqual(keptRecords.map(() => true));

    await forgetDates();
    const swept_ = sweptRecords.filter((m) => m.table !== 'messages').length;
    const forecast = await retention.forecast(actor, 30, { asOf: dayBefore(kind.until) });
    expect(forecast.rules).toEqual([{ rule: id, total: 2 * swept_, dates: [{ date: kind.until, count: 2 * swept_ }] }]);

    expect((await retention.run({ dryRun: true, today: dayBefore(kind.until) })).due).toEqual([]);
    const report = await retention.run({ today: kind.until });
    expect(report.subjects).toBe(2);
    expect(await exists([...sweptRecords, ...keptRecords])).toEqual([...sweptRecords, ...keptRecords].map(() => false));
    const entry = await t.database.db
      .selectFrom('processing_log')
      .select(['reason', 'operation'])
      .where('actor_id', '=', 'retention-sweep')
      .where('subject_ids', 'like', `%${swept.id}%`)
      .executeTakeFirstOrThrow();
    expect(entry.operation).toBe('erase');
    expect(entry.reason).toContain(`under ${id} (until ${kind.until})`);
  });

  it('keeps nothing under a legal obligation whose period has ended (Art. 17(3)(b) reaches no further)', async () => {
    const policy = policyVariant(
      BOOKKEEPER_POLICY,
      (d) =>
        (d.retention = [
          {
            id: 'ended',
            reason: { nl: 'reden', en: 'reason' },
            legalObligation: LAW,
            records: ['agreement'],
            period: 'P1Y',
            from: 'end_date',
          },
        ]),
    );
    const subject = await newSubject(t);
    const agreement = await newAgreement(t, subject.id, { startDate: '2020-01-01', endDate: '2020-12-31' });
    const outcome = await execute(t, await newRequest(t, 'erasure', subject.id), { policy });
    expect(outcome.kept).toEqual([]);
    expect(await exists([{ table: 'agreements', id: agreement.id }])).toEqual([false]);
    expect(
      await t.database.db.selectFrom('subjects').select('id').where('id', '=', subject.id).executeTakeFirst(),
    ).toBeUndefined();
  });

  it("keeps under the bookkeeper's own policy the engagement letter (Wwft) and the correspondence about the books", async () => {
    const subject = await newSubject(t);
    const agreement = await newAgreement(t, subject.id, { startDate: '2025-01-01', endDate: '2026-06-30' });
    const made = await caseWithMessage(t, subject.id, { closed_at: '2026-07-01T12:00:00.000Z' });
    const outcome = await execute(t, await newRequest(t, 'erasure', subject.id));
    expect(outcome.kept).toEqual([
      { category: 'overeenkomsten en offertes', ground: 'Art. 17(3)(b) AVG; art. 33 lid 3 Wwft', until: '2031-06-30' },
      {
        category: 'vragen, klachten en verzoeken met hun berichten',
        ground: 'Art. 17(3)(b) AVG; art. 52 lid 4 AWR',
        until: '2033-07-01',
      },
      { category: 'uw naam en klantkenmerk, zoals op die gegevens vermeld', ground: 'Art. 17(3)(b) AVG', until: '2033-07-01' },
    ]);
    expect(outcome.keptGround).toContain('art. 33 lid 3 Wwft');
    expect(await exists([{ table: 'agreements', id: agreement.id }, ...made])).toEqual([true, true, true]);
  });
});

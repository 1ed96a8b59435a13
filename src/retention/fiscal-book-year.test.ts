import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newAgreement, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.ts';
import { cliActor } from '../guard/actor.ts';
import { codeSentTo, fileRequest, mailTo, proveIdentity, requestRow } from '../../test/support/requests.ts';

// The invoice of the legal review (issue 15, item 1): issued 2 December 2026 for work completed 15 January 2026.
const ISSUED_AT = new Date('2026-12-02T10:00:00Z');

/**
 * AWR art. 52 lid 4 and BW 2:10 lid 3: the books are kept seven years from the end of the book year, so the
 * invoice may go on 1 January 2034, not on 15 January 2033 (seven years after completion); the statement's
 * own seven years from completion stay the floor.
 */
describe.each(DIALECTS)('fiscal retention from the end of the book year (art. 52 lid 4 AWR), on %s', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let staff: string;
  let dpo: string;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp(dialect, { now: () => ISSUED_AT, smtpUrl: smtp.url });
    staff = await t.signIn('staff');
    dpo = await t.signIn('dpo');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const stored = (table: 'agreements' | 'invoices', id: string) =>
    t.database.db.selectFrom(table).select(['retain_until', 'retain_rule']).where('id', '=', id).executeTakeFirstOrThrow();

  async function invoiced(completedOn: string) {
    const subject = await newSubject(t, { language: 'nl' });
    const agreement = await newAgreement(t, subject.id, { endDate: '2026-01-15' });
    const line = { description: 'Werkplekbeheer', quantity: 1, unitPriceCents: 10000, vatRate: 21 };
    const draft = await t.app.inject({
      method: 'POST',
      url: `/api/subjects/${subject.id}/invoices`,
      headers: { cookie: staff },
      payload: { lines: [line], agreementId: agreement.id },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json<{ id: string }>().id;
    const issued = await t.app.inject({
      method: 'POST',
      url: `/api/invoices/${id}/issue`,
      headers: { cookie: staff },
      payload: { completedOn },
    });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({ issueDate: '2026-12-02', completedOn });
    return { subject, agreement, invoice: { id } };
  }

  it('stores 1 January 2034 for an invoice of 2 December 2026, and for the agreement behind it', async () => {
    const r = await invoiced('2026-01-15');
    expect(await stored('invoices', r.invoice.id)).toEqual({ retain_until: '2034-01-01', retain_rule: 'fiscal-seven-years' });
    expect(await stored('agreements', r.agreement.id)).toEqual({ retain_until: '2034-01-01', retain_rule: 'fiscal-seven-years' });
  });

  it("keeps the statement's seven years from completion when the work was completed after the book year", async () => {
    const r = await invoiced('2027-03-31');
    expect(await stored('invoices', r.invoice.id)).toEqual({
      retain_until: '2034-03-31',
      retain_rule: 'seven-years-after-completion',
    });
  });

  it('computes dates stored under the former rule again, and the forecast and the sweep follow the new ones', async () => {
    const r = await invoiced('2026-01-15');
    // An installation of before the review: the date seven years after completion, under the old rules.
    for (const table of ['invoices', 'agreements'] as const) {
      await t.database.db
        .updateTable(table)
        .set({ retain_until: '2033-01-15' })
        .where('id', '=', table === 'invoices' ? r.invoice.id : r.agreement.id)
        .execute();
    }
    await t.database.db.updateTable('retention_basis').set({ fingerprint: 'the rules of before the legal review' }).execute();

    const early = await t.services.retention.forecast(cliActor(), 30, { asOf: '2033-01-01' });
    expect(early.rules.flatMap((rule) => rule.dates).some((d) => d.date === '2033-01-15')).toBe(false);
    expect(await stored('invoices', r.invoice.id)).toEqual({ retain_until: '2034-01-01', retain_rule: 'fiscal-seven-years' });
    const forecast = await t.services.retention.forecast(cliActor(), 30, { asOf: '2033-12-15' });
    expect(forecast.rules.find((rule) => rule.rule === 'fiscal-seven-years')?.dates).toContainEqual({
      date: '2034-01-01',
      count: expect.any(Number) as number,
    });

    expect((await t.services.retention.run({ today: '2033-12-31' })).deleted.invoice).toBe(0);
    expect(
      await t.database.db.selectFrom('invoices').select('id').where('id', '=', r.invoice.id).executeTakeFirst(),
    ).toBeDefined();
  });

  it('tells a person who asks for erasure that the invoice is kept until 1 January 2034 (Art. 17(3)(b) GDPR)', async () => {
    const r = await invoiced('2026-01-15');
    const email = r.subject.email ?? '';
    const filed = await fileRequest(t, {
      kind: 'erasure',
      name: `${r.subject.firstName} ${r.subject.lastName}`,
      email,
      details: 'Wis alles.',
      language: 'nl',
    });
    expect(filed.statusCode, filed.body).toBe(202);
    const reference = filed.json<{ reference: string }>().reference;
    const verified = await proveIdentity(t, reference, { code: await codeSentTo(t, smtp, email) });
    expect(verified.statusCode, verified.body).toBe(200);
    const request = await requestRow(t, reference);
    const decided = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${request.id}/decision`,
      headers: { cookie: dpo },
      payload: {
        decision: 'partly_granted',
        ground: 'Art. 17 lid 3 onder b AVG',
        motivation: 'Facturen bewaren wij zo lang als de belastingwet eist.',
      },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const answer = (await mailTo(t, email)).find((m) => m.kind === 'request_answer');
    expect(answer?.body_text).toContain('tot 1 januari 2034');
    expect(answer?.body_text).not.toContain('2033');
  });
});

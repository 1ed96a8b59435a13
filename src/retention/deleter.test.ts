import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newAgreement, newCase, newConsent, newInvoice, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { withConsentPurpose } from '../../test/policies.ts';
import { cliActor } from '../guard/actor.ts';
import { deleteRecords } from './deleter.ts';

// The one deleter the erasure, the retention sweep and a restore's replay share (issue 18): what goes with
// what, and that deleting again changes nothing (the replay relies on it).
describe.each(DIALECTS)('the deleter of a person\u2019s records, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { policy: withConsentPurpose() });
  });
  afterAll(async () => t.close());

  const db = () => t.database.db;
  const count = async (table: 'invoices' | 'agreements' | 'cases' | 'messages' | 'consents', subjectId: string) =>
    (await db().selectFrom(table).select('id').where('subject_id', '=', subjectId).execute()).length;
  const linesOf = async (invoiceIds: string[]) =>
    (await db().selectFrom('invoice_lines').select('id').where('invoice_id', 'in', invoiceIds).execute()).length;

  it('deletes a subject as a whole with its issued invoices, a credit invoice and everything that cascades, and again changes nothing', async () => {
    const s = await newSubject(t);
    const other = await newSubject(t);
    const invoice = await newInvoice(t, s.id);
    await t.services.invoices.issue(cliActor(), invoice.id, {});
    const credit = await t.services.invoices.credit(cliActor(), invoice.id);
    await t.services.invoices.issue(cliActor(), credit.id, {});
    await newAgreement(t, s.id, { kind: 'agreement', title: 'Werkplekbeheer' });
    const kase = await newCase(t, s.id);
    await t.services.cases.addMessage(cliActor(), kase.id, {
      channel: 'email',
      direction: 'inbound',
      occurredAt: '2026-12-01T09:00:00Z',
      body: 'Goedemorgen',
    });
    await newConsent(t, s.id);
    await newInvoice(t, other.id);
    expect(await linesOf([invoice.id, credit.id])).toBe(2);
    expect(await count('messages', s.id)).toBe(1);

    const at = new Date().toISOString();
    await db()
      .transaction()
      .execute((trx) => deleteRecords(trx, { subjects: [s.id] }, at));

    expect(await db().selectFrom('subjects').select('id').where('id', '=', s.id).executeTakeFirst()).toBeUndefined();
    for (const table of ['invoices', 'agreements', 'cases', 'messages', 'consents'] as const)
      expect(await count(table, s.id), table).toBe(0);
    expect(await linesOf([invoice.id, credit.id])).toBe(0);
    expect(await db().selectFrom('subject_addresses').select('id').where('subject_id', '=', s.id).execute()).toEqual([]);
    // The other person keeps everything.
    expect(await count('invoices', other.id)).toBe(1);
    expect(await db().selectFrom('subject_addresses').select('id').where('subject_id', '=', other.id).execute()).toHaveLength(1);

    await db()
      .transaction()
      .execute((trx) => deleteRecords(trx, { subjects: [s.id] }, at));
    expect(await count('invoices', other.id)).toBe(1);
  });

  it('deletes records by type and id, the case with its messages, and leaves the rest of the person', async () => {
    const s = await newSubject(t);
    const draft = await newInvoice(t, s.id);
    const kept = await newInvoice(t, s.id);
    const agreement = await newAgreement(t, s.id, { kind: 'agreement', title: 'Beheer' });
    const kase = await newCase(t, s.id);
    await t.services.cases.addMessage(cliActor(), kase.id, {
      channel: 'email',
      direction: 'inbound',
      occurredAt: '2026-12-01T09:00:00Z',
      body: 'Hallo',
    });
    const consent = await newConsent(t, s.id);

    const deletion = {
      records: { invoice: [draft.id], agreement: [agreement.id], case: [kase.id], consent: [consent.id] },
    };
    await db()
      .transaction()
      .execute((trx) => deleteRecords(trx, deletion, new Date().toISOString()));

    const invoices = await db().selectFrom('invoices').select('id').where('subject_id', '=', s.id).execute();
    expect(invoices.map((i) => i.id)).toEqual([kept.id]);
    for (const table of ['agreements', 'cases', 'messages', 'consents'] as const) expect(await count(table, s.id), table).toBe(0);
    const subject = await db().selectFrom('subjects').select(['email']).where('id', '=', s.id).executeTakeFirst();
    expect(subject?.email).toBe(s.email);
  });

  it('minimises a subject to name and reference, idempotently', async () => {
    const s = await newSubject(t);
    const invoice = await newInvoice(t, s.id);
    const at = '2026-12-04T10:00:00.000Z';
    for (let i = 0; i < 2; i += 1)
      await db()
        .transaction()
        .execute((trx) => deleteRecords(trx, { minimised: [s.id] }, at));
    const subject = await db()
      .selectFrom('subjects')
      .select(['first_name', 'last_name', 'reference', 'email', 'phone', 'updated_at'])
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(subject).toMatchObject({ first_name: 'Anna', last_name: s.lastName, email: null, phone: null, updated_at: at });
    expect(subject.reference).toBe(s.reference);
    expect(await db().selectFrom('subject_addresses').select('id').where('subject_id', '=', s.id).execute()).toEqual([]);
    expect(await db().selectFrom('invoices').select('id').where('id', '=', invoice.id).execute()).toHaveLength(1);
  });
});

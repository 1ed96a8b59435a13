import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openSecondInstance } from '../../test/databases.ts';
import { newInvoice, newSubject } from '../../test/factories.ts';
import { logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { buildApp } from '../app.ts';
import { createServices } from '../services.ts';
import { businessToday } from '../shared/business-day.ts';
import { countRows, invoiceRow, lastEntry, lineRows } from '../../test/support/invoices.ts';

interface IssuedInvoice {
  id: string;
  number: string;
  issueDate: string;
  completedOn: string | null;
  totalInclCents: number;
}

const sequenceOf = (num: string) => Number(num.split('-')[1]);

describe.each(DIALECTS)('issuing invoices on %s', (dialect) => {
  let t: TestApp;
  let staff: string;
  let accountant: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
    accountant = await t.signIn('accountant');
  });
  afterAll(async () => t.close());

  const issue = async (id: string, payload?: object) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/invoices/${id}/issue`,
      headers: { cookie: staff },
      ...(payload === undefined ? {} : { payload }),
    });
    expect(response.statusCode).toBe(200);
    return response.json<IssuedInvoice>();
  };

  /** Every number of the year in the database, in order. */
  const numbersOfYear = async (year: string) =>
    (await t.database.db.selectFrom('invoices').select('number').where('number', 'like', `${year}-%`).execute())
      .map((r) => r.number ?? '')
      .sort((a, b) => sequenceOf(a) - sequenceOf(b));

  it('issues a draft under the next number of the year, dated today, with one modify entry', async () => {
    const subject = await newSubject(t);
    const draft = await newInvoice(t, subject.id);
    const before = await logCount(t);
    const issued = await issue(draft.id, { completedOn: '2026-01-31' });
    const today = businessToday(new Date());
    expect(issued).toMatchObject({
      id: draft.id,
      status: 'issued',
      number: `${today.slice(0, 4)}-0001`,
      issueDate: today,
      completedOn: '2026-01-31',
    });
    expect(await invoiceRow(t, draft.id)).toMatchObject({
      status: 'issued',
      number: issued.number,
      issue_date: today,
      completed_on: '2026-01-31',
    });
    expect(await logCount(t)).toBe(before + 1);
    const entry = await lastEntry(t);
    expect(entry).toMatchObject({ operation: 'modify', record_type: 'invoice', purpose: 'invoicing', outcome: 'allowed' });
    expect(JSON.parse(entry.subject_ids)).toEqual([subject.id]);
    expect(JSON.parse(entry.records)).toEqual([`invoice:${draft.id}`]);

    const next = await issue((await newInvoice(t, subject.id)).id);
    expect(sequenceOf(next.number)).toBe(sequenceOf(issued.number) + 1);
  });

  it('gives drafts issued at the same moment unique, consecutive numbers', async () => {
    const subject = await newSubject(t);
    const drafts = [];
    for (let i = 0; i < 6; i += 1) drafts.push(await newInvoice(t, subject.id));
    const year = businessToday(new Date()).slice(0, 4);
    const before = await numbersOfYear(year);
    const logBefore = await logCount(t);

    const responses = await Promise.all(
      drafts.map((d) => t.app.inject({ method: 'POST', url: `/api/invoices/${d.id}/issue`, headers: { cookie: staff } })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(drafts.map(() => 200));
    const numbers = responses.map((r) => r.json<IssuedInvoice>().number);
    const sequences = numbers.map(sequenceOf).sort((a, b) => a - b);
    const first = before.length + 1;
    expect(sequences).toEqual([first, first + 1, first + 2, first + 3, first + 4, first + 5]);
    // The whole year is one unbroken series from 0001 (Wet OB 1968 art. 35a).
    const all = await numbersOfYear(year);
    expect(all.map(sequenceOf)).toEqual(all.map((_, i) => i + 1));
    expect(await logCount(t)).toBe(logBefore + drafts.length);
  });

  it('issues every one of many drafts issued at once, on several instances, none refused with "try again", in one unbroken series (Wet OB 1968 art. 35a)', async () => {
    // On PostgreSQL three more instances on the same database, as behind a load balancer: 20 connections issuing
    // at once. SQLite is one process (its connections in one process would wait for each other synchronously).
    const others =
      dialect === 'postgres'
        ? [openSecondInstance(t.database), openSecondInstance(t.database), openSecondInstance(t.database)]
        : [];
    const apps = [
      t.app,
      ...(await Promise.all(others.map(async (d) => buildApp(createServices(d, t.services.policy), { logLevel: 'silent' })))),
    ];
    try {
      const subject = await newSubject(t);
      const drafts = [];
      for (let i = 0; i < 80; i += 1) drafts.push(await newInvoice(t, subject.id));
      const year = businessToday(new Date()).slice(0, 4);
      const before = await numbersOfYear(year);
      const headers = { cookie: staff, 'x-csrf-token': t.csrfOf(staff) };
      const responses = await Promise.all(
        drafts.map((d, i) =>
          (apps[i % apps.length] ?? t.app).inject({ method: 'POST', url: `/api/invoices/${d.id}/issue`, headers }),
        ),
      );
      expect(responses.filter((r) => r.statusCode !== 200).map((r) => r.body)).toEqual([]);
      const sequences = responses.map((r) => sequenceOf(r.json<IssuedInvoice>().number)).sort((a, b) => a - b);
      expect(sequences).toEqual(drafts.map((_, i) => before.length + 1 + i));
      const all = await numbersOfYear(year);
      expect(all.map(sequenceOf)).toEqual(all.map((_, i) => i + 1));
    } finally {
      for (const app of apps.slice(1)) await app.close();
      for (const d of others) await d.close();
    }
  });

  it('refuses every change to an issued invoice with immutable_record and changes nothing', async () => {
    const subject = await newSubject(t);
    const issued = await issue((await newInvoice(t, subject.id, { completedOn: '2026-01-15' })).id);
    const row = await invoiceRow(t, issued.id);
    const lines = await lineRows(t, issued.id);
    const attempts = [
      {
        method: 'PATCH' as const,
        url: `/api/invoices/${issued.id}`,
        payload: { lines: [{ description: 'Anders', quantity: 1, unitPriceCents: 1, vatRate: 21 }] },
      },
      { method: 'PATCH' as const, url: `/api/invoices/${issued.id}`, payload: { reference: 'ANDERS' } },
      { method: 'PATCH' as const, url: `/api/invoices/${issued.id}`, payload: { completedOn: '2026-02-01' } },
      { method: 'POST' as const, url: `/api/invoices/${issued.id}/issue` },
    ];
    for (const a of attempts) {
      const [invoicesBefore, logBefore] = [await countRows(t, 'invoices'), await logCount(t)];
      const response = await t.app.inject({
        method: a.method,
        url: a.url,
        headers: { cookie: staff },
        ...(a.payload === undefined ? {} : { payload: a.payload }),
      });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ error: { code: 'immutable_record' } });
      expect(await countRows(t, 'invoices')).toBe(invoicesBefore);
      expect(await logCount(t)).toBe(logBefore);
    }
    const dpo = await t.signIn('dpo');
    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/invoices/${issued.id}`, headers: { cookie: dpo } });
    expect(deleted.statusCode).toBe(409);
    expect(deleted.json()).toMatchObject({ error: { code: 'immutable_record' } });
    expect(await invoiceRow(t, issued.id)).toEqual(row);
    expect(await lineRows(t, issued.id)).toEqual(lines);
  });

  it('accepts the completion date of an issued invoice once, when it had none', async () => {
    const subject = await newSubject(t);
    const issued = await issue((await newInvoice(t, subject.id)).id);
    expect(issued.completedOn).toBeNull();
    const before = await logCount(t);
    const first = await t.app.inject({
      method: 'PATCH',
      url: `/api/invoices/${issued.id}`,
      headers: { cookie: staff },
      payload: { completedOn: '2026-03-31' },
    });
    expect(first.statusCode).toBe(200);
    expect(await invoiceRow(t, issued.id)).toMatchObject({
      completed_on: '2026-03-31',
      number: issued.number,
      total_incl_cents: issued.totalInclCents,
    });
    expect(await logCount(t)).toBe(before + 1);
    expect(await lastEntry(t)).toMatchObject({ operation: 'modify', outcome: 'allowed' });

    const second = await t.app.inject({
      method: 'PATCH',
      url: `/api/invoices/${issued.id}`,
      headers: { cookie: staff },
      payload: { completedOn: '2026-04-30' },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ error: { code: 'immutable_record' } });
    expect(await invoiceRow(t, issued.id)).toMatchObject({ completed_on: '2026-03-31' });
    expect(await logCount(t)).toBe(before + 1);
  });

  it('corrects an issued invoice with a credit invoice that negates it and is issued under its own number', async () => {
    const subject = await newSubject(t);
    const original = await issue(
      (
        await newInvoice(t, subject.id, {
          completedOn: '2026-01-20',
          lines: [
            { description: 'Uren', quantity: 2.5, unitPriceCents: 333, vatRate: 21 },
            { description: 'Boek', quantity: 1, unitPriceCents: 1999, vatRate: 9 },
          ],
        })
      ).id,
    );
    const before = await logCount(t);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/invoices/${original.id}/credit`,
      headers: { cookie: staff },
    });
    expect(response.statusCode).toBe(201);
    const credit = response.json<{ id: string; totalInclCents: number }>();
    expect(credit).toMatchObject({
      creditForId: original.id,
      status: 'draft',
      number: null,
      completedOn: '2026-01-20',
      totalInclCents: -original.totalInclCents,
    });
    expect(await invoiceRow(t, credit.id)).toMatchObject({
      credit_for_id: original.id,
      subject_id: subject.id,
      status: 'draft',
      total_incl_cents: -original.totalInclCents,
    });
    expect(await lineRows(t, credit.id)).toEqual(
      (await lineRows(t, original.id)).map((l) => ({
        ...l,
        unit_price_cents: -l.unit_price_cents,
        amount_cents: -l.amount_cents,
      })),
    );
    expect(await logCount(t)).toBe(before + 1);
    const entry = await lastEntry(t);
    expect(entry).toMatchObject({ operation: 'collect', record_type: 'invoice', outcome: 'allowed' });
    expect(JSON.parse(entry.records)).toEqual([`invoice:${credit.id}`, `invoice:${original.id}`]);

    const again = await t.app.inject({ method: 'POST', url: `/api/invoices/${original.id}/credit`, headers: { cookie: staff } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'conflict' } });

    const issuedCredit = await issue(credit.id);
    expect(sequenceOf(issuedCredit.number)).toBeGreaterThan(sequenceOf(original.number));
    const ofCredit = await t.app.inject({ method: 'POST', url: `/api/invoices/${credit.id}/credit`, headers: { cookie: staff } });
    expect(ofCredit.statusCode).toBe(409);
    expect(await invoiceRow(t, original.id)).toMatchObject({
      status: 'issued',
      number: original.number,
      total_incl_cents: original.totalInclCents,
    });
  });

  it('lists the invoices issued in a period for the accountant, without drafts, naming each subject in the log', async () => {
    const [a, b] = [await newSubject(t), await newSubject(t)];
    const issuedA = await issue((await newInvoice(t, a.id)).id);
    const issuedB = await issue((await newInvoice(t, b.id)).id);
    const draft = await newInvoice(t, a.id);
    const today = businessToday(new Date());
    const before = await logCount(t);
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/invoices?from=${today}&to=${today}`,
      headers: { cookie: accountant },
    });
    expect(response.statusCode).toBe(200);
    const ids = response.json<{ items: { id: string; status: string }[] }>().items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([issuedA.id, issuedB.id]));
    expect(ids).not.toContain(draft.id);
    expect(await logCount(t)).toBe(before + 1);
    const entry = await lastEntry(t);
    expect(entry).toMatchObject({ operation: 'consult', record_type: 'invoice', outcome: 'allowed', actor_role: 'accountant' });
    expect(JSON.parse(entry.subject_ids)).toEqual(expect.arrayContaining([a.id, b.id]));

    const empty = await t.app.inject({
      method: 'GET',
      url: '/api/invoices?from=2001-01-01&to=2001-12-31',
      headers: { cookie: accountant },
    });
    expect(empty.json()).toEqual({ items: [], total: 0, page: 1, pageSize: 25 });
  });
});

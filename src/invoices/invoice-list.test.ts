import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newInvoice, newSubject } from '../../test/factories.ts';
import { lastLogEntry, logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { expectRefusedQueries, listPage } from '../../test/lists.ts';
import { cliActor } from '../guard/actor.ts';
import type { Invoice } from './invoice.schema.ts';

describe.each(DIALECTS)('the invoice list: by customer, status and number, paged and sorted (issue 19), on %s', (dialect) => {
  let t: TestApp;
  let accountant: string;
  let anna: string;
  let bram: string;
  let issued: Invoice[];
  let draft: Invoice;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    accountant = await t.signIn('accountant');
    anna = (await newSubject(t, { firstName: 'Anna', lastName: 'Aalders' })).id;
    bram = (await newSubject(t, { firstName: 'Bram', lastName: 'Brouwer' })).id;
    issued = [];
    for (const [subject, quantity] of [
      [anna, 1],
      [bram, 3],
      [anna, 2],
    ] as const) {
      const created = await newInvoice(t, subject, {
        lines: [{ description: 'Werkplekbeheer', quantity, unitPriceCents: 10000, vatRate: 21 }],
      });
      issued.push(await t.services.invoices.issue(cliActor(), created.id, null));
    }
    draft = await newInvoice(t, bram);
  });
  afterAll(async () => t.close());

  const list = (query: string) => listPage<Invoice>(t, accountant, `/api/invoices${query}`);
  const ids = (items: Invoice[]) => items.map((i) => i.id);

  it('lists every invoice, the draft first and then the newest number, and logs each person shown', async () => {
    const all = await list('');
    expect(ids(all.items)).toEqual([draft.id, ...ids([...issued].reverse())]);
    expect(all).toMatchObject({ total: 4, page: 1, pageSize: 25 });
    const entry = await lastLogEntry(t);
    expect(entry).toMatchObject({ operation: 'consult', record_type: 'invoice', outcome: 'allowed', actor_role: 'accountant' });
    expect((JSON.parse(entry.subject_ids) as string[]).sort()).toEqual([anna, bram].sort());
  });

  it('pages', async () => {
    const second = await list('?pageSize=3&page=2');
    expect(ids(second.items)).toEqual([issued[0]?.id]);
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(JSON.parse((await lastLogEntry(t)).subject_ids) as string[]).toEqual([anna]);
  });

  it('sorts by number, name and total', async () => {
    expect(ids((await list('?sort=number&order=asc&status=issued')).items)).toEqual(ids(issued));
    expect((await list('?sort=name&order=asc')).items.map((i) => i.billing.name)).toEqual([
      'Anna Aalders',
      'Anna Aalders',
      'Bram Brouwer',
      'Bram Brouwer',
    ]);
    const totals = (await list('?sort=total&order=desc&status=issued')).items.map((i) => i.totalInclCents);
    expect(totals).toEqual([36300, 24200, 12100]);
  });

  it('filters by customer, status, number and issue date', async () => {
    expect(ids((await list(`?customer=${anna}`)).items).sort()).toEqual([issued[0]?.id, issued[2]?.id].sort());
    expect(ids((await list('?status=draft')).items)).toEqual([draft.id]);
    expect(ids((await list(`?number=${issued[1]?.number ?? ''}`)).items)).toEqual([issued[1]?.id]);
    expect((await list('?from=2001-01-01&to=2001-12-31')).total).toBe(0);
    expect((await list(`?from=${issued[0]?.issueDate ?? ''}`)).total).toBe(3);
  });

  it('refuses a query it cannot answer, with a stable code, and logs nothing', async () => {
    const before = await logCount(t);
    await expectRefusedQueries(t, accountant, '/api/invoices', [
      'status=paid',
      'customer=anna',
      'from=2026-02-30',
      'from=2026-03-01&to=2026-02-01',
    ]);
    expect(await logCount(t)).toBe(before);
  });
});

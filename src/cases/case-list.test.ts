import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newCase, newSubject } from '../../test/factories.ts';
import { lastLogEntry, logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { expectRefusedQueries, listPage } from '../../test/lists.ts';
import { cliActor } from '../guard/actor.ts';
import type { CaseListItem } from './case-list.schema.ts';

describe.each(DIALECTS)("every customer's cases in one list, paged, sorted and filtered (issue 19), on %s", (dialect) => {
  let t: TestApp;
  let staff: string;
  let anna: string;
  let bram: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
    anna = (await newSubject(t, { firstName: 'Anna', lastName: 'Aalders' })).id;
    bram = (await newSubject(t, { firstName: 'Bram', lastName: 'Brouwer' })).id;
    await newCase(t, anna, { title: 'Vraag over de factuur' });
    await newCase(t, bram, { kind: 'complaint', title: 'Klacht over de levering' });
    const closed = await newCase(t, anna, { title: 'Vraag over het contract' });
    await t.services.cases.close(cliActor(), closed.id);
  });
  afterAll(async () => t.close());

  const list = (query: string) => listPage<CaseListItem>(t, staff, `/api/cases${query}`);
  const titles = (items: CaseListItem[]) => items.map((c) => c.title);

  it('lists every case, newest first, with the customer by name, and logs each case and person shown', async () => {
    const all = await list('');
    expect(titles(all.items)).toEqual(['Vraag over het contract', 'Klacht over de levering', 'Vraag over de factuur']);
    expect(all.items[1]).toMatchObject({ customerName: 'Bram Brouwer', subjectId: bram, kind: 'complaint' });
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 25 });
    const entry = await lastLogEntry(t);
    expect(entry).toMatchObject({ operation: 'consult', record_type: 'case', outcome: 'allowed' });
    expect((JSON.parse(entry.subject_ids) as string[]).sort()).toEqual([anna, bram].sort());
    expect(JSON.parse(entry.records) as string[]).toHaveLength(3);
  });

  it('pages', async () => {
    const second = await list('?pageSize=2&page=2');
    expect(titles(second.items)).toEqual(['Vraag over de factuur']);
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(JSON.parse((await lastLogEntry(t)).subject_ids) as string[]).toEqual([anna]);
  });

  it('sorts by title and by customer, either way', async () => {
    expect(titles((await list('?sort=title&order=asc')).items)).toEqual([
      'Klacht over de levering',
      'Vraag over de factuur',
      'Vraag over het contract',
    ]);
    expect((await list('?sort=customer&order=desc')).items.map((c) => c.customerName)).toEqual([
      'Bram Brouwer',
      'Anna Aalders',
      'Anna Aalders',
    ]);
  });

  it('filters by status, kind, customer, and a title or reference', async () => {
    expect(titles((await list('?status=closed')).items)).toEqual(['Vraag over het contract']);
    expect(titles((await list('?kind=complaint')).items)).toEqual(['Klacht over de levering']);
    expect((await list(`?customer=${anna}`)).total).toBe(2);
    const found = await list('?q=levering');
    expect(titles(found.items)).toEqual(['Klacht over de levering']);
    expect(titles((await list(`?q=${found.items[0]?.reference ?? ''}`)).items)).toEqual(['Klacht over de levering']);
  });

  it('refuses a query it cannot answer, with a stable code, and logs nothing', async () => {
    const before = await logCount(t);
    await expectRefusedQueries(t, staff, '/api/cases', ['status=lost', 'kind=wish', 'customer=anna']);
    expect(await logCount(t)).toBe(before);
  });
});

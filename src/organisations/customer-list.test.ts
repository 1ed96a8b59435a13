import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { lastLogEntry, logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { expectRefusedQueries, listPage } from '../../test/lists.ts';
import { cliActor } from '../guard/actor.ts';
import type { CustomerListItem } from './customer-list.schema.ts';

describe.each(DIALECTS)('the customer list, persons and organisations (issue 19), on %s', (dialect) => {
  let t: TestApp;
  let staff: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
    ids = {};
    for (const lastName of ['Zwart', 'Bakker', 'Mulder']) {
      ids[lastName] = (await newSubject(t, { firstName: 'Kees', lastName, email: `${lastName.toLowerCase()}@example.nl` })).id;
    }
    const org = await t.services.organisations.organisations.create(cliActor(), { name: 'Lindeboom BV', kind: 'legal_entity' });
    ids['Lindeboom BV'] = org.id;
  });
  afterAll(async () => t.close());

  const names = (items: CustomerListItem[]) => items.map((c) => c.name);
  const list = (query: string) => listPage<CustomerListItem>(t, staff, `/api/customers${query}`);

  it('lists every customer by name without a search, persons by last name, and logs who was shown', async () => {
    const all = await list('');
    expect(names(all.items)).toEqual(['Kees Bakker', 'Lindeboom BV', 'Kees Mulder', 'Kees Zwart']);
    expect(all).toMatchObject({ total: 4, page: 1, pageSize: 25 });
    expect(all.items[1]).toMatchObject({ kind: 'organisation', id: ids['Lindeboom BV'] });
    const entry = await lastLogEntry(t);
    expect(entry).toMatchObject({ operation: 'consult', record_type: 'subject', outcome: 'allowed' });
    expect(JSON.parse(entry.subject_ids ?? '[]') as string[]).toEqual(
      expect.arrayContaining([ids['Bakker'], ids['Mulder'], ids['Zwart']]),
    );
  });

  it('pages: the second page of two holds the rest, and the total stays', async () => {
    const second = await list('?pageSize=2&page=2');
    expect(names(second.items)).toEqual(['Kees Mulder', 'Kees Zwart']);
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect((JSON.parse((await lastLogEntry(t)).subject_ids ?? '[]') as string[]).sort()).toEqual(
      [ids['Mulder'], ids['Zwart']].sort(),
    );
  });

  it('sorts by name either way and by reference', async () => {
    expect(names((await list('?sort=name&order=desc')).items)).toEqual([
      'Kees Zwart',
      'Kees Mulder',
      'Lindeboom BV',
      'Kees Bakker',
    ]);
    const byReference = (await list('?sort=reference')).items.map((c) => c.reference);
    expect(byReference).toEqual([...byReference].sort());
  });

  it('filters by kind and by a search of name, e-mail or reference', async () => {
    expect(names((await list('?kind=organisation')).items)).toEqual(['Lindeboom BV']);
    expect((await list('?kind=person')).total).toBe(3);
    expect(names((await list('?q=mul')).items)).toEqual(['Kees Mulder']);
    expect(names((await list('?q=zwart@example.nl')).items)).toEqual(['Kees Zwart']);
    expect(names((await list('?q=linde')).items)).toEqual(['Lindeboom BV']);
    expect((await list('?q=nobody')).total).toBe(0);
  });

  it('refuses a query it cannot answer, with a stable code, and logs nothing', async () => {
    const before = await logCount(t);
    await expectRefusedQueries(t, staff, '/api/customers', ['kind=robot', 'q=']);
    expect(await logCount(t)).toBe(before);
  });
});

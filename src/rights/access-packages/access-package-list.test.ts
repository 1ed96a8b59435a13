import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/databases.ts';
import { newSubject } from '../../../test/factories.ts';
import { lastLogEntry, logCount, startTestApp, type TestApp } from '../../../test/harness.ts';
import { expectRefusedQueries, listPage } from '../../../test/lists.ts';
import { execute, newRequest } from '../../../test/support/executions.ts';
import type { PackageListItem } from './access-package.schema.ts';

describe.each(DIALECTS)('the access packages of every request in one list (issue 19), on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let anna: string;
  let bram: string;
  let released: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    dpo = await t.signIn('dpo');
    anna = (await newSubject(t, { firstName: 'Anna', lastName: 'Aalders' })).id;
    bram = (await newSubject(t, { firstName: 'Bram', lastName: 'Brouwer' })).id;
    for (const subject of [anna, bram, bram]) await execute(t, await newRequest(t, 'access', subject));
    const bramsFirst = (await listPage<PackageListItem>(t, dpo, '/api/access-packages?sort=customer&order=desc')).items[0];
    released = bramsFirst?.id ?? '';
    const r = await t.app.inject({ method: 'POST', url: `/api/access-packages/${released}/release`, headers: { cookie: dpo } });
    expect(r.statusCode, r.body).toBe(200);
  });
  afterAll(async () => t.close());

  const list = (query: string) => listPage<PackageListItem>(t, dpo, `/api/access-packages${query}`);
  const who = (items: PackageListItem[]) => items.map((p) => p.customerName);

  it('lists every package, oldest first, with the request and person by name, and logs each one shown', async () => {
    const all = await list('');
    expect(who(all.items)).toEqual(['Anna Aalders', 'Bram Brouwer', 'Bram Brouwer']);
    expect(all.items[0]?.requestReference).toMatch(/^V-\d{4}-/);
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 25 });
    const entry = await lastLogEntry(t);
    expect(entry).toMatchObject({ operation: 'consult', record_type: 'case', outcome: 'allowed' });
    expect((JSON.parse(entry.subject_ids) as string[]).sort()).toEqual([anna, bram].sort());
    expect((JSON.parse(entry.records) as string[]).filter((r: string) => r.startsWith('access_package:'))).toHaveLength(3);
  });

  it('pages and sorts', async () => {
    const second = await list('?pageSize=2&page=2');
    expect(second.items).toHaveLength(1);
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(who((await list('?sort=customer&order=desc')).items)).toEqual(['Bram Brouwer', 'Bram Brouwer', 'Anna Aalders']);
    const references = (await list('?sort=reference')).items.map((p) => p.requestReference);
    expect(references).toEqual([...references].sort());
  });

  it('filters by review status and kind: what still waits for release', async () => {
    const waiting = await list('?reviewStatus=pending_review');
    expect(waiting.total).toBe(2);
    expect(waiting.items.map((p) => p.id)).not.toContain(released);
    expect((await list('?reviewStatus=released')).items.map((p) => p.id)).toEqual([released]);
    expect((await list('?kind=portability')).total).toBe(0);
  });

  it('is the dpo’s alone, and refuses a query it cannot answer with a stable code, logging nothing', async () => {
    const staff = await t.signIn('staff');
    expect((await t.app.inject({ url: '/api/access-packages', headers: { cookie: staff } })).statusCode).toBe(403);
    const before = await logCount(t);
    await expectRefusedQueries(t, dpo, '/api/access-packages', ['reviewStatus=lost', 'kind=gift', 'customer=anna']);
    expect(await logCount(t)).toBe(before);
  });
});

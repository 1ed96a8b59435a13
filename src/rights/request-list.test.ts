import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { lastLogEntry, logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { expectRefusedQueries, listPage } from '../../test/lists.ts';
import { daysAgo } from '../../test/support/requests.ts';
import type { RequestSummary } from './request.schema.ts';

describe.each(DIALECTS)('the request list, paged, sorted and filtered on the server (issue 19), on %s', (dialect) => {
  let t: TestApp;
  let staff: string;
  const made: Record<string, { id: string; reference: string }> = {};

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
    for (const [name, kind, days] of [
      ['Aafke Laat', 'access', 45],
      ['Bert Binnenkort', 'erasure', 20],
      ['Cor Vers', 'question', 0],
      ['Dirk Ingetrokken', 'access', 50],
    ] as const) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/requests',
        headers: { cookie: staff },
        payload: {
          kind,
          channel: 'email',
          receivedOn: daysAgo(days),
          name,
          details: 'Graag een antwoord',
          email: `${name.split(' ')[0]?.toLowerCase() ?? ''}@example.nl`,
        },
      });
      expect(r.statusCode, r.body).toBe(201);
      made[name] = r.json();
    }
    const withdraw = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${made['Dirk Ingetrokken']?.id ?? ''}/withdraw`,
      headers: { cookie: staff },
      payload: { note: 'Per telefoon ingetrokken' },
    });
    expect(withdraw.statusCode, withdraw.body).toBe(200);
  });
  afterAll(async () => t.close());

  const list = (query: string) => listPage<RequestSummary>(t, staff, `/api/requests${query}`);
  const names = (items: RequestSummary[]) => items.map((r) => r.requesterName);

  it('lists by deadline, earliest first, and logs each request shown', async () => {
    const all = await list('');
    expect(names(all.items)).toEqual(['Dirk Ingetrokken', 'Aafke Laat', 'Bert Binnenkort', 'Cor Vers']);
    expect(all).toMatchObject({ total: 4, page: 1, pageSize: 25 });
    const entry = await lastLogEntry(t);
    expect(entry).toMatchObject({ operation: 'consult', record_type: 'case', outcome: 'allowed' });
    expect((JSON.parse(entry.records) as string[]).sort()).toEqual(
      Object.values(made)
        .map((r) => `rights_request:${r.id}`)
        .sort(),
    );
  });

  it('pages', async () => {
    const second = await list('?pageSize=3&page=2');
    expect(names(second.items)).toEqual(['Cor Vers']);
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(JSON.parse((await lastLogEntry(t)).records) as string[]).toEqual([`rights_request:${made['Cor Vers']?.id ?? ''}`]);
  });

  it('sorts by receipt and by reference, either way', async () => {
    expect(names((await list('?sort=receivedAt&order=desc')).items)).toEqual([
      'Cor Vers',
      'Bert Binnenkort',
      'Aafke Laat',
      'Dirk Ingetrokken',
    ]);
    const references = (await list('?sort=reference')).items.map((r) => r.reference);
    expect(references).toEqual([...references].sort());
  });

  it('filters by status, kind, open, overdue, and a reference or name', async () => {
    expect(names((await list('?status=withdrawn')).items)).toEqual(['Dirk Ingetrokken']);
    expect(names((await list('?kind=access')).items)).toEqual(['Dirk Ingetrokken', 'Aafke Laat']);
    expect(names((await list('?open=true')).items)).toEqual(['Aafke Laat', 'Bert Binnenkort', 'Cor Vers']);
    expect(names((await list('?open=false')).items)).toEqual(['Dirk Ingetrokken']);
    expect(names((await list('?overdue=true')).items)).toEqual(['Aafke Laat']);
    expect((await list('?overdue=false')).total).toBe(3);
    expect(names((await list('?q=bert')).items)).toEqual(['Bert Binnenkort']);
    expect(names((await list(`?q=${made['Cor Vers']?.reference.toLowerCase() ?? ''}`)).items)).toEqual(['Cor Vers']);
  });

  it('refuses a query it cannot answer, with a stable code, and logs nothing', async () => {
    const before = await logCount(t);
    await expectRefusedQueries(t, staff, '/api/requests', ['status=lost', 'kind=wish', 'overdue=maybe', 'limit=10']);
    expect(await logCount(t)).toBe(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { lastLogEntry, startTestApp, type TestApp } from '../../test/harness.ts';

describe.each(DIALECTS)('the customer list without a search (issue 19), on %s', (dialect) => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  const list = async (query: string) => {
    const r = await t.app.inject({ url: `/api/subjects${query}`, headers: { cookie: staff } });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{ subjects: { id: string; lastName: string }[] }>().subjects;
  };

  it('lists every customer by name, a page at a time, and logs the consultation of those shown', async () => {
    for (const lastName of ['Zwart', 'Bakker', 'Mulder']) await newSubject(t, { lastName });
    expect((await list('')).map((s) => s.lastName)).toEqual(['Bakker', 'Mulder', 'Zwart']);
    const second = await list('?limit=2&offset=2');
    expect(second.map((s) => s.lastName)).toEqual(['Zwart']);
    const entry = await lastLogEntry(t);
    expect(entry).toMatchObject({ operation: 'consult', record_type: 'subject' });
    expect(JSON.parse(entry?.subject_ids ?? '[]')).toEqual([second[0]?.id]);
  });
});

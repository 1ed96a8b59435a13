import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { lastLogEntry, logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { expectRefusedQueries, listPage } from '../../test/lists.ts';
import { cliActor } from '../guard/actor.ts';
import { addPeriod } from './rules/period.ts';
import type { HoldListItem } from './legal-hold.schema.ts';
import { businessToday } from '../shared/business-day.ts';

describe.each(DIALECTS)('the legal holds on every customer in one list (issue 19), on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let anna: string;
  let bram: string;
  const today = businessToday(new Date());

  beforeAll(async () => {
    t = await startTestApp(dialect);
    dpo = await t.signIn('dpo');
    anna = (await newSubject(t, { firstName: 'Anna', lastName: 'Aalders' })).id;
    bram = (await newSubject(t, { firstName: 'Bram', lastName: 'Brouwer' })).id;
    await t.services.legalHolds.place(cliActor(), anna, { reason: 'Geschil over de factuur', reviewOn: today });
    const released = await t.services.legalHolds.place(cliActor(), bram, {
      reason: 'Klacht bij de geschillencommissie',
      endsOn: addPeriod(today, { years: 0, months: 6, days: 0 }),
    });
    await t.services.legalHolds.release(cliActor(), released.id, { reason: 'Klacht ingetrokken' });
    // A hold whose end date has passed: time did what no request can.
    await t.database.db
      .insertInto('legal_holds')
      .values({
        id: randomUUID(),
        subject_id: bram,
        record_type: null,
        record_id: null,
        reason: 'Oude procedure',
        placed_by: 'cli:test',
        placed_at: '2020-01-01T00:00:00.000Z',
        ends_on: '2021-01-01',
        review_on: null,
        released_at: null,
        released_by: null,
        release_reason: null,
      })
      .execute();
  });
  afterAll(async () => t.close());

  const list = (query: string) => listPage<HoldListItem>(t, dpo, `/api/holds${query}`);
  const reasons = (items: HoldListItem[]) => items.map((h) => h.reason);

  it('lists every hold, newest first, with the customer by name, and logs each hold and person for legal claims', async () => {
    const all = await list('');
    expect(reasons(all.items)).toEqual(['Klacht bij de geschillencommissie', 'Geschil over de factuur', 'Oude procedure']);
    expect(all.items[1]).toMatchObject({ customerName: 'Anna Aalders', subjectId: anna, inForce: true });
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 25 });
    const entry = await lastLogEntry(t);
    expect(entry).toMatchObject({ operation: 'consult', record_type: 'subject', outcome: 'allowed' });
    expect((JSON.parse(entry.subject_ids) as string[]).sort()).toEqual([anna, bram].sort());
    expect((JSON.parse(entry.records) as string[]).filter((r: string) => r.startsWith('legal_hold:'))).toHaveLength(3);
  });

  it('pages', async () => {
    const second = await list('?pageSize=2&page=2');
    expect(reasons(second.items)).toEqual(['Oude procedure']);
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
  });

  it('sorts by customer and by review date, either way', async () => {
    expect((await list('?sort=customer&order=asc')).items.map((h) => h.customerName)).toEqual([
      'Anna Aalders',
      'Bram Brouwer',
      'Bram Brouwer',
    ]);
    expect(reasons((await list('?sort=reviewOn&order=asc')).items)[0]).toBe('Geschil over de factuur');
  });

  it('filters by state, review due and customer', async () => {
    expect(reasons((await list('?state=in_force')).items)).toEqual(['Geschil over de factuur']);
    expect(reasons((await list('?state=released')).items)).toEqual(['Klacht bij de geschillencommissie']);
    expect(reasons((await list('?state=ended')).items)).toEqual(['Oude procedure']);
    expect(reasons((await list('?reviewDue=true')).items)).toEqual(['Geschil over de factuur']);
    expect((await list(`?customer=${bram}`)).total).toBe(2);
  });

  it('is the dpo’s alone, and refuses a query it cannot answer with a stable code, logging nothing', async () => {
    const staff = await t.signIn('staff');
    expect((await t.app.inject({ url: '/api/holds', headers: { cookie: staff } })).statusCode).toBe(403);
    const before = await logCount(t);
    await expectRefusedQueries(t, dpo, '/api/holds', ['state=forever', 'reviewDue=soon', 'customer=anna']);
    expect(await logCount(t)).toBe(before);
  });
});

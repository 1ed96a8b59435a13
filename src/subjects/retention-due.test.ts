import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newAgreement, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { sealLog } from '../guard/log-sealer.ts';
import { businessToday } from '../shared/business-day.ts';

interface DuePage {
  total: number;
  records: {
    recordType: string;
    id: string;
    subjectId: string;
    name: string | null;
    title: string | null;
    until: string;
    rule: string | null;
  }[];
}

describe.each(DIALECTS)('whose data the sweep deletes, named, on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    dpo = await t.signIn('dpo');
    staff = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  it('names the customer and the record in the forecast and the dry run, paged, and logs the consultation', async () => {
    const subjects = [
      await newSubject(t, { firstName: 'Karel', lastName: 'Appel' }),
      await newSubject(t, { firstName: 'Corneille', lastName: 'Beverloo' }),
    ];
    const agreements = [];
    for (const s of subjects)
      agreements.push(
        await newAgreement(t, s.id, {
          title: `Onderhoud ${s.lastName}`,
          startDate: '2023-01-01',
          endDate: '2024-06-01',
          status: 'ended',
        }),
      );
    const today = businessToday(new Date());

    const forecast = await t.app.inject({
      method: 'GET',
      url: '/api/retention/forecast/records?days=30&limit=1',
      headers: { cookie: dpo },
    });
    expect(forecast.statusCode).toBe(200);
    const first = forecast.json<DuePage>();
    expect(first.total).toBe(2);
    expect(first.records).toHaveLength(1);
    const second = (
      await t.app.inject({
        method: 'GET',
        url: '/api/retention/forecast/records?days=30&limit=1&offset=1',
        headers: { cookie: dpo },
      })
    ).json<DuePage>();
    const both = [...first.records, ...second.records].sort((a, b) => (b.name ?? '').localeCompare(a.name ?? ''));
    expect(both).toEqual([
      {
        recordType: 'agreement',
        id: agreements[0]?.id,
        subjectId: subjects[0]?.id,
        name: 'Karel Appel',
        title: 'Onderhoud Appel',
        until: today,
        rule: 'contract-two-years',
      },
      {
        recordType: 'agreement',
        id: agreements[1]?.id,
        subjectId: subjects[1]?.id,
        name: 'Corneille Beverloo',
        title: 'Onderhoud Beverloo',
        until: today,
        rule: 'contract-two-years',
      },
    ]);

    const dry = await t.app.inject({ method: 'GET', url: '/api/retention/dry-run/records', headers: { cookie: dpo } });
    expect(dry.statusCode).toBe(200);
    const dryPage = dry.json<DuePage & { today: string }>();
    expect(dryPage.total).toBe(2);
    expect(dryPage.records.map((r) => r.name).sort()).toEqual(['Corneille Beverloo', 'Karel Appel']);
    expect(
      await t.database.db
        .selectFrom('agreements')
        .select('id')
        .where(
          'id',
          'in',
          agreements.map((a) => a.id),
        )
        .execute(),
    ).toHaveLength(2);

    await sealLog(t.database.db);
    const consults = await t.database.db
      .selectFrom('processing_log')
      .select(['subject_ids', 'records'])
      .where('operation', '=', 'consult')
      .where('actor_role', '=', 'dpo')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect((JSON.parse(consults.subject_ids) as string[]).sort()).toEqual(subjects.map((s) => s.id).sort());
    expect(JSON.parse(consults.records)).toEqual(expect.arrayContaining(agreements.map((a) => `agreement:${a.id}`)));
  });

  it('is the dpo’s', async () => {
    for (const url of ['/api/retention/forecast/records', '/api/retention/dry-run/records']) {
      const response = await t.app.inject({ method: 'GET', url, headers: { cookie: staff } });
      expect(response.statusCode, url).toBe(403);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { lastLogEntry, logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { execute, newRequest } from '../../test/support/executions.ts';

describe.each(DIALECTS)("a person's objections on the customer page, on %s", (dialect) => {
  let t: TestApp;
  let dpo: string;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    dpo = await t.signIn('dpo');
    staff = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  const get = (url: string, cookie = dpo) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  it('lists the upheld objection per purpose for the dpo, logged as one consultation naming the person', async () => {
    const subject = await newSubject(t);
    const other = await newSubject(t);
    const request = await newRequest(t, 'objection', subject.id, { purpose: 'correspondence' });
    await execute(t, request);
    await execute(t, await newRequest(t, 'objection', other.id, { purpose: 'correspondence' }));
    const before = await logCount(t);

    const response = await get(`/api/subjects/${subject.id}/objections`);
    expect(response.statusCode).toBe(200);
    const { objections } = response.json<{
      objections: { id: string; subjectId: string; purpose: string; status: string; requestId: string }[];
    }>();
    expect(objections).toHaveLength(1);
    expect(objections[0]).toMatchObject({
      subjectId: subject.id,
      purpose: 'correspondence',
      status: 'upheld',
      requestId: request.id,
    });
    expect(await logCount(t)).toBe(before + 1);
    const entry = await lastLogEntry(t);
    expect(entry).toMatchObject({ operation: 'consult', outcome: 'allowed' });
    expect(JSON.parse(entry.subject_ids)).toEqual([subject.id]);
    expect(JSON.parse(entry.records)).toContain(`objection:${objections[0]?.id ?? ''}`);
  });

  it('refuses staff, an unknown person, and an id that is no UUID, changing nothing', async () => {
    const subject = await newSubject(t);
    await execute(t, await newRequest(t, 'objection', subject.id, { purpose: 'correspondence' }));
    const rows = async () =>
      t.database.db.selectFrom('objections').select(['id', 'status']).where('subject_id', '=', subject.id).execute();
    const kept = await rows();
    expect((await get(`/api/subjects/${subject.id}/objections`, staff)).statusCode).toBe(403);
    const unknown = await get('/api/subjects/00000000-0000-4000-8000-000000000000/objections');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('not_found');
    expect((await get('/api/subjects/not-a-uuid/objections')).statusCode).toBe(400);
    expect(await rows()).toEqual(kept);
  });
});

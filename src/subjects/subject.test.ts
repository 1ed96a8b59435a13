import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { logCount, startTestApp, type TestApp, lastLogEntry } from '../../test/harness.ts';

describe.each(DIALECTS)('subjects on %s', (dialect) => {
  let t: TestApp;
  let staff: string;
  let accountant: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
    accountant = await t.signIn('accountant');
  });
  afterAll(async () => t.close());

  const lastEntry = () => lastLogEntry(t);

  it('collects a subject and logs exactly one collect entry naming them', async () => {
    const before = await logCount(t);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/subjects',
      headers: { cookie: staff },
      payload: {
        firstName: 'Jan',
        lastName: 'Jansen',
        email: 'jan@example.nl',
        addresses: [{ kind: 'billing', street: 'Ketjapweg 1', postalCode: '3541 RH', city: 'Utrecht', country: 'NL' }],
      },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json<{ id: string; reference: string; gender: string | null }>();
    expect(body.reference).toMatch(/^K-\d{8}$/);
    expect(body.gender).toBeNull();

    const row = await t.database.db
      .selectFrom('subjects')
      .select(['first_name', 'email'])
      .where('id', '=', body.id)
      .executeTakeFirst();
    expect(row).toEqual({ first_name: 'Jan', email: 'jan@example.nl' });
    const addresses = await t.database.db
      .selectFrom('subject_addresses')
      .select('city')
      .where('subject_id', '=', body.id)
      .execute();
    expect(addresses).toEqual([{ city: 'Utrecht' }]);

    expect(await logCount(t)).toBe(before + 1);
    const entry = await lastEntry();
    expect(entry).toMatchObject({
      operation: 'collect',
      record_type: 'subject',
      purpose: 'contract',
      outcome: 'allowed',
      actor_role: 'staff',
    });
    expect(JSON.parse(entry.subject_ids)).toEqual([body.id]);
    const linked = await t.database.db
      .selectFrom('processing_log_subjects')
      .select('log_seq')
      .where('subject_id', '=', body.id)
      .execute();
    expect(linked.map((l) => Number(l.log_seq))).toEqual([Number(entry.seq)]);
  });

  it('consults, corrects and searches with one log entry each', async () => {
    const subject = await newSubject(t, { lastName: 'Bakker-Zoekbaar', email: 'Bakker@Example.nl' });
    let before = await logCount(t);

    const read = await t.app.inject({ method: 'GET', url: `/api/subjects/${subject.id}`, headers: { cookie: staff } });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: subject.id, lastName: 'Bakker-Zoekbaar' });
    expect(await logCount(t)).toBe(before + 1);
    expect(await lastEntry()).toMatchObject({ operation: 'consult', outcome: 'allowed' });

    before = await logCount(t);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/subjects/${subject.id}?purpose=correspondence`,
      headers: { cookie: staff },
      payload: { phone: null, lastName: 'Bakker' },
    });
    expect(patched.statusCode).toBe(200);
    const row = await t.database.db
      .selectFrom('subjects')
      .select(['last_name', 'phone'])
      .where('id', '=', subject.id)
      .executeTakeFirst();
    expect(row).toEqual({ last_name: 'Bakker', phone: null });
    expect(await logCount(t)).toBe(before + 1);
    expect(await lastEntry()).toMatchObject({ operation: 'modify', purpose: 'correspondence' });

    before = await logCount(t);
    const found = await t.app.inject({ method: 'GET', url: '/api/subjects?email=bakker@example.NL', headers: { cookie: staff } });
    expect(found.statusCode).toBe(200);
    expect(found.json<{ subjects: { id: string }[] }>().subjects.map((s) => s.id)).toEqual([subject.id]);
    expect(await logCount(t)).toBe(before + 1);
    expect(JSON.parse((await lastEntry()).subject_ids)).toEqual([subject.id]);

    const byName = await t.app.inject({ method: 'GET', url: '/api/subjects?q=bakk', headers: { cookie: staff } });
    expect(byName.json<{ subjects: { id: string }[] }>().subjects.map((s) => s.id)).toContain(subject.id);

    // One search box finds a customer by e-mail address or reference as well (the back office's customer picker).
    for (const q of ['BAKKER@example.nl', subject.reference, subject.reference.toLowerCase()]) {
      const one = await t.app.inject({
        method: 'GET',
        url: `/api/subjects?q=${encodeURIComponent(q)}`,
        headers: { cookie: staff },
      });
      expect(
        one.json<{ subjects: { id: string }[] }>().subjects.map((s) => s.id),
        q,
      ).toEqual([subject.id]);
    }
  });

  it('leaves a restricted person (Art. 18(2)) and one who objected to the purpose (Art. 21(1)) out of a search, instead of failing it for everyone', async () => {
    const free = await newSubject(t, { lastName: 'Zoekbeperkt' });
    const restricted = await newSubject(t, { lastName: 'Zoekbeperkt' });
    const objected = await newSubject(t, { lastName: 'Zoekbeperkt' });
    const now = new Date().toISOString();
    await t.database.db
      .insertInto('restrictions')
      .values({
        id: crypto.randomUUID(),
        subject_id: restricted.id,
        request_id: null,
        purpose: null,
        reason: 'betwist de juistheid',
        started_at: now,
        lifted_at: null,
        lift_notice_sent_at: null,
      })
      .execute();
    await t.database.db
      .insertInto('objections')
      .values({
        id: crypto.randomUUID(),
        subject_id: objected.id,
        purpose: 'correspondence',
        request_id: null,
        status: 'upheld',
        reason: null,
        created_at: now,
        decided_at: now,
      })
      .execute();
    const search = async (cookie: string, query = '') => {
      const before = await logCount(t);
      const response = await t.app.inject({ method: 'GET', url: `/api/subjects?q=zoekbeperkt${query}`, headers: { cookie } });
      expect(response.statusCode, response.body).toBe(200);
      const ids = response
        .json<{ subjects: { id: string }[] }>()
        .subjects.map((s) => s.id)
        .sort();
      // One consultation, naming exactly the persons shown.
      expect(await logCount(t)).toBe(before + 1);
      const entry = await lastEntry();
      expect(entry).toMatchObject({ operation: 'consult', outcome: 'allowed' });
      expect((JSON.parse(entry.subject_ids) as string[]).sort()).toEqual(ids);
      return ids;
    };
    expect(await search(staff)).toEqual([free.id, objected.id].sort());
    expect(await search(staff, '&purpose=correspondence')).toEqual([free.id]);
    // The privacy officer handles the persons' requests and still finds them (Art. 12, 15).
    expect(await search(await t.signIn('dpo'))).toEqual([free.id, restricted.id, objected.id].sort());
    expect(
      JSON.stringify(
        (await t.app.inject({ method: 'GET', url: '/api/subjects?q=zoekbeperkt', headers: { cookie: staff } })).json(),
      ),
    ).not.toContain(restricted.id);
  });

  it('treats LIKE wildcards in a name search as plain characters', async () => {
    await newSubject(t, { lastName: 'Wildcard' });
    const response = await t.app.inject({ method: 'GET', url: '/api/subjects?q=%25%25', headers: { cookie: staff } });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ subjects: unknown[] }>().subjects).toEqual([]);
  });

  it('refuses the accountant a subject, logs the denial and returns no data', async () => {
    const subject = await newSubject(t);
    const before = await logCount(t);
    const response = await t.app.inject({ method: 'GET', url: `/api/subjects/${subject.id}`, headers: { cookie: accountant } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect(response.body).not.toContain(subject.lastName);
    expect(await logCount(t)).toBe(before + 1);
    expect(await lastEntry()).toMatchObject({ outcome: 'denied', actor_role: 'accountant', operation: 'consult' });
  });

  it('refuses a purpose the policy does not declare for subjects', async () => {
    const subject = await newSubject(t);
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/subjects/${subject.id}?purpose=marketing`,
      headers: { cookie: staff },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'purpose_not_allowed' } });
  });

  it('asks anonymous callers to sign in, before looking at their input', async () => {
    const before = await logCount(t);
    const response = await t.app.inject({ method: 'POST', url: '/api/subjects', payload: { nonsense: true } });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect(await logCount(t)).toBe(before);
  });

  describe('bad input gets a 4xx and changes nothing', () => {
    const cases: {
      name: string;
      method: 'POST' | 'PATCH' | 'GET';
      url: (id: string) => string;
      payload?: unknown;
      raw?: string;
      status: number;
      code: string;
    }[] = [
      {
        name: 'an unknown field',
        method: 'POST',
        url: () => '/api/subjects',
        payload: { firstName: 'A', lastName: 'B', shoeSize: 44 },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a missing name',
        method: 'POST',
        url: () => '/api/subjects',
        payload: { firstName: 'A' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a bad e-mail address',
        method: 'POST',
        url: () => '/api/subjects',
        payload: { firstName: 'A', lastName: 'B', email: 'not-an-address' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an unknown gender',
        method: 'POST',
        url: () => '/api/subjects',
        payload: { firstName: 'A', lastName: 'B', gender: 'x' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a bad country',
        method: 'POST',
        url: () => '/api/subjects',
        payload: {
          firstName: 'A',
          lastName: 'B',
          addresses: [{ kind: 'postal', street: 'a', postalCode: '1', city: 'c', country: 'Netherlands' }],
        },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a body that is not JSON',
        method: 'POST',
        url: () => '/api/subjects',
        raw: '{"firstName":',
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an oversized body',
        method: 'POST',
        url: () => '/api/subjects',
        payload: { firstName: 'A', lastName: 'x'.repeat(300_000) },
        status: 413,
        code: 'payload_too_large',
      },
      {
        name: 'an id that is not a UUID',
        method: 'GET',
        url: () => '/api/subjects/1%20or%201=1',
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an unknown id',
        method: 'GET',
        url: () => '/api/subjects/00000000-0000-4000-8000-000000000000',
        status: 404,
        code: 'not_found',
      },
      {
        name: 'an empty change',
        method: 'PATCH',
        url: (id) => `/api/subjects/${id}`,
        payload: {},
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a change to the reference',
        method: 'PATCH',
        url: (id) => `/api/subjects/${id}`,
        payload: { reference: 'K-1' },
        status: 400,
        code: 'validation_failed',
      },
      // A search without criteria lists everyone a page at a time (subject-list.test.ts); a negative page is refused.
      {
        name: 'a search from a negative offset',
        method: 'GET',
        url: () => '/api/subjects?offset=-1',
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a search limit out of range',
        method: 'GET',
        url: () => '/api/subjects?q=an&limit=100000',
        status: 400,
        code: 'validation_failed',
      },
    ];
    it.each(cases)('$name', async (c) => {
      const subject = await newSubject(t);
      const [subjectsBefore, logBefore] = [await countSubjects(), await logCount(t)];
      const response = await t.app.inject({
        method: c.method,
        url: c.url(subject.id),
        headers: { cookie: staff, ...(c.raw === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(c.raw === undefined ? (c.payload === undefined ? {} : { payload: c.payload as object }) : { payload: c.raw }),
      });
      expect(response.statusCode).toBe(c.status);
      expect(response.json()).toMatchObject({ error: { code: c.code } });
      expect(response.body).not.toMatch(/at .*\.ts:\d+|SELECT|sqlite|postgres/i);
      expect(await countSubjects()).toBe(subjectsBefore);
      expect(await logCount(t)).toBe(logBefore);
      const unchanged = await t.database.db
        .selectFrom('subjects')
        .select('updated_at')
        .where('id', '=', subject.id)
        .executeTakeFirstOrThrow();
      expect(unchanged.updated_at).toBe(subject.updatedAt);
    });
  });

  it('rolls back the subject when the log cannot be written', async () => {
    const before = await countSubjects();
    // Take the log away for a moment: the collect must then fail as a whole.
    await sql`alter table processing_log rename to processing_log_away`.execute(t.database.db);
    try {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/subjects',
        headers: { cookie: staff },
        payload: { firstName: 'Roll', lastName: 'Back' },
      });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toMatchObject({ error: { code: 'internal_error' } });
    } finally {
      await sql`alter table processing_log_away rename to processing_log`.execute(t.database.db);
    }
    expect(await countSubjects()).toBe(before);
  });

  async function countSubjects(): Promise<number> {
    const r = await t.database.db
      .selectFrom('subjects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
});

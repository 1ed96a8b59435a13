import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newCase, newSubject } from '../../test/factories.ts';
import { logCount, startTestApp, type TestApp, lastLogEntry } from '../../test/harness.ts';
import { insertWithFreeReference } from './case-reference.ts';

describe.each(DIALECTS)('cases on %s', (dialect) => {
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
  const caseRow = (id: string) =>
    t.database.db
      .selectFrom('cases')
      .select(['status', 'closed_at', 'updated_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('opens a case with the message that started it and logs one collect entry naming the subject', async () => {
    const subject = await newSubject(t);
    const before = await logCount(t);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/subjects/${subject.id}/cases`,
      headers: { cookie: staff },
      payload: {
        kind: 'complaint',
        title: 'Storing niet opgelost',
        message: {
          channel: 'email',
          direction: 'inbound',
          occurredAt: '2026-11-02T10:15:00+01:00',
          from: 'anna@example.nl',
          body: 'Mijn storing is nog steeds niet opgelost.',
        },
      },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json<{
      id: string;
      reference: string;
      status: string;
      closedAt: string | null;
      messages: { id: string; occurredAt: string }[];
    }>();
    expect(body.reference).toMatch(new RegExp(`^Z-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(body).toMatchObject({ status: 'open', closedAt: null });
    expect(body.messages).toHaveLength(1);
    expect(body.messages[0]?.occurredAt).toBe('2026-11-02T09:15:00.000Z');

    const row = await t.database.db
      .selectFrom('cases')
      .select(['subject_id', 'kind', 'title', 'reference', 'status'])
      .where('id', '=', body.id)
      .executeTakeFirst();
    expect(row).toEqual({
      subject_id: subject.id,
      kind: 'complaint',
      title: 'Storing niet opgelost',
      reference: body.reference,
      status: 'open',
    });
    const messages = await t.database.db
      .selectFrom('messages')
      .select(['id', 'subject_id', 'direction', 'body'])
      .where('case_id', '=', body.id)
      .execute();
    expect(messages).toEqual([
      {
        id: body.messages[0]?.id,
        subject_id: subject.id,
        direction: 'inbound',
        body: 'Mijn storing is nog steeds niet opgelost.',
      },
    ]);

    expect(await logCount(t)).toBe(before + 1);
    const entry = await lastEntry();
    expect(entry).toMatchObject({
      operation: 'collect',
      record_type: 'case',
      purpose: 'correspondence',
      outcome: 'allowed',
      actor_role: 'staff',
    });
    expect(JSON.parse(entry.subject_ids)).toEqual([subject.id]);
    expect(JSON.parse(entry.records)).toEqual([`case:${body.id}`, `message:${body.messages[0]?.id}`]);
  });

  it('consults a case with its messages, and lists the subject\u2019s cases without them, one entry each', async () => {
    const subject = await newSubject(t);
    const opened = await newCase(t, subject.id, {
      message: { channel: 'phone', direction: 'inbound', occurredAt: '2026-10-01T08:00:00Z', body: 'Belde over de offerte.' },
    });
    let before = await logCount(t);

    const read = await t.app.inject({
      method: 'GET',
      url: `/api/cases/${opened.id}?purpose=contract`,
      headers: { cookie: staff },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      id: opened.id,
      subjectId: subject.id,
      messages: [{ channel: 'phone', body: 'Belde over de offerte.', attachments: [] }],
    });
    expect(await logCount(t)).toBe(before + 1);
    const consulted = await lastEntry();
    expect(consulted).toMatchObject({ operation: 'consult', record_type: 'case', purpose: 'contract', outcome: 'allowed' });
    expect(JSON.parse(consulted.subject_ids)).toEqual([subject.id]);

    before = await logCount(t);
    const list = await t.app.inject({ method: 'GET', url: `/api/subjects/${subject.id}/cases`, headers: { cookie: staff } });
    expect(list.statusCode).toBe(200);
    const cases = list.json<{ cases: Record<string, unknown>[] }>().cases;
    expect(cases.map((c) => c.id)).toEqual([opened.id]);
    expect(cases[0]).not.toHaveProperty('messages');
    expect(await logCount(t)).toBe(before + 1);
    expect(await lastEntry()).toMatchObject({ operation: 'consult', record_type: 'case' });
  });

  it('closes a case, which starts its retention, and reopens it, which stops it', async () => {
    const subject = await newSubject(t);
    const opened = await newCase(t, subject.id);
    let before = await logCount(t);

    const closed = await t.app.inject({ method: 'POST', url: `/api/cases/${opened.id}/close`, headers: { cookie: staff } });
    expect(closed.statusCode).toBe(200);
    const closedAt = closed.json<{ closedAt: string }>().closedAt;
    expect(closed.json()).toMatchObject({ status: 'closed' });
    expect(await caseRow(opened.id)).toMatchObject({ status: 'closed', closed_at: closedAt });
    expect(await logCount(t)).toBe(before + 1);
    expect(await lastEntry()).toMatchObject({ operation: 'modify', record_type: 'case', outcome: 'allowed' });

    before = await logCount(t);
    const again = await t.app.inject({ method: 'POST', url: `/api/cases/${opened.id}/close`, headers: { cookie: staff } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'conflict' } });
    expect(await caseRow(opened.id)).toMatchObject({ closed_at: closedAt });
    expect(await logCount(t)).toBe(before);

    const reopened = await t.app.inject({ method: 'POST', url: `/api/cases/${opened.id}/reopen`, headers: { cookie: staff } });
    expect(reopened.statusCode).toBe(200);
    expect(await caseRow(opened.id)).toMatchObject({ status: 'open', closed_at: null });
    expect(await logCount(t)).toBe(before + 1);
    expect(await lastEntry()).toMatchObject({ operation: 'modify', record_type: 'case' });

    const reopenOpen = await t.app.inject({ method: 'POST', url: `/api/cases/${opened.id}/reopen`, headers: { cookie: staff } });
    expect(reopenOpen.statusCode).toBe(409);
    expect(await logCount(t)).toBe(before + 1);
  });

  it('draws another reference when the first is taken, by the unique constraint rather than a lookup', async () => {
    const subject = await newSubject(t);
    const taken = await newCase(t, subject.id);
    const candidates = [taken.reference, 'Z-2026-999999'];
    const now = new Date().toISOString();
    // The mechanism itself, on the database directly: the guarded path is covered above.
    const row = await insertWithFreeReference(
      t.database.db,
      {
        id: randomUUID(),
        subject_id: subject.id,
        kind: 'question',
        title: 'Tweede',
        status: 'open',
        opened_at: now,
        closed_at: null,
        created_at: now,
        updated_at: now,
      },
      () => candidates.shift() ?? 'none-left',
    );
    expect(row.reference).toBe('Z-2026-999999');
    const stored = await t.database.db.selectFrom('cases').select('id').where('reference', '=', taken.reference).execute();
    expect(stored).toEqual([{ id: taken.id }]);
  });

  it('refuses the accountant every case route, logs each denial and returns no data', async () => {
    const subject = await newSubject(t);
    const opened = await newCase(t, subject.id, { title: 'Geheime klacht' });
    const requests = [
      { method: 'GET' as const, url: `/api/cases/${opened.id}`, operation: 'consult' },
      { method: 'GET' as const, url: `/api/subjects/${subject.id}/cases`, operation: 'consult' },
      {
        method: 'POST' as const,
        url: `/api/subjects/${subject.id}/cases`,
        payload: { kind: 'question', title: 'x' },
        operation: 'collect',
      },
      { method: 'POST' as const, url: `/api/cases/${opened.id}/close`, operation: 'modify' },
    ];
    for (const r of requests) {
      const [casesBefore, before] = [await countCases(), await logCount(t)];
      const response = await t.app.inject({
        method: r.method,
        url: r.url,
        headers: { cookie: accountant },
        ...(r.payload === undefined ? {} : { payload: r.payload }),
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'forbidden' } });
      expect(response.body).not.toContain('Geheime klacht');
      expect(await countCases()).toBe(casesBefore);
      expect(await logCount(t)).toBe(before + 1);
      expect(await lastEntry()).toMatchObject({
        outcome: 'denied',
        actor_role: 'accountant',
        operation: r.operation,
        record_type: 'case',
      });
    }
    expect(await caseRow(opened.id)).toMatchObject({ status: 'open' });
  });

  it('refuses a purpose the policy does not declare for cases', async () => {
    const subject = await newSubject(t);
    const before = await countCases();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/subjects/${subject.id}/cases?purpose=invoicing`,
      headers: { cookie: staff },
      payload: { kind: 'question', title: 'x' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'purpose_not_allowed' } });
    expect(await countCases()).toBe(before);
    expect(await lastEntry()).toMatchObject({ outcome: 'denied', purpose: 'invoicing' });
  });

  describe('bad input gets a 4xx and changes nothing', () => {
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const message = { channel: 'email', direction: 'inbound', occurredAt: '2026-11-01T12:00:00Z', body: 'Hallo' };
    const cases: {
      name: string;
      method: 'POST' | 'GET';
      url: (subjectId: string, caseId: string) => string;
      payload?: unknown;
      status: number;
      code: string;
    }[] = [
      {
        name: 'an unknown field',
        method: 'POST',
        url: (s) => `/api/subjects/${s}/cases`,
        payload: { kind: 'question', title: 'x', priority: 'high' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an unknown kind',
        method: 'POST',
        url: (s) => `/api/subjects/${s}/cases`,
        payload: { kind: 'compliment', title: 'x' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a missing title',
        method: 'POST',
        url: (s) => `/api/subjects/${s}/cases`,
        payload: { kind: 'question' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a NUL in the title',
        method: 'POST',
        url: (s) => `/api/subjects/${s}/cases`,
        payload: { kind: 'question', title: 'a\u0000b' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a first message on a bad channel',
        method: 'POST',
        url: (s) => `/api/subjects/${s}/cases`,
        payload: { kind: 'question', title: 'x', message: { ...message, channel: 'fax' } },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a first message from the future',
        method: 'POST',
        url: (s) => `/api/subjects/${s}/cases`,
        payload: { kind: 'question', title: 'x', message: { ...message, occurredAt: '2999-01-01T00:00:00Z' } },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'attachments on the first message (they go to the messages route)',
        method: 'POST',
        url: (s) => `/api/subjects/${s}/cases`,
        payload: { kind: 'question', title: 'x', message: { ...message, attachments: [] } },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a body over the default limit (only the messages route has more)',
        method: 'POST',
        url: (s) => `/api/subjects/${s}/cases`,
        payload: { kind: 'question', title: 'x'.repeat(300_000) },
        status: 413,
        code: 'payload_too_large',
      },
      {
        name: 'an unknown subject',
        method: 'POST',
        url: () => `/api/subjects/${unknownId}/cases`,
        payload: { kind: 'question', title: 'x' },
        status: 404,
        code: 'not_found',
      },
      {
        name: 'a subject id that is not a UUID',
        method: 'GET',
        url: () => '/api/subjects/42/cases',
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'the cases of an unknown subject',
        method: 'GET',
        url: () => `/api/subjects/${unknownId}/cases`,
        status: 404,
        code: 'not_found',
      },
      {
        name: 'a case id that is not a UUID',
        method: 'GET',
        url: () => "/api/cases/1'%20or%20'1'='1",
        status: 400,
        code: 'validation_failed',
      },
      { name: 'an unknown case', method: 'GET', url: () => `/api/cases/${unknownId}`, status: 404, code: 'not_found' },
      {
        name: 'closing an unknown case',
        method: 'POST',
        url: () => `/api/cases/${unknownId}/close`,
        status: 404,
        code: 'not_found',
      },
      {
        name: 'an unknown query parameter',
        method: 'GET',
        url: (_s, c) => `/api/cases/${c}?verbose=1`,
        status: 400,
        code: 'validation_failed',
      },
    ];
    it.each(cases)('$name', async (c) => {
      const subject = await newSubject(t);
      const existing = await newCase(t, subject.id);
      const before = [await countCases(), await countMessages(), await logCount(t)];
      const response = await t.app.inject({
        method: c.method,
        url: c.url(subject.id, existing.id),
        headers: { cookie: staff },
        ...(c.payload === undefined ? {} : { payload: c.payload as object }),
      });
      expect(response.statusCode).toBe(c.status);
      expect(response.json()).toMatchObject({ error: { code: c.code } });
      expect(response.body).not.toMatch(/at .*\.ts:\d+|SELECT|sqlite|postgres/i);
      expect([await countCases(), await countMessages(), await logCount(t)]).toEqual(before);
      expect((await caseRow(existing.id)).updated_at).toBe(existing.updatedAt);
    });
  });

  async function countCases(): Promise<number> {
    const r = await t.database.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
  async function countMessages(): Promise<number> {
    const r = await t.database.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newAgreement, newSubject } from '../../test/factories.ts';
import { logCount, startTestApp, type TestApp, lastLogEntry } from '../../test/harness.ts';
import { businessToday } from '../shared/business-day.ts';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe.each(DIALECTS)('agreements on %s', (dialect) => {
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

  const agreementRow = (id: string) =>
    t.database.db
      .selectFrom('agreements')
      .select(['subject_id', 'kind', 'title', 'status', 'start_date', 'end_date', 'updated_at'])
      .where('id', '=', id)
      .executeTakeFirst();

  async function countAgreements(): Promise<number> {
    const r = await t.database.db
      .selectFrom('agreements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  it('collects a quote for a subject and logs exactly one collect entry naming them', async () => {
    const subject = await newSubject(t);
    const before = await logCount(t);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/subjects/${subject.id}/agreements`,
      headers: { cookie: staff },
      payload: { kind: 'quote', title: 'Offerte netwerk', startDate: '2026-03-01', endDate: '2026-03-31' },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json<{ id: string; status: string; subjectId: string }>();
    expect(body).toMatchObject({
      subjectId: subject.id,
      kind: 'quote',
      status: 'draft',
      startDate: '2026-03-01',
      endDate: '2026-03-31',
    });

    expect(await agreementRow(body.id)).toMatchObject({
      subject_id: subject.id,
      kind: 'quote',
      title: 'Offerte netwerk',
      status: 'draft',
      start_date: '2026-03-01',
      end_date: '2026-03-31',
    });
    expect(await logCount(t)).toBe(before + 1);
    const entry = await lastEntry();
    expect(entry).toMatchObject({
      operation: 'collect',
      record_type: 'agreement',
      purpose: 'contract',
      outcome: 'allowed',
      actor_role: 'staff',
    });
    expect(JSON.parse(entry.subject_ids)).toEqual([subject.id]);
    expect(JSON.parse(entry.records)).toEqual([`agreement:${body.id}`]);
  });

  it('consults one agreement and lists a subject’s agreements with one consult entry each', async () => {
    const subject = await newSubject(t);
    const first = await newAgreement(t, subject.id);
    const second = await newAgreement(t, subject.id, { kind: 'quote', status: 'sent', startDate: undefined });
    let before = await logCount(t);

    const read = await t.app.inject({ method: 'GET', url: `/api/agreements/${first.id}`, headers: { cookie: staff } });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      id: first.id,
      subjectId: subject.id,
      kind: 'agreement',
      status: 'active',
      startDate: '2026-01-01',
      endDate: null,
    });
    expect(await logCount(t)).toBe(before + 1);
    let entry = await lastEntry();
    expect(entry).toMatchObject({ operation: 'consult', record_type: 'agreement', outcome: 'allowed' });
    expect(JSON.parse(entry.subject_ids)).toEqual([subject.id]);

    before = await logCount(t);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/subjects/${subject.id}/agreements?purpose=contract`,
      headers: { cookie: staff },
    });
    expect(list.statusCode).toBe(200);
    // Oldest first; two made within the same millisecond fall back to id order, so compare as sets.
    expect(
      list
        .json<{ agreements: { id: string }[] }>()
        .agreements.map((a) => a.id)
        .sort(),
    ).toEqual([first.id, second.id].sort());
    expect(await logCount(t)).toBe(before + 1);
    entry = await lastEntry();
    expect(entry).toMatchObject({ operation: 'consult', record_type: 'agreement', purpose: 'contract' });
    expect((JSON.parse(entry.records) as string[]).sort()).toEqual([`agreement:${first.id}`, `agreement:${second.id}`].sort());
  });

  it('lists no agreements for a subject without any, and still logs the consultation', async () => {
    const subject = await newSubject(t);
    const before = await logCount(t);
    const list = await t.app.inject({ method: 'GET', url: `/api/subjects/${subject.id}/agreements`, headers: { cookie: staff } });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ agreements: [] });
    expect(await logCount(t)).toBe(before + 1);
  });

  it('modifies the status, dates and title with one modify entry', async () => {
    const subject = await newSubject(t);
    const agreement = await newAgreement(t, subject.id);
    const before = await logCount(t);
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/agreements/${agreement.id}`,
      headers: { cookie: staff },
      payload: { status: 'ended', endDate: '2026-06-30', title: 'Beheer werkplekken (afgerond)' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ended',
      endDate: '2026-06-30',
      startDate: '2026-01-01',
      title: 'Beheer werkplekken (afgerond)',
    });
    const row = await agreementRow(agreement.id);
    expect(row).toMatchObject({
      status: 'ended',
      start_date: '2026-01-01',
      end_date: '2026-06-30',
      title: 'Beheer werkplekken (afgerond)',
    });
    expect(row?.updated_at).not.toBe(agreement.updatedAt);
    expect(await logCount(t)).toBe(before + 1);
    const entry = await lastEntry();
    expect(entry).toMatchObject({ operation: 'modify', record_type: 'agreement', outcome: 'allowed' });
    expect(JSON.parse(entry.subject_ids)).toEqual([subject.id]);

    const cleared = await t.app.inject({
      method: 'PATCH',
      url: `/api/agreements/${agreement.id}`,
      headers: { cookie: staff },
      payload: { status: 'active', endDate: null },
    });
    expect(cleared.statusCode).toBe(200);
    expect(await agreementRow(agreement.id)).toMatchObject({ status: 'active', end_date: null });
  });

  it('starts the retention of a rejected quote and a cancelled draft on the day they became final (P3, Art. 5(1)(e))', async () => {
    const subject = await newSubject(t);
    const quote = await newAgreement(t, subject.id, { kind: 'quote', status: 'sent' });
    const rejected = await t.app.inject({
      method: 'PATCH',
      url: `/api/agreements/${quote.id}`,
      headers: { cookie: staff },
      payload: { status: 'rejected' },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const today = businessToday(new Date());
    expect(rejected.json()).toMatchObject({ status: 'rejected', endDate: today });
    const row = await t.database.db
      .selectFrom('agreements')
      .select(['end_date', 'retain_until'])
      .where('id', '=', quote.id)
      .executeTakeFirstOrThrow();
    expect(row.end_date).toBe(today);
    expect(row.retain_until).toBe(`${Number(today.slice(0, 4)) + 2}${today.slice(4)}`);
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/subjects/${subject.id}/agreements`,
      headers: { cookie: staff },
      payload: { kind: 'agreement', title: 'Nooit begonnen', status: 'cancelled' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(201);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', endDate: today });
  });

  it('refuses the accountant every agreement route, logs each denial and changes nothing', async () => {
    const subject = await newSubject(t);
    const agreement = await newAgreement(t, subject.id);
    const requests = [
      {
        method: 'POST' as const,
        url: `/api/subjects/${subject.id}/agreements`,
        payload: { kind: 'quote', title: 'Offerte' },
        operation: 'collect',
      },
      { method: 'GET' as const, url: `/api/subjects/${subject.id}/agreements`, operation: 'consult' },
      { method: 'GET' as const, url: `/api/agreements/${agreement.id}`, operation: 'consult' },
      { method: 'PATCH' as const, url: `/api/agreements/${agreement.id}`, payload: { title: 'Gewijzigd' }, operation: 'modify' },
    ];
    for (const r of requests) {
      const [agreementsBefore, logBefore] = [await countAgreements(), await logCount(t)];
      const response = await t.app.inject({
        method: r.method,
        url: r.url,
        headers: { cookie: accountant },
        ...(r.payload === undefined ? {} : { payload: r.payload }),
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'forbidden' } });
      expect(response.body).not.toContain('Beheer werkplekken');
      expect(await countAgreements()).toBe(agreementsBefore);
      expect(await logCount(t)).toBe(logBefore + 1);
      expect(await lastEntry()).toMatchObject({
        outcome: 'denied',
        actor_role: 'accountant',
        operation: r.operation,
        record_type: 'agreement',
      });
    }
    expect(await agreementRow(agreement.id)).toMatchObject({ title: agreement.title, updated_at: agreement.updatedAt });
  });

  it('refuses a purpose the policy does not declare for agreements', async () => {
    const subject = await newSubject(t);
    const before = await logCount(t);
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/subjects/${subject.id}/agreements?purpose=invoicing`,
      headers: { cookie: staff },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'purpose_not_allowed' } });
    expect(await logCount(t)).toBe(before + 1);
    expect(await lastEntry()).toMatchObject({ outcome: 'denied', purpose: 'invoicing' });
  });

  describe('bad input gets a 4xx and changes nothing', () => {
    type Case = {
      name: string;
      method: 'POST' | 'PATCH' | 'GET';
      url: (subjectId: string, agreementId: string) => string;
      payload?: unknown;
      status: number;
      code: string;
    };
    const create = (subjectId: string) => `/api/subjects/${subjectId}/agreements`;
    const one = (_: string, agreementId: string) => `/api/agreements/${agreementId}`;
    const cases: Case[] = [
      {
        name: 'an unknown field',
        method: 'POST',
        url: create,
        payload: { kind: 'quote', title: 'A', price: 100 },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a date that does not exist',
        method: 'POST',
        url: create,
        payload: { kind: 'agreement', title: 'A', startDate: '2026-02-30' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a date in another format',
        method: 'POST',
        url: create,
        payload: { kind: 'agreement', title: 'A', startDate: '01-03-2026' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an end before the start',
        method: 'POST',
        url: create,
        payload: { kind: 'agreement', title: 'A', startDate: '2026-05-01', endDate: '2026-04-30' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an unknown kind',
        method: 'POST',
        url: create,
        payload: { kind: 'contract', title: 'A' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an unknown status',
        method: 'POST',
        url: create,
        payload: { kind: 'quote', title: 'A', status: 'signed' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a status of the other kind',
        method: 'POST',
        url: create,
        payload: { kind: 'quote', title: 'A', status: 'active' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an ended agreement without its end date',
        method: 'POST',
        url: create,
        payload: { kind: 'agreement', title: 'A', status: 'ended' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an empty title',
        method: 'POST',
        url: create,
        payload: { kind: 'quote', title: '   ' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an unknown subject',
        method: 'POST',
        url: () => `/api/subjects/${UNKNOWN_ID}/agreements`,
        payload: { kind: 'quote', title: 'A' },
        status: 404,
        code: 'not_found',
      },
      {
        name: 'a subject id that is not a UUID',
        method: 'POST',
        url: () => '/api/subjects/1%20or%201=1/agreements',
        payload: { kind: 'quote', title: 'A' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an agreement id that is not a UUID',
        method: 'GET',
        url: () => '/api/agreements/42',
        status: 400,
        code: 'validation_failed',
      },
      { name: 'an unknown agreement', method: 'GET', url: () => `/api/agreements/${UNKNOWN_ID}`, status: 404, code: 'not_found' },
      {
        name: 'the agreements of an unknown subject',
        method: 'GET',
        url: () => `/api/subjects/${UNKNOWN_ID}/agreements`,
        status: 404,
        code: 'not_found',
      },
      {
        name: 'a change to an unknown agreement',
        method: 'PATCH',
        url: () => `/api/agreements/${UNKNOWN_ID}`,
        payload: { title: 'B' },
        status: 404,
        code: 'not_found',
      },
      { name: 'an empty change', method: 'PATCH', url: one, payload: {}, status: 400, code: 'validation_failed' },
      { name: 'a change of kind', method: 'PATCH', url: one, payload: { kind: 'quote' }, status: 400, code: 'validation_failed' },
      {
        name: 'a change of subject',
        method: 'PATCH',
        url: one,
        payload: { subjectId: UNKNOWN_ID },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a changed end before the stored start',
        method: 'PATCH',
        url: one,
        payload: { endDate: '2025-12-31' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a changed end date that does not exist',
        method: 'PATCH',
        url: one,
        payload: { endDate: '2026-02-30' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'ending without an end date',
        method: 'PATCH',
        url: one,
        payload: { status: 'ended' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a quote status on an agreement',
        method: 'PATCH',
        url: one,
        payload: { status: 'accepted' },
        status: 400,
        code: 'validation_failed',
      },
    ];
    it.each(cases)('$name', async (c) => {
      const subject = await newSubject(t);
      const agreement = await newAgreement(t, subject.id);
      const [agreementsBefore, logBefore] = [await countAgreements(), await logCount(t)];
      const response = await t.app.inject({
        method: c.method,
        url: c.url(subject.id, agreement.id),
        headers: { cookie: staff },
        ...(c.payload === undefined ? {} : { payload: c.payload as object }),
      });
      expect(response.statusCode).toBe(c.status);
      expect(response.json()).toMatchObject({ error: { code: c.code } });
      expect(response.body).not.toMatch(/at .*\.ts:\d+|SELECT|sqlite|postgres/i);
      expect(await countAgreements()).toBe(agreementsBefore);
      expect(await logCount(t)).toBe(logBefore);
      expect(await agreementRow(agreement.id)).toMatchObject({
        status: 'active',
        start_date: '2026-01-01',
        end_date: null,
        updated_at: agreement.updatedAt,
      });
    });
  });
});

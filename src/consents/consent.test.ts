import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { cliActor } from '../guard/actor.ts';
import { newConsent, newSubject } from '../../test/factories.ts';
import { logCount, startTestApp, type TestApp, lastLogEntry } from '../../test/harness.ts';
import { CONSENT_PURPOSE, withConsentPurpose } from '../../test/policies.ts';
import type { Consent } from './consent.schema.ts';

const given = {
  purpose: CONSENT_PURPOSE,
  givenAt: '2026-09-01T10:00:00+02:00',
  method: 'portal',
  evidence: 'Vinkje "mail mij over mijn tickets" in het portaal; schermafdruk in het dossier',
};

// Under a policy with a purpose on consent (Art. 6(1)(a)); under Sen ICT's, which has none: consent-basis.test.ts.
describe.each(DIALECTS)('consents on %s', (dialect) => {
  let t: TestApp;
  let staff: string;
  let accountant: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { policy: withConsentPurpose() });
    staff = await t.signIn('staff');
    accountant = await t.signIn('accountant');
  });
  afterAll(async () => t.close());

  const lastEntry = () => lastLogEntry(t);
  const consentRow = (id: string) =>
    t.database.db
      .selectFrom('consents')
      .select(['subject_id', 'purpose', 'given_at', 'withdrawn_at', 'method', 'evidence'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const countConsents = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('consents')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('records a consent with its evidence and logs one collect entry naming the subject', async () => {
    const subject = await newSubject(t);
    const before = await logCount(t);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/subjects/${subject.id}/consents`,
      headers: { cookie: staff },
      payload: given,
    });
    expect(response.statusCode).toBe(201);
    const consent = response.json<Consent>();
    expect(consent).toMatchObject({
      subjectId: subject.id,
      purpose: CONSENT_PURPOSE,
      givenAt: '2026-09-01T08:00:00.000Z',
      withdrawnAt: null,
      method: 'portal',
      restsOnConsent: true,
    });
    expect(await consentRow(consent.id)).toEqual({
      subject_id: subject.id,
      purpose: CONSENT_PURPOSE,
      given_at: '2026-09-01T08:00:00.000Z',
      withdrawn_at: null,
      method: 'portal',
      evidence: given.evidence,
    });
    expect(await logCount(t)).toBe(before + 1);
    const entry = await lastEntry();
    expect(entry).toMatchObject({ operation: 'collect', record_type: 'consent', outcome: 'allowed', actor_role: 'staff' });
    expect(JSON.parse(entry.subject_ids)).toEqual([subject.id]);
    expect(JSON.parse(entry.records)).toEqual([`consent:${consent.id}`]);
  });

  it('withdraws with an empty request (Art. 7(3)) and keeps the consent as evidence', async () => {
    const subject = await newSubject(t);
    const consent = await newConsent(t, subject.id);
    const before = await logCount(t);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/consents/${consent.id}/withdraw`,
      headers: { cookie: staff },
    });
    expect(response.statusCode).toBe(200);
    const withdrawnAt = response.json<Consent>().withdrawnAt;
    expect(withdrawnAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await consentRow(consent.id)).toMatchObject({
      withdrawn_at: withdrawnAt,
      evidence: consent.evidence,
      given_at: consent.givenAt,
    });
    expect(await logCount(t)).toBe(before + 1);
    const entry = await lastEntry();
    expect(entry).toMatchObject({ operation: 'modify', record_type: 'consent', outcome: 'allowed' });
    expect(JSON.parse(entry.subject_ids)).toEqual([subject.id]);

    const list = await t.app.inject({ method: 'GET', url: `/api/subjects/${subject.id}/consents`, headers: { cookie: staff } });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ consents: Consent[] }>().consents).toEqual([{ ...consent, withdrawnAt }]);
    expect(await logCount(t)).toBe(before + 2);
    expect(await lastEntry()).toMatchObject({ operation: 'consult', record_type: 'consent' });
  });

  it('withdraws at the moment the person withdrew, which may not precede the consent', async () => {
    const subject = await newSubject(t);
    const consent = await newConsent(t, subject.id, { givenAt: '2026-03-02T09:30:00Z' });
    const early = await t.app.inject({
      method: 'POST',
      url: `/api/consents/${consent.id}/withdraw`,
      headers: { cookie: staff },
      payload: { withdrawnAt: '2026-03-01T00:00:00Z' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ error: { code: 'validation_failed', details: [{ path: 'withdrawnAt' }] } });
    expect((await consentRow(consent.id)).withdrawn_at).toBeNull();

    const response = await t.app.inject({
      method: 'POST',
      url: `/api/consents/${consent.id}/withdraw?purpose=${CONSENT_PURPOSE}`,
      headers: { cookie: staff },
      payload: { withdrawnAt: '2026-10-05T16:00:00+02:00' },
    });
    expect(response.statusCode).toBe(200);
    expect((await consentRow(consent.id)).withdrawn_at).toBe('2026-10-05T14:00:00.000Z');
    expect(await lastEntry()).toMatchObject({ operation: 'modify', purpose: CONSENT_PURPOSE });
  });

  it('refuses to withdraw twice and leaves the first withdrawal as it was', async () => {
    const subject = await newSubject(t);
    const consent = await newConsent(t, subject.id);
    await t.app.inject({ method: 'POST', url: `/api/consents/${consent.id}/withdraw`, headers: { cookie: staff } });
    const first = (await consentRow(consent.id)).withdrawn_at;
    const before = await logCount(t);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/consents/${consent.id}/withdraw`,
      headers: { cookie: staff },
      payload: {},
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'conflict' } });
    expect((await consentRow(consent.id)).withdrawn_at).toBe(first);
    expect(await logCount(t)).toBe(before);
  });

  it('keeps one consent in force per purpose, and takes a new one after a withdrawal', async () => {
    const subject = await newSubject(t);
    const consent = await newConsent(t, subject.id);
    const record = () =>
      t.app.inject({ method: 'POST', url: `/api/subjects/${subject.id}/consents`, headers: { cookie: staff }, payload: given });
    const before = [await countConsents(), await logCount(t)];
    const second = await record();
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ error: { code: 'conflict', details: { consentId: consent.id } } });
    expect([await countConsents(), await logCount(t)]).toEqual(before);

    await t.services.consents.withdraw(cliActor(), consent.id);
    const renewed = await record();
    expect(renewed.statusCode).toBe(201);
    const rows = await t.database.db
      .selectFrom('consents')
      .select(['id', 'withdrawn_at'])
      .where('subject_id', '=', subject.id)
      .orderBy('created_at')
      .execute();
    expect(rows.map((r) => r.withdrawn_at === null)).toEqual([false, true]);
  });

  it('keeps one consent in force when two requests record it at the same moment', async () => {
    const subject = await newSubject(t);
    const record = () =>
      t.app.inject({ method: 'POST', url: `/api/subjects/${subject.id}/consents`, headers: { cookie: staff }, payload: given });
    const responses = await Promise.all([record(), record(), record(), record()]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    const inForce = await t.database.db
      .selectFrom('consents')
      .select('id')
      .where('subject_id', '=', subject.id)
      .where('withdrawn_at', 'is', null)
      .execute();
    expect(inForce).toHaveLength(1);
  });

  it('refuses the accountant consents, logs each denial and returns no data', async () => {
    const subject = await newSubject(t);
    const consent = await newConsent(t, subject.id);
    const attempts = [
      { method: 'GET' as const, url: `/api/subjects/${subject.id}/consents`, operation: 'consult' },
      { method: 'POST' as const, url: `/api/subjects/${subject.id}/consents`, payload: given, operation: 'collect' },
      { method: 'POST' as const, url: `/api/consents/${consent.id}/withdraw`, operation: 'modify' },
    ];
    for (const a of attempts) {
      const [consentsBefore, before] = [await countConsents(), await logCount(t)];
      const response = await t.app.inject({
        method: a.method,
        url: a.url,
        headers: { cookie: accountant },
        ...(a.payload === undefined ? {} : { payload: a.payload }),
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'forbidden' } });
      expect(response.body).not.toContain('Toestemmingen');
      expect(await countConsents()).toBe(consentsBefore);
      expect(await logCount(t)).toBe(before + 1);
      expect(await lastEntry()).toMatchObject({
        outcome: 'denied',
        actor_role: 'accountant',
        operation: a.operation,
        record_type: 'consent',
      });
    }
    expect((await consentRow(consent.id)).withdrawn_at).toBeNull();
  });

  it('refuses a processing purpose the policy does not declare for consents', async () => {
    const subject = await newSubject(t);
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/subjects/${subject.id}/consents?purpose=marketing`,
      headers: { cookie: staff },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'purpose_not_allowed' } });
  });

  describe('bad input gets a 4xx and changes nothing', () => {
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const record = (s: string) => `/api/subjects/${s}/consents`;
    const cases: {
      name: string;
      method?: 'GET';
      url: (subjectId: string, consentId: string) => string;
      payload?: unknown;
      status: number;
      code: string;
    }[] = [
      { name: 'an unknown field', url: record, payload: { ...given, ip: '127.0.0.1' }, status: 400, code: 'validation_failed' },
      {
        name: 'a purpose the policy does not declare',
        url: record,
        payload: { ...given, purpose: 'marketing' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an unknown method',
        url: record,
        payload: { ...given, method: 'telepathy' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a consent given in the future',
        url: record,
        payload: { ...given, givenAt: '2999-01-01T00:00:00Z' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a moment that is not a timestamp',
        url: record,
        payload: { ...given, givenAt: 'gisteren' },
        status: 400,
        code: 'validation_failed',
      },
      { name: 'no evidence', url: record, payload: { ...given, evidence: '   ' }, status: 400, code: 'validation_failed' },
      {
        name: 'a NUL in the evidence',
        url: record,
        payload: { ...given, evidence: 'a\u0000b' },
        status: 400,
        code: 'validation_failed',
      },
      { name: 'an unknown subject', url: () => record(unknownId), payload: given, status: 404, code: 'not_found' },
      {
        name: 'a subject id that is not a UUID',
        url: () => record('abc'),
        payload: given,
        status: 400,
        code: 'validation_failed',
      },
      { name: 'the consents of an unknown subject', method: 'GET', url: () => record(unknownId), status: 404, code: 'not_found' },
      {
        name: 'withdrawing an unknown consent',
        url: () => `/api/consents/${unknownId}/withdraw`,
        status: 404,
        code: 'not_found',
      },
      {
        name: 'withdrawing by an id that is not a UUID',
        url: () => '/api/consents/x/withdraw',
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a withdrawal with an unknown field',
        url: (_s, c) => `/api/consents/${c}/withdraw`,
        payload: { reason: 'x' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a withdrawal in the future',
        url: (_s, c) => `/api/consents/${c}/withdraw`,
        payload: { withdrawnAt: '2999-01-01T00:00:00Z' },
        status: 400,
        code: 'validation_failed',
      },
    ];
    it.each(cases)('$name', async (c) => {
      const subject = await newSubject(t);
      const existing = await newConsent(t, subject.id);
      const before = [await countConsents(), await logCount(t)];
      const response = await t.app.inject({
        method: c.method ?? 'POST',
        url: c.url(subject.id, existing.id),
        headers: { cookie: staff },
        ...(c.payload === undefined ? {} : { payload: c.payload as object }),
      });
      expect(response.statusCode).toBe(c.status);
      expect(response.json()).toMatchObject({ error: { code: c.code } });
      expect(response.body).not.toMatch(/at .*\.ts:\d+|SELECT|sqlite|postgres/i);
      expect([await countConsents(), await logCount(t)]).toEqual(before);
      expect((await consentRow(existing.id)).withdrawn_at).toBeNull();
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { verifyChain } from '../guard/verify-chain.ts';
import type { Recipient, RecipientDetail } from './recipient.schema.ts';
import { lastEntries } from '../../test/support/executions.ts';

const printer = {
  id: 'drukkerij',
  name: { nl: 'Drukkerij', en: 'Printer' },
  role: 'processor',
  purposes: ['invoicing'],
  categories: ['user.name', 'user.contact.address'],
  country: 'NL',
  contactEmail: 'privacy@drukkerij.test',
};

describe.each(DIALECTS)('the register of recipients on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let staff: string;
  let accountant: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    [dpo, staff, accountant] = [await t.signIn('dpo'), await t.signIn('staff'), await t.signIn('accountant')];
    // An authority, which never signs a processor agreement.
    await t.services.recipients.create(cliActor(), {
      id: 'belastingdienst',
      name: { nl: 'Belastingdienst', en: 'Tax authority' },
      role: 'authority',
      purposes: ['invoicing'],
      categories: ['user.name'],
      country: 'NL',
    });
  });
  afterAll(async () => t.close());

  const count = async (table: 'recipients' | 'recipient_history' | 'processor_agreements') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = async () => ({
    recipients: await count('recipients'),
    history: await count('recipient_history'),
    agreements: await count('processor_agreements'),
    log: await logCount(t),
  });
  const lastEntry = () =>
    t.database.db
      .selectFrom('processing_log')
      .select(['operation', 'purpose', 'record_type', 'subject_ids', 'records', 'outcome', 'actor_role', 'reason'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
  const detail = async (id: string) =>
    (
      await t.app.inject({ method: 'GET', url: `/api/registers/recipients/${id}`, headers: { cookie: staff } })
    ).json<RecipientDetail>();
  const as = (cookie: string, method: 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload }) });

  it('lets every signed-in role read the register seeded from the policy, and nobody else', async () => {
    for (const cookie of [staff, accountant, dpo]) {
      const response = await t.app.inject({ method: 'GET', url: '/api/registers/recipients', headers: { cookie } });
      expect(response.statusCode).toBe(200);
      expect(response.json<{ recipients: Recipient[] }>().recipients.map((r) => r.id)).toEqual(
        expect.arrayContaining(['administratiekantoor', 'leveranciers']),
      );
    }
    expect((await t.app.inject('/api/registers/recipients')).statusCode).toBe(401);
    const seeded = await detail('leveranciers');
    expect(seeded).toMatchObject({
      role: 'processor',
      categories: ['user.contact.address', 'user.contact.email'],
      agreement: null,
      agreements: [],
    });
    expect(seeded.history).toHaveLength(1);
    expect(seeded.history[0]?.change).toBe('seeded from the policy');
  });

  it('adds a recipient with a history row and a processing-log entry that names no subject', async () => {
    const before = await counts();
    const response = await as(dpo, 'POST', '/api/registers/recipients', printer);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      ...printer,
      active: true,
      noticePerDisclosure: true,
      transferMechanism: null,
      agreement: null,
    });
    expect(await counts()).toEqual({
      ...before,
      recipients: before.recipients + 1,
      history: before.history + 1,
      log: before.log + 1,
    });
    const row = await t.database.db
      .selectFrom('recipients')
      .select(['role', 'categories', 'active'])
      .where('id', '=', 'drukkerij')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ role: 'processor', categories: JSON.stringify(printer.categories), active: 1 });
    const history = await t.database.db
      .selectFrom('recipient_history')
      .select(['change', 'changed_by', 'snapshot'])
      .where('recipient_id', '=', 'drukkerij')
      .execute();
    expect(history).toHaveLength(1);
    expect(history[0]?.change).toBe('added to the register');
    expect(history[0]?.changed_by).toMatch(/^user:/);
    expect(JSON.parse(history[0]?.snapshot ?? '{}')).toMatchObject({ id: 'drukkerij', purposes: '["invoicing"]' });
    expect(await lastEntry()).toEqual({
      operation: 'store',
      purpose: 'administration',
      record_type: 'register',
      subject_ids: '[]',
      records: '["recipient:drukkerij"]',
      outcome: 'allowed',
      actor_role: 'dpo',
      reason: 'added to the register',
    });
    expect((await verifyChain(t.database.db, new Date())).ok).toBe(true);
  });

  it('changes a recipient and keeps its earlier state in the history', async () => {
    const before = await counts();
    const response = await as(dpo, 'PATCH', '/api/registers/recipients/drukkerij', {
      name: { nl: 'Drukkerij Noord', en: 'Printer North' },
      country: 'BE',
      contactEmail: null,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: { en: 'Printer North' }, country: 'BE', contactEmail: null });
    expect(await counts()).toEqual({ ...before, history: before.history + 1, log: before.log + 1 });
    const { history } = await detail('drukkerij');
    expect(history.map((h) => [h.change, h.state.country, h.state.name.en])).toEqual([
      ['added to the register', 'NL', 'Printer'],
      ['changed contactEmail, country, name', 'BE', 'Printer North'],
    ]);
    expect(await lastEntry()).toMatchObject({ operation: 'modify', record_type: 'register', records: '["recipient:drukkerij"]' });
  });

  it('accepts a recipient outside the EEA when it names the transfer mechanism', async () => {
    const response = await as(dpo, 'POST', '/api/registers/recipients', {
      ...printer,
      id: 'cloud-us',
      country: 'US',
      transferMechanism: 'dpv:StandardContractualClauses',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ country: 'US', transferMechanism: 'dpv:StandardContractualClauses' });
  });

  it('retires and reactivates a recipient, never deleting it', async () => {
    const before = await counts();
    const retired = await as(dpo, 'POST', '/api/registers/recipients/drukkerij/retire');
    expect(retired.statusCode).toBe(200);
    expect(retired.json()).toMatchObject({ id: 'drukkerij', active: false });
    expect(await count('recipients')).toBe(before.recipients);
    const again = await as(dpo, 'POST', '/api/registers/recipients/drukkerij/retire');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'conflict' } });
    const back = await as(dpo, 'POST', '/api/registers/recipients/drukkerij/reactivate');
    expect(back.json()).toMatchObject({ active: true });
    expect(await counts()).toEqual({ ...before, history: before.history + 2, log: before.log + 2 });
    expect((await detail('drukkerij')).history.map((h) => h.change).slice(-2)).toEqual(['retired', 'reactivated']);
  });

  it('records a processor agreement; a new one supersedes it and both are kept', async () => {
    const before = await counts();
    const first = await as(dpo, 'POST', '/api/registers/recipients/drukkerij/agreements', {
      signedOn: '2025-01-01',
      expiresOn: '2026-12-31',
      documentReference: 'VWO-2025-01',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json<Recipient>().agreement).toMatchObject({
      signedOn: '2025-01-01',
      expiresOn: '2026-12-31',
      documentReference: 'VWO-2025-01',
    });
    const second = await as(dpo, 'POST', '/api/registers/recipients/drukkerij/agreements', {
      signedOn: '2026-11-01',
      documentReference: 'VWO-2026-11',
    });
    expect(second.json<Recipient>().agreement).toMatchObject({
      signedOn: '2026-11-01',
      expiresOn: null,
      documentReference: 'VWO-2026-11',
    });
    expect(await counts()).toEqual({
      ...before,
      agreements: before.agreements + 2,
      history: before.history + 2,
      log: before.log + 2,
    });
    const { agreements, history } = await detail('drukkerij');
    expect(agreements.map((a) => [a.documentReference, a.supersededAt === null])).toEqual([
      ['VWO-2025-01', false],
      ['VWO-2026-11', true],
    ]);
    expect(history.at(-1)?.change).toBe('processor agreement VWO-2026-11 recorded (signed 2026-11-01, no expiry)');
    const listed = (
      await t.app.inject({ method: 'GET', url: '/api/registers/recipients', headers: { cookie: accountant } })
    ).json<{ recipients: Recipient[] }>();
    expect(listed.recipients.find((r) => r.id === 'drukkerij')?.agreement?.documentReference).toBe('VWO-2026-11');
  });

  describe('bad input gets a 4xx and changes nothing', () => {
    const post = (payload: object) => ({ method: 'POST' as const, url: '/api/registers/recipients', payload });
    const cases: {
      name: string;
      method: 'POST' | 'PATCH' | 'GET';
      url: string;
      payload?: object;
      status: number;
      code: string;
    }[] = [
      {
        name: 'an unknown purpose',
        ...post({ ...printer, id: 'x1', purposes: ['marketing'] }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a category outside the purpose',
        ...post({ ...printer, id: 'x2', categories: ['user.contact.email'] }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an unknown category',
        ...post({ ...printer, id: 'x3', categories: ['user.dna'] }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a country outside the EEA without a transfer mechanism',
        ...post({ ...printer, id: 'x4', country: 'US' }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a country that is not an ISO code',
        ...post({ ...printer, id: 'x5', country: 'Netherlands' }),
        status: 400,
        code: 'validation_failed',
      },
      { name: 'an unknown role', ...post({ ...printer, id: 'x6', role: 'friend' }), status: 400, code: 'validation_failed' },
      { name: 'an unknown field', ...post({ ...printer, id: 'x7', shoeSize: 44 }), status: 400, code: 'validation_failed' },
      { name: 'an id that is not a slug', ...post({ ...printer, id: 'Drukkerij!' }), status: 400, code: 'validation_failed' },
      {
        name: 'a transfer mechanism that is not a DPV term',
        ...post({ ...printer, id: 'x8', country: 'US', transferMechanism: 'SCC' }),
        status: 400,
        code: 'validation_failed',
      },
      { name: 'a duplicate id', ...post({ ...printer, id: 'administratiekantoor' }), status: 409, code: 'conflict' },
      {
        name: 'an empty change',
        method: 'PATCH',
        url: '/api/registers/recipients/leveranciers',
        payload: {},
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an unknown field in a change',
        method: 'PATCH',
        url: '/api/registers/recipients/leveranciers',
        payload: { active: false },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a new purpose that does not cover the categories',
        method: 'PATCH',
        url: '/api/registers/recipients/leveranciers',
        payload: { purposes: ['invoicing'] },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a move outside the EEA without a transfer mechanism',
        method: 'PATCH',
        url: '/api/registers/recipients/leveranciers',
        payload: { country: 'IN' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a change to an unknown recipient',
        method: 'PATCH',
        url: '/api/registers/recipients/nobody',
        payload: { country: 'NL' },
        status: 404,
        code: 'not_found',
      },
      {
        name: 'an agreement that expires before it was signed',
        method: 'POST',
        url: '/api/registers/recipients/leveranciers/agreements',
        payload: { signedOn: '2026-01-01', expiresOn: '2025-12-31', documentReference: 'VWO' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an agreement on a date that does not exist',
        method: 'POST',
        url: '/api/registers/recipients/leveranciers/agreements',
        payload: { signedOn: '2026-02-30', documentReference: 'VWO' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an agreement with an unknown field',
        method: 'POST',
        url: '/api/registers/recipients/leveranciers/agreements',
        payload: { signedOn: '2026-01-01', documentReference: 'VWO', pages: 3 },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an agreement with a recipient that is not a processor',
        method: 'POST',
        url: '/api/registers/recipients/belastingdienst/agreements',
        payload: { signedOn: '2026-01-01', documentReference: 'VWO' },
        status: 409,
        code: 'conflict',
      },
      {
        name: 'an agreement with an unknown recipient',
        method: 'POST',
        url: '/api/registers/recipients/nobody/agreements',
        payload: { signedOn: '2026-01-01', documentReference: 'VWO' },
        status: 404,
        code: 'not_found',
      },
      {
        name: 'retiring an unknown recipient',
        method: 'POST',
        url: '/api/registers/recipients/nobody/retire',
        status: 404,
        code: 'not_found',
      },
      {
        name: 'reading an unknown recipient',
        method: 'GET',
        url: '/api/registers/recipients/nobody',
        status: 404,
        code: 'not_found',
      },
      {
        name: 'reading a recipient id that is not a slug',
        method: 'GET',
        url: '/api/registers/recipients/1%20or%201=1',
        status: 400,
        code: 'validation_failed',
      },
    ];
    it.each(cases)('$name', async (c) => {
      const before = await counts();
      const target = await detail('leveranciers');
      const response = await t.app.inject({
        method: c.method,
        url: c.url,
        headers: { cookie: dpo },
        ...(c.payload === undefined ? {} : { payload: c.payload }),
      });
      expect(response.statusCode).toBe(c.status);
      expect(response.json()).toMatchObject({ error: { code: c.code } });
      expect(response.body).not.toMatch(/at .*\.ts:\d+|SELECT|sqlite|postgres/i);
      expect(await counts()).toEqual(before);
      expect(await detail('leveranciers')).toEqual(target);
    });
  });

  it('refuses staff and the accountant every change, and changes nothing', async () => {
    const before = await counts();
    for (const cookie of [staff, accountant]) {
      const responses = [
        await as(cookie, 'POST', '/api/registers/recipients', { ...printer, id: 'staff-try' }),
        await as(cookie, 'PATCH', '/api/registers/recipients/leveranciers', { country: 'BE' }),
        await as(cookie, 'POST', '/api/registers/recipients/leveranciers/retire'),
        await as(cookie, 'POST', '/api/registers/recipients/leveranciers/reactivate'),
        await as(cookie, 'POST', '/api/registers/recipients/leveranciers/agreements', {
          signedOn: '2026-01-01',
          documentReference: 'VWO',
        }),
      ];
      for (const r of responses) {
        expect(r.statusCode).toBe(403);
        expect(r.json()).toMatchObject({ error: { code: 'forbidden' } });
      }
    }
    // Nothing changed; each of the ten refusals is logged as denied, naming the role (guard/capability.ts).
    expect(await counts()).toEqual({ ...before, log: before.log + 10 });
    expect((await lastEntries(t, 10)).map((e) => [e.outcome, e.record_type, e.actor_role])).toEqual([
      ...Array.from({ length: 5 }, () => ['denied', 'register', 'accountant']),
      ...Array.from({ length: 5 }, () => ['denied', 'register', 'staff']),
    ]);
  });
});

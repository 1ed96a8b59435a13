import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { verifyChain } from '../guard/verify-chain.ts';
import type { Recipient, RecipientDetail } from './recipient.schema.ts';
import { lastEntries } from '../../test/support/executions.ts';

const PARCELS = {
  id: 'pakketdienst',
  legalName: 'Pakketdienst Utrecht B.V.',
  kvkNumber: '12345678',
  country: 'NL',
  role: 'processor',
  contactEmail: 'privacy@pakketdienst.test',
};

/** P9, Art. 13(1)(e), 15(1)(c), 28(3) GDPR: the register names each company of a recipient category that actually gets data. */
describe.each(DIALECTS)('the companies within a recipient category on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    [dpo, staff] = [await t.signIn('dpo'), await t.signIn('staff')];
  });
  afterAll(async () => t.close());

  const count = async (table: 'recipient_companies' | 'recipient_history' | 'processor_agreements') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = async () => ({
    companies: await count('recipient_companies'),
    history: await count('recipient_history'),
    agreements: await count('processor_agreements'),
    log: await logCount(t),
  });
  const as = (cookie: string, method: 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload }) });
  const detail = async (id: string) =>
    (
      await t.app.inject({ method: 'GET', url: `/api/registers/recipients/${id}`, headers: { cookie: staff } })
    ).json<RecipientDetail>();
  const lastEntry = () =>
    t.database.db
      .selectFrom('processing_log')
      .select(['operation', 'record_type', 'records', 'subject_ids', 'reason'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();

  it('adds a company to a category by legal name, KvK number, country and role, with a history line and a log entry naming no one', async () => {
    const before = await counts();
    const response = await as(dpo, 'POST', '/api/registers/recipients/leveranciers/companies', PARCELS);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<Recipient>().companies).toEqual([
      { ...PARCELS, transferMechanism: null, active: true, agreement: null },
    ]);
    expect(await counts()).toEqual({
      ...before,
      companies: before.companies + 1,
      history: before.history + 1,
      log: before.log + 1,
    });
    const row = await t.database.db
      .selectFrom('recipient_companies')
      .select(['recipient_id', 'legal_name', 'kvk_number', 'country', 'role', 'active'])
      .where('id', '=', 'pakketdienst')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      recipient_id: 'leveranciers',
      legal_name: 'Pakketdienst Utrecht B.V.',
      kvk_number: '12345678',
      country: 'NL',
      role: 'processor',
      active: 1,
    });
    expect((await detail('leveranciers')).history.at(-1)?.change).toBe(
      'company pakketdienst added: Pakketdienst Utrecht B.V., KvK 12345678, NL, processor',
    );
    expect(await lastEntry()).toMatchObject({
      operation: 'store',
      record_type: 'register',
      records: '["recipient:leveranciers"]',
      subject_ids: '[]',
    });
    expect((await verifyChain(t.database.db, new Date())).ok).toBe(true);
  });

  it('tracks the processor agreement per company (Art. 28(3)); the category keeps none of its own once it names companies', async () => {
    const before = await counts();
    const first = await as(dpo, 'POST', '/api/registers/recipients/leveranciers/companies/pakketdienst/agreements', {
      signedOn: '2026-01-01',
      expiresOn: '2027-12-31',
      documentReference: 'VWO-PAKKET-2026',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<Recipient>().companies[0]?.agreement).toMatchObject({
      signedOn: '2026-01-01',
      expiresOn: '2027-12-31',
      documentReference: 'VWO-PAKKET-2026',
    });
    expect(first.json<Recipient>().agreement).toBeNull();
    const second = await as(dpo, 'POST', '/api/registers/recipients/leveranciers/companies/pakketdienst/agreements', {
      signedOn: '2026-06-01',
      documentReference: 'VWO-PAKKET-2026-06',
    });
    expect(second.json<Recipient>().companies[0]?.agreement?.documentReference).toBe('VWO-PAKKET-2026-06');
    expect(await counts()).toEqual({
      ...before,
      agreements: before.agreements + 2,
      history: before.history + 2,
      log: before.log + 2,
    });
    const { agreements } = await detail('leveranciers');
    expect(agreements.map((a) => [a.companyId, a.documentReference, a.supersededAt === null])).toEqual([
      ['pakketdienst', 'VWO-PAKKET-2026', false],
      ['pakketdienst', 'VWO-PAKKET-2026-06', true],
    ]);
    const onCategory = await as(dpo, 'POST', '/api/registers/recipients/leveranciers/agreements', {
      signedOn: '2026-01-01',
      documentReference: 'VWO-LEV',
    });
    expect(onCategory.statusCode).toBe(409);
    expect(onCategory.json<{ error: { message: string } }>().error.message).toContain('record the agreement with the company');
  });

  it('changes a company and says in the history from what to what; retires and reactivates it, never deleting it', async () => {
    const changed = await as(dpo, 'PATCH', '/api/registers/recipients/leveranciers/companies/pakketdienst', {
      legalName: 'Pakketdienst Midden B.V.',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<Recipient>().companies[0]?.legalName).toBe('Pakketdienst Midden B.V.');
    expect((await detail('leveranciers')).history.at(-1)?.change).toBe(
      'company pakketdienst changed from Pakketdienst Utrecht B.V., KvK 12345678, NL, processor to Pakketdienst Midden B.V., KvK 12345678, NL, processor',
    );
    expect(
      (await as(dpo, 'POST', '/api/registers/recipients/leveranciers/companies/pakketdienst/retire')).json<Recipient>()
        .companies[0]?.active,
    ).toBe(false);
    expect((await as(dpo, 'POST', '/api/registers/recipients/leveranciers/companies/pakketdienst/retire')).statusCode).toBe(409);
    expect(
      (await as(dpo, 'POST', '/api/registers/recipients/leveranciers/companies/pakketdienst/reactivate')).json<Recipient>()
        .companies[0]?.active,
    ).toBe(true);
    expect(await count('recipient_companies')).toBeGreaterThan(0);
  });

  it('accepts an independent controller abroad that names its transfer mechanism, and refuses it an agreement', async () => {
    const abroad = {
      id: 'shipper-us',
      legalName: 'Shipper Inc.',
      country: 'US',
      role: 'controller',
      transferMechanism: 'dpv:StandardContractualClauses',
    };
    expect((await as(dpo, 'POST', '/api/registers/recipients/leveranciers/companies', abroad)).statusCode).toBe(201);
    const agreement = await as(dpo, 'POST', '/api/registers/recipients/leveranciers/companies/shipper-us/agreements', {
      signedOn: '2026-01-01',
      documentReference: 'X',
    });
    expect(agreement.statusCode).toBe(409);
  });

  describe('refuses what the register cannot hold, and changes nothing', () => {
    const cases: { name: string; method: 'POST' | 'PATCH'; url: string; payload?: object; status: number; code: string }[] = [
      {
        name: 'a Dutch company without its KvK number',
        method: 'POST',
        url: '/api/registers/recipients/leveranciers/companies',
        payload: { ...PARCELS, id: 'x1', kvkNumber: undefined },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a KvK number that is not eight digits',
        method: 'POST',
        url: '/api/registers/recipients/leveranciers/companies',
        payload: { ...PARCELS, id: 'x2', kvkNumber: '1234' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a company outside the EEA without a transfer mechanism',
        method: 'POST',
        url: '/api/registers/recipients/leveranciers/companies',
        payload: { id: 'x3', legalName: 'Far Ltd', country: 'IN', role: 'processor' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a role a company cannot have',
        method: 'POST',
        url: '/api/registers/recipients/leveranciers/companies',
        payload: { ...PARCELS, id: 'x4', role: 'authority' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a duplicate company id',
        method: 'POST',
        url: '/api/registers/recipients/administratiekantoor/companies',
        payload: { ...PARCELS },
        status: 409,
        code: 'conflict',
      },
      {
        name: 'a company of an unknown category',
        method: 'POST',
        url: '/api/registers/recipients/nobody/companies',
        payload: { ...PARCELS, id: 'x5' },
        status: 404,
        code: 'not_found',
      },
      {
        name: 'a change of a company under another category',
        method: 'PATCH',
        url: '/api/registers/recipients/administratiekantoor/companies/pakketdienst',
        payload: { legalName: 'X' },
        status: 404,
        code: 'not_found',
      },
      {
        name: 'a change that drops the KvK number of a Dutch company',
        method: 'PATCH',
        url: '/api/registers/recipients/leveranciers/companies/pakketdienst',
        payload: { kvkNumber: null },
        status: 400,
        code: 'validation_failed',
      },
    ];
    it.each(cases)('$name', async (c) => {
      const before = await counts();
      const response = await t.app.inject({
        method: c.method,
        url: c.url,
        headers: { cookie: dpo },
        ...(c.payload === undefined ? {} : { payload: c.payload }),
      });
      expect(response.statusCode, response.body).toBe(c.status);
      expect(response.json()).toMatchObject({ error: { code: c.code } });
      expect(await counts()).toEqual(before);
    });
  });

  it('keeps the companies and their agreements from the command line as the dpo, Microsoft’s included (Art. 28(3))', async () => {
    const added = runCli(t.database, [
      'register',
      'company-add',
      'administratiekantoor',
      '--id',
      'boekhouding',
      '--legal-name',
      'Boekhouding Utrecht B.V.',
      '--kvk',
      '87654321',
      '--country',
      'NL',
      '--role',
      'processor',
    ]);
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/administratiekantoor\s+boekhouding\s+Boekhouding Utrecht B\.V\.\s+87654321\s+NL\s+processor/);
    const refused = runCli(t.database, [
      'register',
      'company-add',
      'administratiekantoor',
      '--id',
      'zonder-kvk',
      '--legal-name',
      'Zonder B.V.',
      '--country',
      'NL',
      '--role',
      'processor',
    ]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('error [validation_failed]');
    const signed = runCli(t.database, [
      'register',
      'agreement',
      'microsoft',
      '--company',
      'microsoft-ireland',
      '--signed-on',
      '2026-01-01',
      '--reference',
      'Microsoft DPA 2026',
    ]);
    expect(signed.status, signed.stderr).toBe(0);
    expect(signed.stdout).toMatch(
      /microsoft-ireland\s+Microsoft Ireland Operations Limited\s+IE\s+processor\s+yes\s+Microsoft DPA 2026 \(signed 2026-01-01\)/,
    );
    const listed = runCli(t.database, ['register', 'recipients']);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(
      /microsoft\s+Microsoft \(storage in data centres\)\s+IE\s+processor\s+contract invoicing correspondence\s+yes/,
    );
    expect(listed.stdout).toContain('Boekhouding Utrecht B.V.');
    const entries = await t.database.db
      .selectFrom('processing_log')
      .select('reason')
      .where('actor_kind', '=', 'cli')
      .where('record_type', '=', 'register')
      .execute();
    expect(entries.map((e) => e.reason)).toEqual(
      expect.arrayContaining([
        'company boekhouding added: Boekhouding Utrecht B.V., KvK 87654321, NL, processor',
        'processor agreement Microsoft DPA 2026 with microsoft-ireland recorded (signed 2026-01-01, no expiry)',
      ]),
    );
  });

  it('lets staff read the companies but change none', async () => {
    const before = await counts();
    for (const [method, url, payload] of [
      ['POST', '/api/registers/recipients/leveranciers/companies', { ...PARCELS, id: 'staff-try' }],
      ['PATCH', '/api/registers/recipients/leveranciers/companies/pakketdienst', { legalName: 'X' }],
      ['POST', '/api/registers/recipients/leveranciers/companies/pakketdienst/retire', undefined],
      [
        'POST',
        '/api/registers/recipients/leveranciers/companies/pakketdienst/agreements',
        { signedOn: '2026-01-01', documentReference: 'X' },
      ],
    ] as const) {
      const response = await as(staff, method, url, payload);
      expect(response.statusCode, url).toBe(403);
    }
    // Nothing changed; each of the four refusals is logged as denied (guard/capability.ts).
    expect(await counts()).toEqual({ ...before, log: before.log + 4 });
    expect((await lastEntries(t, 4)).map((e) => [e.outcome, e.record_type, e.operation])).toEqual(
      Array.from({ length: 4 }, () => ['denied', 'register', 'modify']),
    );
    expect((await detail('leveranciers')).companies.map((c) => c.id)).toEqual(['pakketdienst', 'shipper-us']);
  });
});

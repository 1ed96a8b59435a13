import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/databases.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import * as subjectSourceMigration from '../../db/migrations/2026-12-02T2000-subject-source.ts';
import { execute, newRequest } from '../../../test/support/executions.ts';

// Where a person's data came from: recorded with the subject, shown in the access package (Art. 14(2)(f), 15(1)(g)).

describe.each(DIALECTS)('the source of the data (Art. 14, 15(1)(g)), on %s', (dialect) => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  const create = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/subjects', headers: { cookie: staff }, payload });
  const countNamed = async (lastName: string) =>
    Number(
      (
        await t.database.db
          .selectFrom('subjects')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('last_name', '=', lastName)
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** report.html's source section and data.json of an access package answered in the language. */
  async function accessPackage(subjectId: string, language: 'nl' | 'en') {
    const request = await newRequest(t, 'access', subjectId, { language });
    await execute(t, request);
    const row = await t.database.db
      .selectFrom('access_packages')
      .select('content')
      .where('request_id', '=', request.id)
      .executeTakeFirstOrThrow();
    const files = unzipSync(new Uint8Array(row.content));
    const report = strFromU8(files['report.html'] as Uint8Array);
    const source = /<section id="source">([\s\S]*?)<\/section>/.exec(report)?.[1] ?? '';
    const data = JSON.parse(strFromU8(files['data.json'] as Uint8Array)) as {
      subject: { source: string; sourceOrganisation: string | null };
    };
    return { source, data };
  }

  it("a contact person's record from their employer says so in the access report, in Dutch and English, and in data.json (Art. 15(1)(g))", async () => {
    const response = await create({
      firstName: 'Petra',
      lastName: 'Contact',
      email: 'petra@bouwbedrijf.example',
      source: 'employer',
      sourceOrganisation: 'Bouwbedrijf De Vries B.V.',
    });
    expect(response.statusCode, response.body).toBe(201);
    const subject = response.json<{ id: string; source: string; sourceOrganisation: string | null }>();
    expect(subject).toMatchObject({ source: 'employer', sourceOrganisation: 'Bouwbedrijf De Vries B.V.' });
    const row = await t.database.db
      .selectFrom('subjects')
      .select(['source', 'source_organisation'])
      .where('id', '=', subject.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source: 'employer', source_organisation: 'Bouwbedrijf De Vries B.V.' });

    const nl = await accessPackage(subject.id, 'nl');
    expect(nl.source).toContain('Wij ontvingen uw naam en zakelijke contactgegevens van uw werkgever, Bouwbedrijf De Vries B.V.');
    // Art. 12(1): the day it was registered is written out, never as an ISO date.
    expect(nl.source).toMatch(/legden ze op \d{1,2} [a-z]+ \d{4} vast/);
    expect(nl.source).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(nl.source).not.toContain('zelf gegeven');
    expect(nl.source).not.toContain(subject.id);
    expect(nl.data.subject).toMatchObject({ source: 'employer', sourceOrganisation: 'Bouwbedrijf De Vries B.V.' });
    const en = await accessPackage(subject.id, 'en');
    expect(en.source).toContain(
      'We received your name and business contact details from your employer, Bouwbedrijf De Vries B.V.',
    );
  });

  it('a record without a named source came from the person, and the report says they gave it themselves (Art. 13, 15(1)(g))', async () => {
    const response = await create({ firstName: 'Jan', lastName: 'Zelfgegeven' });
    expect(response.statusCode, response.body).toBe(201);
    const subject = response.json<{ id: string; source: string; sourceOrganisation: string | null }>();
    expect(subject).toMatchObject({ source: 'person', sourceOrganisation: null });
    const nl = await accessPackage(subject.id, 'nl');
    expect(nl.source).toContain('U heeft ons deze gegevens zelf gegeven.');
    expect(nl.source).not.toContain('werkgever');
    expect(nl.data.subject.source).toBe('person');
    const en = await accessPackage(subject.id, 'en');
    expect(en.source).toContain('You gave us these details yourself.');
  });

  it('an employer without a name is left out of the sentence; a source can be corrected later (Art. 16)', async () => {
    const subject = (await create({ firstName: 'Kees', lastName: 'Naamloos', source: 'person' })).json<{ id: string }>();
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/subjects/${subject.id}`,
      headers: { cookie: staff },
      payload: { source: 'employer' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ source: 'employer', sourceOrganisation: null });
    const nl = await accessPackage(subject.id, 'nl');
    expect(nl.source).toContain('van uw werkgever, als contactpersoon');
  });

  it('the statement says that a contact person of a business customer gets their data from the employer, in Dutch and English (Art. 14(1)(d), 14(2)(f))', async () => {
    const nl = await t.app.inject({ method: 'GET', url: '/privacy' });
    expect(nl.statusCode).toBe(200);
    expect(nl.body).toContain(
      'Bent u contactpersoon van een zakelijke klant, dan ontvangen wij uw naam, uw functie en uw zakelijke contactgegevens (e-mailadres en telefoonnummer) van uw werkgever.',
    );
    const en = await t.app.inject({ method: 'GET', url: '/en/privacy' });
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain(
      'If you are the contact person of a business customer, we receive your name, your role and your business contact details (e-mail address and phone number) from your employer.',
    );
  });

  it('refuses an unknown source with validation_failed and stores nothing', async () => {
    const response = await create({ firstName: 'Ongeldig', lastName: 'Bronloos', source: 'purchased' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'validation_failed' } });
    expect(await countNamed('Bronloos')).toBe(0);

    const subject = (await create({ firstName: 'Bestaand', lastName: 'Bronvast' })).json<{ id: string }>();
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/subjects/${subject.id}`,
      headers: { cookie: staff },
      payload: { source: 'purchased' },
    });
    expect(patched.statusCode).toBe(400);
    const row = await t.database.db
      .selectFrom('subjects')
      .select('source')
      .where('id', '=', subject.id)
      .executeTakeFirstOrThrow();
    expect(row.source).toBe('person');
  });
});

describe.each(DIALECTS)('the source of records made before it was recorded, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('the migration gives an existing record the person as its source: staff entered what the person gave (Art. 13, 15(1)(g))', async () => {
    const staff = await t.signIn('staff');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/subjects',
      headers: { cookie: staff },
      payload: { firstName: 'Oud', lastName: 'Bestaand', source: 'import' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<{ id: string }>();
    await subjectSourceMigration.down(t.database.db);
    await subjectSourceMigration.up(t.database.db);
    const row = await t.database.db
      .selectFrom('subjects')
      .select(['source', 'source_organisation'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source: 'person', source_organisation: null });
  });
});

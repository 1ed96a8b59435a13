import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { execute, newRequest } from '../../test/support/executions.ts';

// Organisations as customers and their contact persons (issue 20, part 1): through the API, on both databases.

const ADDRESS = { kind: 'billing', street: 'Vredenburg 40', postalCode: '3511 BD', city: 'Utrecht', country: 'NL' };
const LINES = [{ description: 'Werkplekbeheer december', quantity: 10, unitPriceCents: 4550, vatRate: 21 }];

interface Contact {
  subjectId: string;
  firstName: string;
  lastName: string;
  role: string;
  owner: boolean;
}
interface View {
  organisation: { id: string; name: string; personalData: boolean };
  contacts: Contact[];
  invoices: {
    id: string;
    contactId: string | null;
    subjectId: string | null;
    organisationId: string | null;
    billing: { name: string };
  }[];
  agreements: { id: string; contactId: string | null }[];
}

describe.each(DIALECTS)('organisations and their contact persons, on %s', (dialect) => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  const post = (url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: staff }, payload: payload as Record<string, unknown> });
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: staff } });
  const logOf = (recordRef: string) =>
    t.database.db
      .selectFrom('processing_log')
      .select(['seq', 'operation', 'record_type', 'subject_ids', 'records', 'outcome'])
      .where('records', 'like', `%${recordRef}%`)
      .orderBy('seq')
      .execute();

  async function organisation(name: string, kind = 'legal_entity') {
    const response = await post('/api/organisations', {
      name,
      kind,
      kvkNumber: '12345678',
      vatNumber: 'nl 8123.45678.B01',
      email: 'info@example.nl',
      addresses: [ADDRESS],
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string; reference: string; vatNumber: string; personalData: boolean }>();
  }

  async function contact(organisationId: string, payload: Record<string, unknown>) {
    const response = await post(`/api/organisations/${organisationId}/contacts`, payload);
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Contact>();
  }

  it('creates an organisation with contact persons: a new person from the employer and an existing customer, each with a role, logged naming the persons', async () => {
    const org = await organisation('Bouwbedrijf Jansen B.V.');
    expect(org).toMatchObject({ vatNumber: 'NL812345678B01', personalData: false });
    expect(org.reference).toMatch(/^O-\d{8}$/);
    const petra = await contact(org.id, {
      person: { firstName: 'Petra', lastName: 'Inkoop', email: 'petra@jansen.example' },
      role: 'inkoper',
    });
    const existing = await newSubject(t, { firstName: 'Kees' });
    const kees = await contact(org.id, { subjectId: existing.id, role: 'directeur' });
    expect(kees).toMatchObject({ subjectId: existing.id, role: 'directeur', owner: false });

    // The new person's record says the employer gave the details (Art. 14(2)(f)).
    const row = await t.database.db
      .selectFrom('subjects')
      .select(['source', 'source_organisation'])
      .where('id', '=', petra.subjectId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source: 'employer', source_organisation: 'Bouwbedrijf Jansen B.V.' });
    // Art. 14: the new person is told who gave us their details, in a letter that waits in the outbox.
    const notice = await t.database.db
      .selectFrom('outbox')
      .select(['kind', 'to_address', 'title', 'body_text'])
      .where('subject_id', '=', petra.subjectId)
      .executeTakeFirstOrThrow();
    expect(notice).toMatchObject({
      kind: 'contact_notice',
      to_address: 'petra@jansen.example',
      title: 'Uw gegevens als contactpersoon van Bouwbedrijf Jansen B.V.',
    });
    expect(notice.body_text).toContain(
      'Bouwbedrijf Jansen B.V. heeft ons uw naam, uw functie (inkoper) en uw zakelijke contactgegevens gegeven',
    );
    expect(
      await t.database.db
        .selectFrom('outbox')
        .select('id')
        .where('subject_id', '=', existing.id)
        .where('kind', '=', 'contact_notice')
        .execute(),
    ).toEqual([]);
    const links = await t.database.db
      .selectFrom('contact_roles')
      .select(['subject_id', 'role'])
      .where('organisation_id', '=', org.id)
      .orderBy('role')
      .execute();
    expect(links).toEqual([
      { subject_id: existing.id, role: 'directeur' },
      { subject_id: petra.subjectId, role: 'inkoper' },
    ]);

    // A legal entity's own data names nobody; adding a contact names the person.
    const [created] = await logOf(`organisation:${org.id}`);
    expect(created).toMatchObject({ operation: 'collect', record_type: 'subject', outcome: 'allowed', subject_ids: '[]' });
    const added = (await logOf(`contact_role:${org.id}:${petra.subjectId}`))[0];
    expect(JSON.parse(added?.subject_ids ?? '[]')).toEqual([petra.subjectId]);

    const view = (await get(`/api/organisations/${org.id}`)).json<View>();
    expect(view.contacts.map((c) => `${c.firstName}: ${c.role}`).sort()).toEqual(['Kees: directeur', 'Petra: inkoper']);
  });

  it('refuses bad input at the field and stores nothing: a KvK number of seven digits, an owner of a legal entity, a contact of another organisation', async () => {
    const before = await t.database.db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const bad = await post('/api/organisations', { name: 'Kort B.V.', kind: 'legal_entity', kvkNumber: '1234567' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string; details: { path: string }[] } }>().error).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'body.kvkNumber' }],
    });
    const after = await t.database.db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const org = await organisation('Eigenaarloos B.V.');
    const owner = await post(`/api/organisations/${org.id}/contacts`, {
      person: { firstName: 'Eva', lastName: 'Eigenaar' },
      role: 'directeur',
      owner: true,
    });
    expect(owner.statusCode).toBe(400);
    expect(owner.json<{ error: { details: { path: string }[] } }>().error.details[0]?.path).toBe('owner');
    expect(await t.database.db.selectFrom('subjects').select('id').where('last_name', '=', 'Eigenaar').execute()).toEqual([]);

    const other = await newSubject(t);
    const invoice = await post(`/api/organisations/${org.id}/invoices`, { contactId: other.id, lines: LINES });
    expect(invoice.statusCode).toBe(400);
    expect(invoice.json<{ error: { details: { path: string }[] } }>().error.details[0]?.path).toBe('contactId');
  });

  it('erasure of a contact person removes the person and the link, and keeps the organisation and its issued invoice without their name', async () => {
    const org = await organisation('Installatiebedrijf Smit B.V.');
    const person = await contact(org.id, {
      person: { firstName: 'Sanne', lastName: 'Smitcontact', email: 'sanne@smit.example' },
      role: 'office manager',
    });
    const agreement = await post(`/api/organisations/${org.id}/agreements`, {
      kind: 'agreement',
      title: 'Beheer netwerk',
      status: 'active',
      startDate: '2026-01-01',
      contactId: person.subjectId,
    });
    expect(agreement.statusCode, agreement.body).toBe(201);
    const draft = await post(`/api/organisations/${org.id}/invoices`, { contactId: person.subjectId, lines: LINES });
    expect(draft.statusCode, draft.body).toBe(201);
    const invoice = draft.json<{
      id: string;
      billing: { name: string; city: string };
      subjectId: string | null;
      organisationId: string;
    }>();
    expect(invoice).toMatchObject({
      subjectId: null,
      organisationId: org.id,
      billing: { name: 'Installatiebedrijf Smit B.V.', city: 'Utrecht' },
    });
    const issued = await t.app.inject({
      method: 'POST',
      url: `/api/invoices/${invoice.id}/issue`,
      headers: { cookie: staff },
      payload: {},
    });
    expect(issued.statusCode, issued.body).toBe(200);

    await execute(t, await newRequest(t, 'erasure', person.subjectId));

    expect(await t.database.db.selectFrom('subjects').select('id').where('id', '=', person.subjectId).execute()).toEqual([]);
    expect(
      await t.database.db.selectFrom('contact_roles').select('subject_id').where('subject_id', '=', person.subjectId).execute(),
    ).toEqual([]);
    expect(await t.database.db.selectFrom('organisations').select('name').where('id', '=', org.id).execute()).toEqual([
      { name: 'Installatiebedrijf Smit B.V.' },
    ]);
    const kept = await t.database.db
      .selectFrom('invoices')
      .select(['status', 'organisation_id', 'contact_id', 'billing_name'])
      .where('id', '=', invoice.id)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({
      status: 'issued',
      organisation_id: org.id,
      contact_id: null,
      billing_name: 'Installatiebedrijf Smit B.V.',
    });
    const keptAgreement = await t.database.db
      .selectFrom('agreements')
      .select(['organisation_id', 'contact_id'])
      .where('organisation_id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(keptAgreement).toEqual({ organisation_id: org.id, contact_id: null });
    // The erasure is logged and the ledger lets a restore erase the person again.
    const erased = (await logOf(`subject:${person.subjectId}`)).filter((e) => e.operation === 'erase');
    expect(erased).toHaveLength(1);
    const ledger = await t.database.db
      .selectFrom('erasure_ledger')
      .select(['record_type', 'record_id'])
      .where('subject_id', '=', person.subjectId)
      .execute();
    expect(ledger).toContainEqual({ record_type: 'subject', record_id: person.subjectId });

    const view = (await get(`/api/organisations/${org.id}`)).json<View>();
    expect(view.contacts).toEqual([]);
    expect(view.invoices.map((i) => i.contactId)).toEqual([null]);
  });

  it('lists in the access package of whom the person is a contact person, in which role, in data.json and in words', async () => {
    const org = await organisation('Advocatenkantoor Bakker');
    const person = await contact(org.id, {
      person: { firstName: 'Bram', lastName: 'Bakkercontact', email: 'bram@bakker.example' },
      role: 'secretaris',
    });
    for (const language of ['nl', 'en'] as const) {
      const request = await newRequest(t, 'access', person.subjectId, { language });
      await execute(t, request);
      const row = await t.database.db
        .selectFrom('access_packages')
        .select('content')
        .where('request_id', '=', request.id)
        .executeTakeFirstOrThrow();
      const files = unzipSync(new Uint8Array(row.content));
      const data = JSON.parse(strFromU8(files['data.json'] as Uint8Array)) as {
        contactRoles: { organisation: { name: string; kvkNumber: string }; role: string; owner: boolean }[];
        processingLog: { records: string[] }[];
      };
      expect(data.contactRoles.map((c) => [c.organisation.name, c.organisation.kvkNumber, c.role, c.owner])).toEqual([
        ['Advocatenkantoor Bakker', '12345678', 'secretaris', false],
      ]);
      // The person's own log entries name the link as theirs.
      expect(data.processingLog.some((e) => e.records.includes(`contact_role:${org.id}:${person.subjectId}`))).toBe(true);
      const report = strFromU8(files['report.html'] as Uint8Array);
      const source = /<section id="source">([\s\S]*?)<\/section>/.exec(report)?.[1] ?? '';
      expect(source).toContain(
        language === 'nl'
          ? 'contactpersoon van Advocatenkantoor Bakker (KvK-nummer 12345678), als secretaris.'
          : 'a contact person of Advocatenkantoor Bakker (KvK number 12345678), as secretaris.',
      );
      expect(source).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(strFromU8(files['csv/contact-roles.csv'] as Uint8Array)).toContain('secretaris');
    }
  });

  it("names a sole trader's owner in the log of the organisation's own data, which is personal data", async () => {
    const org = await organisation('Klussenbedrijf Van Dam', 'sole_trader');
    expect(org.personalData).toBe(true);
    const owner = await contact(org.id, { person: { firstName: 'Dirk', lastName: 'van Dam' }, role: 'eigenaar', owner: true });
    const second = await post(`/api/organisations/${org.id}/contacts`, {
      person: { firstName: 'Dora', lastName: 'van Dam' },
      role: 'eigenaar',
      owner: true,
    });
    expect(second.statusCode).toBe(400);
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/organisations/${org.id}`,
      headers: { cookie: staff },
      payload: { phone: '+31 6 1234 5678' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const entries = (await logOf(`organisation:${org.id}`)).filter((e) => e.operation === 'modify');
    expect(entries.map((e) => JSON.parse(e.subject_ids) as string[])).toEqual([[owner.subjectId]]);
    // The owner's access package carries the business's VAT number: it is theirs.
    const request = await newRequest(t, 'access', owner.subjectId);
    await execute(t, request);
    const row = await t.database.db
      .selectFrom('access_packages')
      .select('content')
      .where('request_id', '=', request.id)
      .executeTakeFirstOrThrow();
    const data = JSON.parse(strFromU8(unzipSync(new Uint8Array(row.content))['data.json'] as Uint8Array)) as {
      contactRoles: { organisation: { vatNumber?: string }; owner: boolean }[];
    };
    expect(data.contactRoles.map((c) => [c.owner, c.organisation.vatNumber])).toEqual([[true, 'NL812345678B01']]);
  });

  it('finds organisations by name, KvK number and by a contact person, with their contacts, in one logged consultation', async () => {
    const org = await organisation('Zoekbare Zeilmakerij B.V.');
    const person = await contact(org.id, {
      person: { firstName: 'Zara', lastName: 'Zoekcontact', email: 'zara@zeil.example' },
      role: 'eigenaar-bestuurder',
    });
    for (const q of ['zoekbare', 'Zoekcontact', 'zara@zeil.example', org.reference]) {
      const response = await get(`/api/organisations?q=${encodeURIComponent(q)}`);
      expect(response.statusCode, response.body).toBe(200);
      const found = response.json<{ organisations: { id: string; contacts: { subjectId: string; role: string }[] }[] }>()
        .organisations;
      expect(
        found.map((o) => o.id),
        q,
      ).toContain(org.id);
      expect(found.find((o) => o.id === org.id)?.contacts).toEqual([
        expect.objectContaining({ subjectId: person.subjectId, role: 'eigenaar-bestuurder' }),
      ]);
    }
    const searches = (await logOf(`contact_role:${org.id}:${person.subjectId}`)).filter((e) => e.operation === 'consult');
    expect(searches.length).toBeGreaterThanOrEqual(4);
    expect(JSON.parse(searches.at(-1)?.subject_ids ?? '[]')).toContain(person.subjectId);
    expect((await get('/api/organisations?q=x')).statusCode).toBe(400);
  });

  it('leaves a restricted contact person out of the organisation page and its search, but shows the organisation', async () => {
    const org = await organisation('Beperkt Bouw B.V.');
    const person = await contact(org.id, { person: { firstName: 'Rita', lastName: 'Beperkt' }, role: 'planner' });
    await t.database.db
      .insertInto('restrictions')
      .values({
        id: crypto.randomUUID(),
        subject_id: person.subjectId,
        request_id: null,
        purpose: null,
        reason: 'accuracy_contested',
        started_at: new Date().toISOString(),
        lifted_at: null,
        lift_notice_sent_at: null,
        lift_announced_at: null,
        lift_announced_by: null,
        lift_reason: null,
        lift_motivation: null,
        lift_notice_outbox_id: null,
      })
      .execute();
    const view = await get(`/api/organisations/${org.id}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json<View>().contacts).toEqual([]);
    const found = (await get('/api/organisations?q=Beperkt')).json<{ organisations: { id: string; contacts: unknown[] }[] }>()
      .organisations;
    expect(found.find((o) => o.id === org.id)?.contacts).toEqual([]);
  });
});

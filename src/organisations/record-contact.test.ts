import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';

// Issue 20: the contact person an organisation's agreement or draft invoice names is changed (or cleared) where the
// rest of it is changed; an issued invoice keeps its addressee. Through the API, on both databases.

const ADDRESS = { kind: 'billing', street: 'Vredenburg 40', postalCode: '3511 BD', city: 'Utrecht', country: 'NL' };
const LINES = [{ description: 'Werkplekbeheer januari', quantity: 4, unitPriceCents: 9500, vatRate: 21 }];

interface Problem {
  error: { code: string; details?: { path: string }[] };
}

describe.each(DIALECTS)('changing the contact person of an organisation’s agreement and invoice, on %s', (dialect) => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  const send = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: { cookie: staff }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const db = () => t.database.db;
  /** The newest allowed modification naming the record, with its subjects and records. */
  const lastChange = async (record: string) => {
    const row = await db()
      .selectFrom('processing_log')
      .select(['operation', 'record_type', 'subject_ids', 'records', 'outcome'])
      .where('records', 'like', `%${record}%`)
      .where('operation', '=', 'modify')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    return { ...row, subjects: (JSON.parse(row.subject_ids) as string[]).sort(), refs: JSON.parse(row.records) as string[] };
  };
  const entriesNaming = async (record: string) =>
    (await db().selectFrom('processing_log').select('seq').where('records', 'like', `%${record}%`).execute()).length;

  /** An organisation with two contact persons, and a third person who is the contact of another organisation. */
  async function fixture(kind = 'legal_entity') {
    const org = await send('POST', '/api/organisations', { name: `Bouwbedrijf ${kind}`, kind, addresses: [ADDRESS] });
    expect(org.statusCode, org.body).toBe(201);
    const organisationId = org.json<{ id: string }>().id;
    const contact = async (orgId: string, firstName: string, role: string) => {
      const r = await send('POST', `/api/organisations/${orgId}/contacts`, { person: { firstName, lastName: 'Dekker' }, role });
      expect(r.statusCode, r.body).toBe(201);
      return r.json<{ subjectId: string }>().subjectId;
    };
    const petra = await contact(organisationId, 'Petra', 'inkoper');
    const kees = await contact(organisationId, 'Kees', 'projectleider');
    const other = await send('POST', '/api/organisations', { name: `Ander ${kind}`, kind: 'legal_entity', addresses: [ADDRESS] });
    const stranger = await contact(other.json<{ id: string }>().id, 'Sanne', 'directeur');
    return { organisationId, petra, kees, stranger };
  }

  it('names another contact person on an agreement and logs the organisation with both persons; clearing names nobody', async () => {
    const { organisationId, petra, kees } = await fixture();
    const created = await send('POST', `/api/organisations/${organisationId}/agreements`, {
      kind: 'agreement',
      title: 'Netwerkbeheer',
      status: 'active',
      startDate: '2026-01-01',
      contactId: petra,
    });
    expect(created.statusCode, created.body).toBe(201);
    const agreementId = created.json<{ id: string }>().id;

    const changed = await send('PATCH', `/api/agreements/${agreementId}`, { contactId: kees });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ contactId: kees, title: 'Netwerkbeheer', status: 'active' });
    const row = await db()
      .selectFrom('agreements')
      .select(['contact_id', 'title'])
      .where('id', '=', agreementId)
      .executeTakeFirst();
    expect(row).toEqual({ contact_id: kees, title: 'Netwerkbeheer' });
    const entry = await lastChange(`agreement:${agreementId}`);
    expect(entry).toMatchObject({ record_type: 'agreement', outcome: 'allowed', subjects: [kees, petra].sort() });
    expect(entry.refs).toEqual(
      expect.arrayContaining([
        `agreement:${agreementId}`,
        `organisation:${organisationId}`,
        `contact_role:${organisationId}:${kees}`,
      ]),
    );

    // Cleared together with another field: the agreement names nobody, the entry the person it named.
    const cleared = await send('PATCH', `/api/agreements/${agreementId}`, { contactId: null, title: 'Netwerkbeheer 2027' });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(
      await db().selectFrom('agreements').select(['contact_id', 'title']).where('id', '=', agreementId).executeTakeFirst(),
    ).toEqual({ contact_id: null, title: 'Netwerkbeheer 2027' });
    const clearing = await lastChange(`agreement:${agreementId}`);
    expect(clearing.subjects).toEqual([kees]);
    expect(clearing.refs).toContain(`organisation:${organisationId}`);
  });

  it('refuses a contact person of another organisation, or one for a person’s own agreement, and changes nothing', async () => {
    const { organisationId, petra, stranger } = await fixture();
    const created = await send('POST', `/api/organisations/${organisationId}/agreements`, {
      kind: 'quote',
      title: 'Offerte bekabeling',
      contactId: petra,
    });
    const agreementId = created.json<{ id: string }>().id;
    const entries = await entriesNaming(`agreement:${agreementId}`);
    const refused = await send('PATCH', `/api/agreements/${agreementId}`, { contactId: stranger, title: 'Andere titel' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<Problem>().error).toMatchObject({ code: 'validation_failed', details: [{ path: 'contactId' }] });
    expect(
      await db().selectFrom('agreements').select(['contact_id', 'title']).where('id', '=', agreementId).executeTakeFirst(),
    ).toEqual({ contact_id: petra, title: 'Offerte bekabeling' });
    expect(await entriesNaming(`agreement:${agreementId}`)).toBe(entries);

    const person = await newSubject(t);
    const own = await send('POST', `/api/subjects/${person.id}/agreements`, { kind: 'quote', title: 'Eigen offerte' });
    const refusedOwn = await send('PATCH', `/api/agreements/${own.json<{ id: string }>().id}`, { contactId: petra });
    expect(refusedOwn.statusCode).toBe(400);
    expect(refusedOwn.json<Problem>().error.details?.[0]?.path).toBe('contactId');
  });

  it('readdresses a draft invoice, whose page then names the person by name and role, and clears it', async () => {
    const { organisationId, petra, kees, stranger } = await fixture();
    const draft = await send('POST', `/api/organisations/${organisationId}/invoices`, { contactId: petra, lines: LINES });
    expect(draft.statusCode, draft.body).toBe(201);
    const invoiceId = draft.json<{ id: string }>().id;
    expect((await send('GET', `/api/invoices/${invoiceId}`)).json()).toMatchObject({
      contactId: petra,
      contact: { name: 'Petra Dekker', role: 'inkoper' },
    });

    const changed = await send('PATCH', `/api/invoices/${invoiceId}`, { contactId: kees, reference: 'PO-2027-14' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ contactId: kees, contact: { name: 'Kees Dekker', role: 'projectleider' } });
    expect(
      await db().selectFrom('invoices').select(['contact_id', 'reference']).where('id', '=', invoiceId).executeTakeFirst(),
    ).toEqual({ contact_id: kees, reference: 'PO-2027-14' });
    const entry = await lastChange(`invoice:${invoiceId}`);
    expect(entry).toMatchObject({ record_type: 'invoice', outcome: 'allowed', subjects: [kees, petra].sort() });
    expect(entry.refs).toEqual(expect.arrayContaining([`invoice:${invoiceId}`, `organisation:${organisationId}`]));

    const refused = await send('PATCH', `/api/invoices/${invoiceId}`, { contactId: stranger });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<Problem>().error).toMatchObject({ code: 'validation_failed', details: [{ path: 'contactId' }] });
    expect(
      (await db().selectFrom('invoices').select('contact_id').where('id', '=', invoiceId).executeTakeFirst())?.contact_id,
    ).toBe(kees);

    const cleared = await send('PATCH', `/api/invoices/${invoiceId}`, { contactId: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ contactId: null, contact: null });
    expect((await lastChange(`invoice:${invoiceId}`)).subjects).toEqual([kees]);
  });

  it('keeps the addressee of an issued invoice: the change is refused with its own code and nothing changes', async () => {
    const { organisationId, petra, kees } = await fixture();
    const draft = await send('POST', `/api/organisations/${organisationId}/invoices`, { contactId: petra, lines: LINES });
    const invoiceId = draft.json<{ id: string }>().id;
    expect((await send('POST', `/api/invoices/${invoiceId}/issue`, {})).statusCode).toBe(200);
    const before = await db()
      .selectFrom('invoices')
      .select(['contact_id', 'updated_at'])
      .where('id', '=', invoiceId)
      .executeTakeFirst();
    const entries = await entriesNaming(`invoice:${invoiceId}`);
    for (const contactId of [kees, null]) {
      const refused = await send('PATCH', `/api/invoices/${invoiceId}`, { contactId });
      expect(refused.statusCode).toBe(409);
      expect(refused.json<Problem>().error.code).toBe('invoice_contact_fixed');
    }
    expect(
      await db().selectFrom('invoices').select(['contact_id', 'updated_at']).where('id', '=', invoiceId).executeTakeFirst(),
    ).toEqual(before);
    expect(await entriesNaming(`invoice:${invoiceId}`)).toBe(entries);
  });

  it('names a sole trader’s owner when its agreement changes or its invoice is issued, so the owner’s retention dates follow', async () => {
    const { organisationId, petra } = await fixture('sole_trader');
    const owner = await newSubject(t);
    const added = await send('POST', `/api/organisations/${organisationId}/contacts`, {
      subjectId: owner.id,
      role: 'eigenaar',
      owner: true,
    });
    expect(added.statusCode, added.body).toBe(201);
    const created = await send('POST', `/api/organisations/${organisationId}/agreements`, {
      kind: 'agreement',
      title: 'Beheer kassasysteem',
      status: 'active',
      startDate: '2025-01-01',
    });
    const agreementId = created.json<{ id: string }>().id;
    const ended = await send('PATCH', `/api/agreements/${agreementId}`, {
      status: 'ended',
      endDate: '2026-01-31',
      contactId: petra,
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect((await lastChange(`agreement:${agreementId}`)).subjects).toEqual([owner.id, petra].sort());
    // Contract data is kept two years after the agreement ends (P3), counted as the owner's.
    expect(
      await db()
        .selectFrom('agreements')
        .select(['retain_until', 'retain_rule'])
        .where('id', '=', agreementId)
        .executeTakeFirst(),
    ).toEqual({ retain_until: '2028-01-31', retain_rule: 'contract-two-years' });

    // Its invoice is dated as the owner's records as soon as it is issued: seven years after its book year (AWR art. 52).
    const draft = await send('POST', `/api/organisations/${organisationId}/invoices`, { lines: LINES });
    const invoiceId = draft.json<{ id: string }>().id;
    const issued = await send('POST', `/api/invoices/${invoiceId}/issue`, { completedOn: '2026-02-15' });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(
      await db().selectFrom('invoices').select(['retain_until', 'retain_rule']).where('id', '=', invoiceId).executeTakeFirst(),
    ).toEqual({ retain_until: '2034-01-01', retain_rule: 'fiscal-seven-years' });
    expect(JSON.parse((await lastChange(`invoice:${invoiceId}`)).subject_ids)).toEqual([owner.id]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { execute, newRequest } from '../../test/support/executions.ts';
import { cliActor } from '../guard/actor.ts';
import type { OrganisationKind } from '../organisations/organisation.schema.ts';

/**
 * Issue 20: a sole trader's or partnership's own data is the personal data of its owner (CJEU C-92/09 Schecke), so
 * its agreements and invoices fall under retention as the owner's records (the rules, the forecast, the sweep), and
 * an erasure for the owner reaches them and the business's details, keeping what the law requires (issued invoices,
 * art. 52 AWR; Art. 17(3)(b) GDPR). A legal entity's own records are no one's personal data and stay out.
 */
describe.each(DIALECTS)('retention of a sole trader’s and a partnership’s records, on %s', (dialect) => {
  let t: TestApp;
  const actor = cliActor();
  let s: Awaited<ReturnType<typeof fixture>>;

  async function business(kind: OrganisationKind, name: string, owner: string | null) {
    const o = await t.services.organisations.organisations.create(actor, {
      name,
      kind,
      kvkNumber: '30456789',
      vatNumber: 'NL845678901B01',
      email: 'info@business.example',
      addresses: [{ kind: 'postal', street: 'Voorstraat 8', postalCode: '3512 AJ', city: 'Utrecht', country: 'NL' }],
    });
    if (owner !== null)
      await t.services.organisations.organisations.addContact(actor, o.id, {
        subjectId: owner,
        role: 'eigenaar',
        owner: kind !== 'legal_entity',
      });
    return o;
  }
  const endedAgreement = (organisationId: string) =>
    t.services.organisations.records.createAgreement(actor, organisationId, {
      kind: 'agreement',
      title: 'Beheer kassasysteem',
      status: 'ended',
      startDate: '2025-01-01',
      endDate: '2026-01-31',
    });
  async function issuedInvoice(organisationId: string, agreementId?: string) {
    const draft = await t.services.organisations.records.createInvoice(actor, organisationId, {
      lines: [{ description: 'Beheer kassasysteem', quantity: 1, unitPriceCents: 12_000, vatRate: 21 }],
      ...(agreementId === undefined ? {} : { agreementId }),
    });
    await t.services.invoices.issue(actor, draft.id, { completedOn: '2026-02-15' });
    return draft;
  }

  async function fixture() {
    // A bakery (sole trader): an ended agreement with its issued invoice, and an ended one without.
    const baker = await newSubject(t);
    const bakery = await business('sole_trader', 'Bakkerij De Korenschoof', baker.id);
    const billed = await endedAgreement(bakery.id);
    const bakeryInvoice = await issuedInvoice(bakery.id, billed.id);
    const unbilled = await endedAgreement(bakery.id);
    // A partnership whose one partner has nothing but its ended agreement.
    const partner = await newSubject(t);
    const practice = await business('partnership', 'Tandartspraktijk Oudegracht', partner.id);
    const practiceAgreement = await endedAgreement(practice.id);
    // A legal entity with a contact person: its own records are no personal data.
    const contact = await newSubject(t);
    const firm = await business('legal_entity', 'Bouwbedrijf Dekker B.V.', contact.id);
    const firmAgreement = await endedAgreement(firm.id);
    const firmInvoice = await issuedInvoice(firm.id, firmAgreement.id);
    return {
      baker,
      bakery,
      billed,
      bakeryInvoice,
      unbilled,
      partner,
      practice,
      practiceAgreement,
      firm,
      firmAgreement,
      firmInvoice,
    };
  }

  beforeAll(async () => {
    // Invoices are issued on 2 December 2026, so the books keep them until 1 January 2034 (AWR art. 52 lid 4).
    t = await startTestApp(dialect, { now: () => new Date('2026-12-02T10:00:00Z') });
    s = await fixture();
  });
  afterAll(async () => t.close());

  const db = () => t.database.db;
  const retention = async (table: 'agreements' | 'invoices', id: string) =>
    db().selectFrom(table).select(['retain_until', 'retain_rule']).where('id', '=', id).executeTakeFirst();
  const organisation = (id: string) =>
    db()
      .selectFrom('organisations')
      .select(['name', 'kvk_number', 'vat_number', 'email'])
      .where('id', '=', id)
      .executeTakeFirst();
  const addresses = async (id: string) =>
    (await db().selectFrom('organisation_addresses').select('id').where('organisation_id', '=', id).execute()).length;
  const ledger = (recordType: string) =>
    db().selectFrom('erasure_ledger').select(['kind', 'record_id', 'subject_id']).where('record_type', '=', recordType).execute();
  const entriesNaming = (record: string) =>
    db()
      .selectFrom('processing_log')
      .select(['operation', 'subject_ids', 'records', 'reason'])
      .where('records', 'like', `%${record}%`)
      .where('operation', '=', 'erase')
      .orderBy('seq', 'desc')
      .execute();

  it('dates a sole trader’s and a partnership’s records as their owner’s, and a legal entity’s not at all', async () => {
    expect(await retention('invoices', s.bakeryInvoice.id)).toEqual({
      retain_until: '2034-01-01',
      retain_rule: 'fiscal-seven-years',
    });
    // The agreement behind an issued invoice is kept as long as the invoice; the other two years after its end (P3).
    expect(await retention('agreements', s.billed.id)).toEqual({ retain_until: '2034-01-01', retain_rule: 'fiscal-seven-years' });
    expect(await retention('agreements', s.unbilled.id)).toEqual({
      retain_until: '2028-01-31',
      retain_rule: 'contract-two-years',
    });
    expect(await retention('agreements', s.practiceAgreement.id)).toEqual({
      retain_until: '2028-01-31',
      retain_rule: 'contract-two-years',
    });
    expect(await retention('agreements', s.firmAgreement.id)).toEqual({ retain_until: null, retain_rule: null });
    expect(await retention('invoices', s.firmInvoice.id)).toEqual({ retain_until: null, retain_rule: null });
  });

  it('forecasts and lists them in a dry run under their owner, changing nothing', async () => {
    const forecast = await t.services.retention.forecast(actor, 90, { asOf: '2028-01-15' });
    expect(forecast.rules.find((r) => r.rule === 'contract-two-years')).toEqual({
      rule: 'contract-two-years',
      total: 2,
      dates: [{ date: '2028-01-31', count: 2 }],
    });
    const dry = await t.services.retention.run({ dryRun: true, today: '2028-06-01' });
    expect(dry.due).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: s.unbilled.id, subjectId: s.baker.id, organisationId: s.bakery.id }),
        expect.objectContaining({ id: s.practiceAgreement.id, subjectId: s.partner.id, organisationId: s.practice.id }),
      ]),
    );
    expect(dry.due.map((d) => d.id)).not.toContain(s.firmAgreement.id);
    expect(dry.subjectsToRemove).toEqual([s.partner.id]);
    expect(await organisation(s.practice.id)).toBeDefined();
  });

  it('sweeps what is due: the partnership goes with its partner, the bakery is reduced to its name for the invoice', async () => {
    const report = await t.services.retention.run({ today: '2028-06-01' });
    expect(report.deleted).toMatchObject({ agreement: 2, invoice: 0, subject: 1, organisation: 1 });
    // The partnership: agreement, partner and the business itself, with a ledger row and a log entry naming both.
    expect(await retention('agreements', s.practiceAgreement.id)).toBeUndefined();
    expect(await organisation(s.practice.id)).toBeUndefined();
    expect(await db().selectFrom('subjects').select('id').where('id', '=', s.partner.id).executeTakeFirst()).toBeUndefined();
    expect(await ledger('organisation')).toEqual([{ kind: 'retention', record_id: s.practice.id, subject_id: s.partner.id }]);
    const [practiceEntry] = await entriesNaming(`organisation:${s.practice.id}`);
    expect(practiceEntry?.records).toContain(`agreement:${s.practiceAgreement.id}`);
    expect(practiceEntry?.subject_ids).toContain(s.partner.id);
    // The bakery: the agreement without an invoice went; the invoice and the agreement behind it stay.
    expect(await retention('agreements', s.unbilled.id)).toBeUndefined();
    expect(await retention('agreements', s.billed.id)).toBeDefined();
    expect(await retention('invoices', s.bakeryInvoice.id)).toBeDefined();
    const [unbilledEntry] = await entriesNaming(`agreement:${s.unbilled.id}`);
    expect(unbilledEntry?.subject_ids).toContain(s.baker.id);
    expect(unbilledEntry?.reason).toContain('contract-two-years');
    // Only fiscal records keep the baker since 15 February 2028: the bakery keeps its name, not its details (P3).
    expect(report.reduced).toEqual([{ subjectId: s.baker.id, since: '2028-02-15' }]);
    expect(await organisation(s.bakery.id)).toEqual({
      name: 'Bakkerij De Korenschoof',
      kvk_number: null,
      vat_number: null,
      email: null,
    });
    expect(await addresses(s.bakery.id)).toBe(0);
    expect(await ledger('organisation_contact_details')).toEqual([
      { kind: 'retention', record_id: s.bakery.id, subject_id: s.baker.id },
    ]);
    // The owner's role stays: it is how the bakery's invoice is still counted as the baker's.
    expect(await db().selectFrom('contact_roles').select('owner').where('organisation_id', '=', s.bakery.id).execute()).toEqual([
      { owner: 1 },
    ]);
    // The legal entity is untouched.
    expect(await organisation(s.firm.id)).toMatchObject({ kvk_number: '30456789' });
    expect(await retention('agreements', s.firmAgreement.id)).toBeDefined();
  });

  it('deletes the bakery with its owner once the books no longer keep its invoice, and a second run deletes nothing', async () => {
    const report = await t.services.retention.run({ today: '2034-01-01' });
    expect(report.deleted).toMatchObject({ agreement: 1, invoice: 1, subject: 1, organisation: 1 });
    expect(await retention('invoices', s.bakeryInvoice.id)).toBeUndefined();
    expect(await organisation(s.bakery.id)).toBeUndefined();
    expect(await db().selectFrom('subjects').select('id').where('id', '=', s.baker.id).executeTakeFirst()).toBeUndefined();
    const [entry] = await entriesNaming(`organisation:${s.bakery.id}`);
    expect(JSON.parse(entry?.records ?? '[]')).toEqual(
      expect.arrayContaining([`invoice:${s.bakeryInvoice.id}`, `agreement:${s.billed.id}`]),
    );
    expect(entry?.reason).toContain('fiscal-seven-years');
    // A legal entity's records are not personal data: no retention deletes them.
    expect(await retention('invoices', s.firmInvoice.id)).toBeDefined();
    expect(await organisation(s.firm.id)).toBeDefined();
    const again = await t.services.retention.run({ today: '2034-01-01' });
    expect(again.deleted).toEqual({ agreement: 0, invoice: 0, case: 0, consent: 0, message: 0, subject: 0, organisation: 0 });
  });
});

describe.each(DIALECTS)('an erasure for the owner of a sole trader, on %s', (dialect) => {
  let t: TestApp;
  const actor = cliActor();

  beforeAll(async () => {
    t = await startTestApp(dialect, { now: () => new Date('2026-12-02T10:00:00Z') });
  });
  afterAll(async () => t.close());

  async function soleTrader(name: string) {
    const owner = await newSubject(t);
    const o = await t.services.organisations.organisations.create(actor, {
      name,
      kind: 'sole_trader',
      kvkNumber: '30567890',
      vatNumber: 'NL856789012B01',
      phone: '+31 30 765 4321',
      addresses: [{ kind: 'postal', street: 'Lange Nieuwstraat 3', postalCode: '3512 PA', city: 'Utrecht', country: 'NL' }],
    });
    await t.services.organisations.organisations.addContact(actor, o.id, { subjectId: owner.id, role: 'eigenaar', owner: true });
    const agreement = await t.services.organisations.records.createAgreement(actor, o.id, {
      kind: 'agreement',
      title: 'Website',
      status: 'ended',
      startDate: '2025-01-01',
      endDate: '2026-01-31',
    });
    const invoice = await t.services.organisations.records.createInvoice(actor, o.id, {
      lines: [{ description: 'Website', quantity: 1, unitPriceCents: 50_000, vatRate: 21 }],
    });
    return { owner, organisation: o, agreement, invoice };
  }
  const organisationRow = (id: string) =>
    t.database.db
      .selectFrom('organisations')
      .select(['name', 'kvk_number', 'vat_number', 'phone'])
      .where('id', '=', id)
      .executeTakeFirst();
  const exists = async (table: 'agreements' | 'invoices', id: string) =>
    (await t.database.db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  const ledgerOf = (requestId: string) =>
    t.database.db.selectFrom('erasure_ledger').select(['record_type', 'record_id']).where('request_id', '=', requestId).execute();
  const entryOf = (organisationId: string) =>
    t.database.db
      .selectFrom('processing_log')
      .select(['subject_ids', 'records'])
      .where('operation', '=', 'erase')
      .where('records', 'like', `%organisation:${organisationId}%`)
      .executeTakeFirst();

  it('keeps the issued invoice (Art. 17(3)(b), art. 52 AWR) and reduces the business to its name', async () => {
    const s = await soleTrader('Fietsenmaker Jansen');
    await t.services.invoices.issue(actor, s.invoice.id, { completedOn: '2026-02-15' });
    const request = await newRequest(t, 'erasure', s.owner.id);
    const outcome = await execute(t, request);
    expect(outcome.kept?.length).toBeGreaterThan(0);
    expect(await exists('invoices', s.invoice.id)).toBe(true);
    // The ended agreement is not behind the invoice, so nothing keeps it.
    expect(await exists('agreements', s.agreement.id)).toBe(false);
    expect(await organisationRow(s.organisation.id)).toEqual({
      name: 'Fietsenmaker Jansen',
      kvk_number: null,
      vat_number: null,
      phone: null,
    });
    expect(
      await t.database.db
        .selectFrom('organisation_addresses')
        .select('id')
        .where('organisation_id', '=', s.organisation.id)
        .execute(),
    ).toEqual([]);
    expect(await ledgerOf(request.id)).toEqual(
      expect.arrayContaining([
        { record_type: 'agreement', record_id: s.agreement.id },
        { record_type: 'organisation_contact_details', record_id: s.organisation.id },
      ]),
    );
    const entry = await entryOf(s.organisation.id);
    expect(entry?.subject_ids).toContain(s.owner.id);
    expect(entry?.records).toContain(`agreement:${s.agreement.id}`);
  });

  it('erases a business with nothing the law keeps as a whole, with its owner', async () => {
    const s = await soleTrader('Schildersbedrijf Visser');
    const request = await newRequest(t, 'erasure', s.owner.id);
    await execute(t, request);
    expect(await organisationRow(s.organisation.id)).toBeUndefined();
    expect(await exists('invoices', s.invoice.id)).toBe(false);
    expect(await exists('agreements', s.agreement.id)).toBe(false);
    expect(
      await t.database.db.selectFrom('subjects').select('id').where('id', '=', s.owner.id).executeTakeFirst(),
    ).toBeUndefined();
    expect(await ledgerOf(request.id)).toEqual(
      expect.arrayContaining([
        { record_type: 'organisation', record_id: s.organisation.id },
        { record_type: 'subject', record_id: s.owner.id },
      ]),
    );
    expect((await entryOf(s.organisation.id))?.subject_ids).toContain(s.owner.id);
  });

  it('leaves a legal entity whose contact person is erased as it is', async () => {
    const contact = await newSubject(t);
    const firm = await t.services.organisations.organisations.create(actor, {
      name: 'Van Leeuwen Advocaten',
      kind: 'legal_entity',
      kvkNumber: '30345678',
    });
    await t.services.organisations.organisations.addContact(actor, firm.id, { subjectId: contact.id, role: 'office manager' });
    const agreement = await t.services.organisations.records.createAgreement(actor, firm.id, {
      kind: 'agreement',
      title: 'Netwerkbeheer',
      status: 'ended',
      startDate: '2025-01-01',
      endDate: '2026-01-31',
      contactId: contact.id,
    });
    await execute(t, await newRequest(t, 'erasure', contact.id));
    expect(await organisationRow(firm.id)).toMatchObject({ name: 'Van Leeuwen Advocaten', kvk_number: '30345678' });
    expect(await exists('agreements', agreement.id)).toBe(true);
  });
});

import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { lastLogEntry, logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.ts';
import { cliActor } from '../guard/actor.ts';
import { execute, newRequest } from '../../test/support/executions.ts';
import type { Disclosure } from './disclosure.schema.ts';

const SUPPLIER = ['user.contact.address', 'user.contact.email'];
const PARCELS = {
  id: 'pakketdienst',
  legalName: 'Pakketdienst Utrecht B.V.',
  kvkNumber: '12345678',
  country: 'NL',
  role: 'processor' as const,
};
const PRINTER = {
  id: 'drukkerij-bv',
  legalName: 'Drukkerij Noord B.V.',
  kvkNumber: '23456789',
  country: 'NL',
  role: 'processor' as const,
};
const COURIER = { id: 'koerier-be', legalName: 'Koerier BV', country: 'BE', role: 'controller' as const };

/**
 * P9 ("Wij melden u vooraf welke andere bedrijven uw gegevens krijgen"), Art. 13(1)(e), 14(1)(e) and 15(1)(c):
 * a disclosure goes to a company the register names within the recipient category, and the person is told
 * which company (legal name, KvK number, country) before the data goes out; Art. 28(3): a processor company
 * under its own agreement.
 */
describe.each(DIALECTS)('disclosures to a named company of a recipient category (P9), on %s', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let staff: string;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp(dialect, { smtpUrl: smtp.url });
    staff = await t.signIn('staff');
    const actor = cliActor();
    // The suppliers' category names three companies: one under an agreement, one processor without, one controller abroad (in the EEA).
    for (const company of [PARCELS, PRINTER, COURIER]) await t.services.companies.add(actor, 'leveranciers', company);
    await t.services.companies.recordAgreement(
      actor,
      { id: 'leveranciers', companyId: PARCELS.id },
      { signedOn: '2026-01-01', documentReference: 'VWO-PAKKET' },
    );
    // A retired company, and a company of another category.
    await t.services.companies.add(actor, 'leveranciers', {
      id: 'oud-bv',
      legalName: 'Oud B.V.',
      kvkNumber: '34567890',
      country: 'NL',
      role: 'controller',
    });
    await t.services.companies.retire(actor, { id: 'leveranciers', companyId: 'oud-bv' });
    await t.services.companies.add(actor, 'administratiekantoor', {
      id: 'boekhouding',
      legalName: 'Boekhouding B.V.',
      kvkNumber: '87654321',
      country: 'NL',
      role: 'processor',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const disclose = (subjectId: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/subjects/${subjectId}/disclosures`, payload, headers: { cookie: staff } });
  const count = async (table: 'disclosures' | 'outbox') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = async () => ({ disclosures: await count('disclosures'), outbox: await count('outbox'), log: await logCount(t) });

  it('discloses to the named company; the notice that arrives names it by legal name, KvK number, country and category (Art. 13(1)(e), 14(1)(e)), and so do the log and the access report (Art. 15(1)(c))', async () => {
    const subject = await newSubject(t, { email: 'sanne@example.nl' });
    const made = await disclose(subject.id, { recipientId: 'leveranciers', companyId: PARCELS.id, categories: SUPPLIER });
    expect(made.statusCode, made.body).toBe(201);
    const disclosure = made.json<Disclosure>();
    expect(disclosure).toMatchObject({
      status: 'awaiting_notice',
      notice: { status: 'queued' },
      recipient: {
        id: 'leveranciers',
        name: { nl: PARCELS.legalName },
        category: { nl: 'Leveranciers van diensten via derden' },
        company: { id: PARCELS.id, kvkNumber: PARCELS.kvkNumber, country: 'NL' },
      },
    });
    expect(disclosure.legalGround).toContain('VWO-PAKKET');
    const row = await t.database.db
      .selectFrom('disclosures')
      .select(['company_id', 'processor_agreement_id'])
      .where('id', '=', disclosure.id)
      .executeTakeFirstOrThrow();
    expect(row.company_id).toBe(PARCELS.id);
    expect(row.processor_agreement_id).not.toBeNull();
    expect(await lastLogEntry(t)).toMatchObject({
      operation: 'disclose',
      outcome: 'allowed',
      reason: `disclosure to leveranciers/${PARCELS.id}`,
    });

    // The notice as the person receives it: the company, not its category.
    await t.services.mailDelivery.deliverDue();
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('sanne@example.nl'));
    expect(mail.subject).toBe('Wij geven uw gegevens aan Pakketdienst Utrecht B.V.');
    expect(mail.text).toContain(
      'Sen ICT geeft Pakketdienst Utrecht B.V. (KvK-nummer 12345678), gevestigd in Nederland, de volgende gegevens van u: adres en e-mailadres.',
    );
    expect(mail.text).toContain(
      'Dit bedrijf hoort bij de ontvangers die onze privacyverklaring noemt als ‘Leveranciers van diensten via derden’.',
    );
    expect(mail.text).toContain('werkt in onze opdracht');
    expect(mail.text).not.toContain('leveranciers');

    await t.services.disclosures.releases.release(cliActor(), disclosure.id, new Date(Date.now() + 73 * 3_600_000));
    const request = await newRequest(t, 'access', subject.id, { language: 'nl' });
    await execute(t, request);
    const content = await t.database.db
      .selectFrom('access_packages')
      .select('content')
      .where('request_id', '=', request.id)
      .executeTakeFirstOrThrow();
    const report = strFromU8(unzipSync(new Uint8Array(content.content))['report.html'] as Uint8Array);
    expect(report).toMatch(
      /Pakketdienst Utrecht B\.V\. \(KvK-nummer 12345678, een van onze ontvangers in de groep ‘Leveranciers van diensten via derden’\), op \d{1,2} [a-z]+ \d{4}: adres, e-mailadres/,
    );
    expect(report).toContain(
      'Het gaat om: Drukkerij Noord B.V. (KvK-nummer 23456789); Koerier BV; Pakketdienst Utrecht B.V. (KvK-nummer 12345678).',
    );
    expect(report).not.toContain('Oud B.V.');
  });

  it('tells the person again for another company of the same category: a notice names one company', async () => {
    const subject = await newSubject(t, { email: 'bram@example.nl', language: 'en' });
    const first = (
      await disclose(subject.id, { recipientId: 'leveranciers', companyId: PARCELS.id, categories: SUPPLIER })
    ).json<Disclosure>();
    const second = (
      await disclose(subject.id, { recipientId: 'leveranciers', companyId: COURIER.id, categories: ['user.contact.address'] })
    ).json<Disclosure>();
    expect(second.notice.outboxId).not.toBeNull();
    expect(second.notice.outboxId).not.toBe(first.notice.outboxId);
    await t.services.mailDelivery.deliverDue();
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('bram@example.nl') && m.subject.includes('Koerier'));
    expect(mail.subject).toBe('We are giving your data to Koerier BV');
    expect(mail.text).toContain('is giving Koerier BV, established in Belgium, the following data about you: address.');
    expect(mail.text).toContain('Koerier BV is itself responsible for what it does with your data.');
  });

  describe('refuses what the register does not name, logs it as denied, and discloses and queues nothing', () => {
    const cases = [
      {
        name: 'no company where the category names its companies',
        payload: { recipientId: 'leveranciers', categories: SUPPLIER },
        code: 'company_required',
      },
      {
        name: 'a company the register does not know',
        payload: { recipientId: 'leveranciers', companyId: 'databroker-bv', categories: SUPPLIER },
        code: 'company_unknown',
      },
      {
        name: 'a company of another category',
        payload: { recipientId: 'leveranciers', companyId: 'boekhouding', categories: SUPPLIER },
        code: 'company_unknown',
      },
      {
        name: 'a retired company',
        payload: { recipientId: 'leveranciers', companyId: 'oud-bv', categories: SUPPLIER },
        code: 'company_retired',
      },
      {
        name: 'a processor company without its own agreement (Art. 28(3))',
        payload: { recipientId: 'leveranciers', companyId: PRINTER.id, categories: SUPPLIER },
        code: 'processor_agreement_missing',
      },
      {
        name: 'the storage provider, which keeps all data already',
        payload: { recipientId: 'microsoft', companyId: 'microsoft-ireland', purpose: 'contract', categories: ['user.name'] },
        code: 'recipient_is_storage',
      },
    ];
    it.each(cases)('$name: $code', async (c) => {
      const subject = await newSubject(t);
      const before = await counts();
      const response = await disclose(subject.id, c.payload);
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json()).toMatchObject({ error: { code: c.code } });
      expect(await counts()).toEqual({ ...before, log: before.log + 1 });
      const entry = await lastLogEntry(t);
      expect(entry).toMatchObject({ operation: 'disclose', outcome: 'denied' });
      expect(entry.reason).toContain(c.code);
      expect(JSON.parse(entry.subject_ids)).toEqual([subject.id]);
    });
  });

  it('tells the person in advance when the register does not name the company of a category that gives no notices (P9)', async () => {
    await t.services.recipients.create(cliActor(), {
      id: 'adviseur',
      name: { nl: 'Adviseur', en: 'Adviser' },
      role: 'controller',
      purposes: ['contract'],
      categories: ['user.name'],
      country: 'NL',
      noticePerDisclosure: false,
    });
    const subject = await newSubject(t);
    const made = (await disclose(subject.id, { recipientId: 'adviseur', categories: ['user.name'] })).json<Disclosure>();
    expect(made).toMatchObject({
      status: 'awaiting_notice',
      notice: { status: 'queued' },
      recipient: { company: null, name: { nl: 'Adviseur' } },
    });
    await t.services.companies.add(cliActor(), 'adviseur', {
      id: 'adviseur-bv',
      legalName: 'Adviseur B.V.',
      kvkNumber: '45678901',
      country: 'NL',
      role: 'controller',
    });
    const named = (
      await disclose(subject.id, { recipientId: 'adviseur', companyId: 'adviseur-bv', categories: ['user.name'] })
    ).json<Disclosure>();
    expect(named).toMatchObject({ status: 'released', notice: { status: 'not_required', outboxId: null } });
  });

  it('wants the purpose of a recipient that serves several, and only categories that purpose covers', async () => {
    await t.services.recipients.create(cliActor(), {
      id: 'callcenter',
      name: { nl: 'Callcenter', en: 'Call centre' },
      role: 'controller',
      purposes: ['contract', 'correspondence'],
      categories: ['user.contact.address', 'user.contact.phone_number'],
      country: 'NL',
    });
    const subject = await newSubject(t);
    const refused = async (payload: object) =>
      (await disclose(subject.id, { recipientId: 'callcenter', ...payload })).json<{ error: { code: string } }>().error.code;
    expect(await refused({ categories: ['user.contact.phone_number'] })).toBe('purpose_required');
    expect(await refused({ purpose: 'invoicing', categories: ['user.contact.phone_number'] })).toBe('purpose_not_registered');
    // The address is registered, but correspondence does not cover it (Art. 5(1)(b)).
    expect(await refused({ purpose: 'correspondence', categories: ['user.contact.address'] })).toBe('category_not_registered');
    const made = await disclose(subject.id, {
      recipientId: 'callcenter',
      purpose: 'correspondence',
      categories: ['user.contact.phone_number'],
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ purpose: 'correspondence' });
    expect(await lastLogEntry(t)).toMatchObject({ operation: 'disclose', purpose: 'correspondence', outcome: 'allowed' });
  });

  it('cancels a waiting disclosure whose company was retired before the notice went out', async () => {
    const subject = await newSubject(t);
    const waiting = (
      await disclose(subject.id, { recipientId: 'leveranciers', companyId: COURIER.id, categories: ['user.contact.address'] })
    ).json<Disclosure>();
    await t.services.companies.retire(cliActor(), { id: 'leveranciers', companyId: COURIER.id });
    await t.services.mailDelivery.deliverDue();
    expect(
      (await t.services.disclosures.releases.releaseDue(new Date(Date.now() + 73 * 3_600_000))).cancelled,
    ).toBeGreaterThanOrEqual(1);
    const row = await t.database.db
      .selectFrom('disclosures')
      .select(['status', 'cancel_reason'])
      .where('id', '=', waiting.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('cancelled');
    expect(row.cancel_reason).toMatch(/^company_retired/);
  });
});

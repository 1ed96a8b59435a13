import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { lastLogEntry, logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.ts';
import { loadConfig } from '../config/env.ts';
import { cliActor } from '../guard/actor.ts';
import { execute, newRequest } from '../../test/support/executions.ts';
import { DisclosureReleaseService } from './disclosure-release.service.ts';
import type { Disclosure } from './disclosure.schema.ts';
import { DisclosureService } from './disclosure.service.ts';

const SUPPLIER = ['user.contact.address', 'user.contact.email'];
const FIRM = {
  id: 'boekhouding-utrecht',
  legalName: 'Boekhouding Utrecht B.V.',
  kvkNumber: '87654321',
  country: 'NL',
  role: 'processor' as const,
};

describe.each(DIALECTS)('disclosures to recipients of the register (P7-P9), on %s', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let staff: string;
  let accountant: string;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp(dialect, { smtpUrl: smtp.url });
    staff = await t.signIn('staff');
    accountant = await t.signIn('accountant');
    const actor = cliActor();
    await t.services.recipients.recordAgreement(actor, 'leveranciers', {
      signedOn: '2026-01-01',
      documentReference: 'VWO-LEV-2026',
    });
    // The accounting firm by name (P9: the statement names it, so it needs no notice), its agreement with the company.
    await t.services.companies.add(actor, 'administratiekantoor', FIRM);
    await t.services.companies.recordAgreement(
      actor,
      { id: 'administratiekantoor', companyId: FIRM.id },
      { signedOn: '2025-06-01', expiresOn: '2027-12-31', documentReference: 'VWO-ADM-2025' },
    );
    // A printer whose agreement ran out, one without any, and a newsletter partner (an independent controller).
    await t.services.recipients.create(actor, {
      id: 'drukkerij',
      name: { nl: 'Drukkerij', en: 'Printer' },
      role: 'processor',
      purposes: ['contract'],
      categories: ['user.name', 'user.contact.address'],
      country: 'NL',
    });
    await t.services.recipients.recordAgreement(actor, 'drukkerij', {
      signedOn: '2024-01-01',
      expiresOn: '2025-12-31',
      documentReference: 'VWO-DRUK-2024',
    });
    await t.services.recipients.create(actor, {
      id: 'koerier',
      name: { nl: 'Koerier', en: 'Courier' },
      role: 'processor',
      purposes: ['contract'],
      categories: ['user.contact.address'],
      country: 'NL',
    });
    await t.services.recipients.create(actor, {
      id: 'nieuwsbrief',
      name: { nl: 'Nieuwsbriefpartner', en: 'Newsletter partner' },
      role: 'controller',
      purposes: ['correspondence'],
      categories: ['user.contact.email'],
      country: 'NL',
      noticePerDisclosure: false,
    });
    await t.services.companies.add(actor, 'nieuwsbrief', {
      id: 'nieuwsbrief-bv',
      legalName: 'Nieuwsbrief B.V.',
      kvkNumber: '11223344',
      country: 'NL',
      role: 'controller',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const disclose = (subjectId: string, payload: object, cookie = staff) =>
    t.app.inject({ method: 'POST', url: `/api/subjects/${subjectId}/disclosures`, payload, headers: { cookie } });
  const post = (url: string, cookie = staff, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload === undefined ? {} : { payload }) });
  const get = (url: string, cookie = staff) => t.app.inject({ method: 'GET', url, headers: { cookie } });
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
  const noticeOf = (disclosureId: string) =>
    t.database.db
      .selectFrom('outbox')
      .select(['id', 'kind', 'to_address', 'title', 'body_text', 'language', 'status', 'sent_at'])
      .where('related_type', '=', 'disclosure')
      .where('related_id', '=', disclosureId)
      .execute();

  describe('refuses what the register does not allow, and discloses and queues nothing', () => {
    const cases = [
      {
        name: 'a recipient that is not in the register',
        payload: { recipientId: 'databroker', categories: ['user.contact.email'] },
        code: 'recipient_unknown',
      },
      {
        name: 'a category the recipient is not registered for',
        payload: { recipientId: 'leveranciers', categories: ['user.contact.email', 'user.contact.phone_number'] },
        code: 'category_not_registered',
      },
      {
        name: 'a processor whose agreement expired',
        payload: { recipientId: 'drukkerij', categories: ['user.name'] },
        code: 'processor_agreement_expired',
      },
      {
        name: 'a processor without an agreement',
        payload: { recipientId: 'koerier', categories: ['user.contact.address'] },
        code: 'processor_agreement_missing',
      },
    ];
    it.each(cases)('$name: $code, with a denied entry naming the person', async (c) => {
      const subject = await newSubject(t);
      const before = await counts();
      const response = await disclose(subject.id, c.payload);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ error: { code: c.code } });
      expect(await counts()).toEqual({ ...before, log: before.log + 1 });
      const entry = await lastLogEntry(t);
      expect(entry).toMatchObject({ operation: 'disclose', record_type: 'subject', outcome: 'denied', actor_role: 'staff' });
      expect(entry.reason).toContain(c.code);
      expect(JSON.parse(entry.subject_ids)).toEqual([subject.id]);
    });

    it('refuses bad input without a log entry: an unknown category, a recorded hand-over without a description, an unknown field', async () => {
      const subject = await newSubject(t);
      const before = await counts();
      for (const payload of [
        { recipientId: 'leveranciers', categories: ['user.dna'] },
        { recipientId: 'leveranciers', categories: ['user.contact.email'], mode: 'recorded' },
        { recipientId: 'leveranciers', categories: ['user.contact.email'], format: 'xml' },
        { recipientId: 'leveranciers', categories: ['user.contact.email'], urgent: true },
        { recipientId: 'leveranciers', categories: [] },
      ]) {
        const response = await disclose(subject.id, payload);
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
        expect(response.json()).toMatchObject({ error: { code: 'validation_failed' } });
      }
      expect(
        (
          await disclose('00000000-0000-4000-8000-000000000000', {
            recipientId: 'leveranciers',
            categories: ['user.contact.email'],
          })
        ).statusCode,
      ).toBe(404);
      expect(await counts()).toEqual(before);
    });

    it('refuses a restricted person (Art. 18) and an objection to the purpose (Art. 21) with a denied entry', async () => {
      const restricted = await newSubject(t);
      await execute(t, await newRequest(t, 'restriction', restricted.id));
      const objecting = await newSubject(t);
      await execute(t, await newRequest(t, 'objection', objecting.id, { purpose: 'correspondence' }));
      const before = await counts();
      const refused = await disclose(restricted.id, { recipientId: 'leveranciers', categories: SUPPLIER });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ error: { code: 'restricted' } });
      expect(await lastLogEntry(t)).toMatchObject({
        operation: 'disclose',
        outcome: 'denied',
        subject_ids: JSON.stringify([restricted.id]),
      });
      const objected = await disclose(objecting.id, {
        recipientId: 'nieuwsbrief',
        companyId: 'nieuwsbrief-bv',
        categories: ['user.contact.email'],
      });
      expect(objected.json()).toMatchObject({ error: { code: 'objected' } });
      expect(await lastLogEntry(t)).toMatchObject({ operation: 'disclose', purpose: 'correspondence', outcome: 'denied' });
      expect(await counts()).toEqual({ ...before, log: before.log + 2 });
      // The same person may still go to a recipient of a purpose they did not object to.
      await t.services.recipients.recordAgreement(cliActor(), 'koerier', {
        signedOn: '2026-01-01',
        documentReference: 'VWO-KOE',
      });
      expect((await disclose(objecting.id, { recipientId: 'koerier', categories: ['user.contact.address'] })).statusCode).toBe(
        201,
      );
    });

    it('lets neither the accountant nor anyone signed out disclose', async () => {
      const subject = await newSubject(t);
      const before = await counts();
      expect(
        (
          await disclose(
            subject.id,
            { recipientId: 'administratiekantoor', companyId: FIRM.id, categories: ['user.name'] },
            accountant,
          )
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: `/api/subjects/${subject.id}/disclosures`,
            payload: { recipientId: 'administratiekantoor', companyId: FIRM.id, categories: ['user.name'] },
          })
        ).statusCode,
      ).toBe(401);
      expect(await counts()).toEqual({ ...before, log: before.log + 1 });
    });
  });

  it('tells the person in their language before the data goes out, and releases it only after the notice was delivered', async () => {
    const subject = await newSubject(t, { language: 'en', email: 'lisa@example.com' });
    const made = await disclose(subject.id, { recipientId: 'leveranciers', categories: SUPPLIER });
    expect(made.statusCode, made.body).toBe(201);
    const disclosure = made.json<Disclosure>();
    expect(disclosure).toMatchObject({
      kind: 'disclosure',
      status: 'awaiting_notice',
      categories: SUPPLIER,
      purpose: 'contract',
      releasedAt: null,
      notice: { status: 'queued' },
    });
    expect(disclosure.legalGround).toContain('VWO-LEV-2026');
    expect(await lastLogEntry(t)).toMatchObject({
      operation: 'disclose',
      outcome: 'allowed',
      records: JSON.stringify([`subject:${subject.id}`, `disclosure:${disclosure.id}`]),
    });

    const [notice] = await noticeOf(disclosure.id);
    expect(notice).toMatchObject({
      kind: 'disclosure_notice',
      to_address: 'lisa@example.com',
      language: 'en',
      status: 'pending',
    });
    expect(notice?.title).toBe('We are giving your data to Suppliers of services delivered through third parties');
    expect(notice?.body_text).toContain('address and e-mail address');
    expect(notice?.body_text).toContain('Performance of agreements for services and products');
    // Art. 21(1): no right to object to processing on a contract (Art. 6(1)(b)); questions and the AP instead.
    expect(notice?.body_text).not.toMatch(/object/i);
    expect(notice?.body_text).toContain('lodge a complaint with the Autoriteit Persoonsgegevens');

    // Before the notice went out: no release, no export.
    const early = await post(`/api/disclosures/${disclosure.id}/release`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: { code: 'notice_not_sent' } });
    expect((await get(`/api/disclosures/${disclosure.id}/export`)).json()).toMatchObject({
      error: { code: 'disclosure_not_released' },
    });
    expect(await t.services.disclosures.releases.releaseDue()).toEqual({ released: 0, cancelled: 0 });

    await t.services.mailDelivery.deliverDue();
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('lisa@example.com'));
    expect(mail.subject).toBe(notice?.title);
    const arrivedBefore = smtp.messages.length;
    expect((await t.services.disclosures.releases.releaseDue()).released).toBeGreaterThanOrEqual(1);

    const released = (await get(`/api/disclosures/${disclosure.id}`)).json<Disclosure>();
    expect(released).toMatchObject({ status: 'released', notice: { status: 'sent' } });
    expect(released.notice.sentAt).not.toBeNull();
    expect((released.releasedAt ?? '') >= (released.notice.sentAt ?? '~')).toBe(true);
    expect(smtp.messages.length).toBe(arrivedBefore);

    const exported = await get(`/api/disclosures/${disclosure.id}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toBe(`attachment; filename="disclosure-${disclosure.id}.json"`);
    const document = exported.json<{ to: string; categories: string[]; data: { person: Record<string, unknown> } }>();
    expect(document).toMatchObject({ to: 'Suppliers of services delivered through third parties', categories: SUPPLIER });
    // Exactly the categories disclosed: no name, phone or reference.
    expect(document.data).toEqual({
      person: {
        email: 'lisa@example.com',
        addresses: [{ kind: 'postal', street: 'Oudegracht 1', postalCode: '3511 AA', city: 'Utrecht', country: 'NL' }],
      },
    });
    expect(await lastLogEntry(t)).toMatchObject({
      operation: 'disclose',
      outcome: 'allowed',
      reason: `export of disclosure ${disclosure.id}`,
    });
  });

  it('offers an objection in the notice only where the purpose rests on a legitimate interest (Art. 21(1), Art. 6(1)(f))', async () => {
    await t.services.recipients.create(cliActor(), {
      id: 'klantpanel',
      name: { nl: 'Klantpanel BV', en: 'Klantpanel BV' },
      role: 'controller',
      purposes: ['correspondence'],
      categories: ['user.contact.email'],
      country: 'NL',
    });
    const subject = await newSubject(t, { email: 'bezwaar@example.nl' });
    const made = await disclose(subject.id, { recipientId: 'klantpanel', categories: ['user.contact.email'] });
    expect(made.statusCode, made.body).toBe(201);
    const [notice] = await noticeOf(made.json<Disclosure>().id);
    expect(notice?.body_text).toContain('U hebt het recht hiertegen bezwaar te maken (art. 21 AVG)');
    const contract = (await disclose(subject.id, { recipientId: 'leveranciers', categories: SUPPLIER })).json<Disclosure>();
    const [contractNotice] = await noticeOf(contract.id);
    expect(contractNotice?.body_text).not.toContain('bezwaar');
    expect(contractNotice?.body_text).toContain('U kunt ook een klacht indienen bij de Autoriteit Persoonsgegevens');
  });

  it('relies on the earlier notice for a later disclosure to the same recipient, and exports CSV safely', async () => {
    const subject = await newSubject(t, {
      email: 'piet@example.nl',
      addresses: [{ kind: 'postal', street: '=HYPERLINK("http://x")', postalCode: '3511 AA', city: 'Utrecht', country: 'NL' }],
    });
    const first = (await disclose(subject.id, { recipientId: 'leveranciers', categories: SUPPLIER })).json<Disclosure>();
    await t.services.mailDelivery.deliverDue();
    await smtp.waitFor((m) => m.envelope.to.includes('piet@example.nl'));
    const second = await disclose(subject.id, {
      recipientId: 'leveranciers',
      categories: ['user.contact.address'],
      format: 'csv',
    });
    expect(second.json()).toMatchObject({ status: 'released', notice: { status: 'sent', outboxId: first.notice.outboxId } });
    expect(await noticeOf(second.json<Disclosure>().id)).toEqual([]);
    const csv = (await get(`/api/disclosures/${second.json<Disclosure>().id}/export`)).body;
    expect(csv.split('\r\n')[0]).toBe('category,field,value');
    expect(csv).toContain(`user.contact.address,person.addresses.1.street,"'=HYPERLINK(""http://x"")"`);
    expect(csv).not.toContain('piet@example.nl');
  });

  it('needs no notice per disclosure for the accounting firm, named in the statement', async () => {
    const subject = await newSubject(t);
    const before = await counts();
    const made = await disclose(subject.id, {
      recipientId: 'administratiekantoor',
      companyId: FIRM.id,
      categories: ['user.name', 'user.account.reference'],
    });
    expect(made.json()).toMatchObject({ status: 'released', notice: { status: 'not_required', outboxId: null } });
    expect(await counts()).toEqual({ disclosures: before.disclosures + 1, outbox: before.outbox, log: before.log + 1 });
    const row = await t.database.db
      .selectFrom('disclosures')
      .select(['processor_agreement_id', 'released_by', 'requested_by'])
      .where('id', '=', made.json<Disclosure>().id)
      .executeTakeFirstOrThrow();
    expect(row.processor_agreement_id).not.toBeNull();
    expect(row.released_by).toBe(row.requested_by);
  });

  it('records a hand-over made another way, which has no export', async () => {
    const subject = await newSubject(t);
    const made = await disclose(subject.id, {
      recipientId: 'administratiekantoor',
      companyId: FIRM.id,
      categories: ['user.name'],
      mode: 'recorded',
      description: 'Naam telefonisch doorgegeven',
    });
    expect(made.json()).toMatchObject({
      mode: 'recorded',
      format: null,
      description: 'Naam telefonisch doorgegeven',
      status: 'released',
    });
    expect((await get(`/api/disclosures/${made.json<Disclosure>().id}/export`)).json()).toMatchObject({
      error: { code: 'conflict' },
    });
  });

  it('waits the configured lead time after the notice, and cancels a waiting disclosure', async () => {
    expect(loadConfig({ KLUIS_DISCLOSURE_NOTICE_LEAD_HOURS: '48' }).disclosureNoticeLeadHours).toBe(48);
    // P9 "vooraf": by default the person has three days to ask or object before the data goes out.
    expect(loadConfig({}).disclosureNoticeLeadHours).toBe(72);
    const options = { noticeLeadMs: 2 * 3_600_000 };
    const { db } = t.database;
    const made = await new DisclosureService(db, t.services.guard, t.services.policy, options).disclose(
      cliActor(),
      (await newSubject(t, { email: 'kees@example.nl' })).id,
      { recipientId: 'leveranciers', categories: SUPPLIER },
    );
    const [notice] = await noticeOf(made.id);
    expect(notice?.body_text).toContain('niet eerder door dan 2 uur na dit bericht');
    await t.services.mailDelivery.deliverDue();
    const releases = new DisclosureReleaseService(db, t.services.guard, t.services.policy, options);
    expect(await releases.releaseDue()).toEqual({ released: 0, cancelled: 0 });
    await expect(releases.release(cliActor(), made.id)).rejects.toMatchObject({ code: 'notice_not_sent' });
    expect((await releases.releaseDue(new Date(Date.now() + 3 * 3_600_000))).released).toBeGreaterThanOrEqual(1);
    expect((await t.services.disclosures.disclosures.get(cliActor(), made.id)).status).toBe('released');

    const waiting = (
      await disclose((await newSubject(t)).id, { recipientId: 'leveranciers', categories: SUPPLIER })
    ).json<Disclosure>();
    expect((await post(`/api/disclosures/${waiting.id}/cancel`, staff, {})).statusCode).toBe(400);
    const cancelled = await post(`/api/disclosures/${waiting.id}/cancel`, staff, { reason: 'Klant belde: niet doorgeven' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Klant belde: niet doorgeven' });
    expect((await post(`/api/disclosures/${waiting.id}/cancel`, staff, { reason: 'nogmaals' })).statusCode).toBe(409);
    await t.services.mailDelivery.deliverDue();
    expect((await post(`/api/disclosures/${waiting.id}/release`)).json()).toMatchObject({ error: { code: 'conflict' } });
  });

  it('cancels a waiting disclosure when the person restricted processing before the notice went out', async () => {
    const subject = await newSubject(t);
    const waiting = (await disclose(subject.id, { recipientId: 'leveranciers', categories: SUPPLIER })).json<Disclosure>();
    await execute(t, await newRequest(t, 'restriction', subject.id));
    await t.services.mailDelivery.deliverDue();
    expect((await t.services.disclosures.releases.releaseDue()).cancelled).toBe(1);
    const row = await t.database.db
      .selectFrom('disclosures')
      .select(['status', 'cancel_reason', 'released_at'])
      .where('id', '=', waiting.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'cancelled', released_at: null });
    expect(row.cancel_reason).toMatch(/^restricted/);
  });

  it("lists the person's disclosure log for staff and the dpo", async () => {
    const subject = await newSubject(t);
    await disclose(subject.id, { recipientId: 'administratiekantoor', companyId: FIRM.id, categories: ['user.name'] });
    await disclose(subject.id, { recipientId: 'leveranciers', categories: SUPPLIER });
    const before = await logCount(t);
    const listed = await get(`/api/subjects/${subject.id}/disclosures`);
    expect(listed.statusCode).toBe(200);
    const { disclosures } = listed.json<{ disclosures: Disclosure[] }>();
    // The firm by its legal name, its category beside it; a category that names no companies by its own name.
    expect(
      disclosures.map((d) => [
        d.recipient.id,
        d.recipient.name.nl,
        d.recipient.category?.nl,
        d.recipient.company?.kvkNumber ?? null,
        d.status,
        d.notice.status,
      ]),
    ).toEqual([
      ['administratiekantoor', 'Boekhouding Utrecht B.V.', 'Administratiekantoor', '87654321', 'released', 'not_required'],
      [
        'leveranciers',
        'Leveranciers van diensten via derden',
        'Leveranciers van diensten via derden',
        null,
        'awaiting_notice',
        'queued',
      ],
    ]);
    expect(await lastLogEntry(t)).toMatchObject({ operation: 'consult', outcome: 'allowed' });
    expect(await logCount(t)).toBe(before + 1);
    expect((await get(`/api/subjects/${subject.id}/disclosures`, accountant)).statusCode).toBe(403);
  });
});

import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { lastLogEntry, startTestApp, type TestApp } from '../../test/harness.ts';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.ts';
import { cliActor } from '../guard/actor.ts';
import { execute, newRequest } from '../../test/support/executions.ts';
import type { Subject } from '../subjects/subject.schema.ts';
import type { RecipientNotice } from './recipient-notice.schema.ts';

const SUPPLIER = ['user.contact.address', 'user.contact.email'];

const FIRM = {
  id: 'boekhouding-utrecht',
  legalName: 'Boekhouding Utrecht B.V.',
  kvkNumber: '87654321',
  country: 'NL',
  role: 'processor' as const,
  contactEmail: 'avg@boekhouding.example',
};

describe.each(DIALECTS)('the disclosure log in the rights of the person (Art. 15, 19), on %s', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let dpo: string;
  let staff: string;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp(dialect, { smtpUrl: smtp.url });
    dpo = await t.signIn('dpo');
    staff = await t.signIn('staff');
    const actor = cliActor();
    await t.services.recipients.recordAgreement(actor, 'leveranciers', {
      signedOn: '2026-01-01',
      documentReference: 'VWO-LEV-2026',
    });
    // The accounting firm by name, with an address of its own for Art. 19; its agreement with the company.
    await t.services.companies.add(actor, 'administratiekantoor', FIRM);
    await t.services.companies.recordAgreement(
      actor,
      { id: 'administratiekantoor', companyId: FIRM.id },
      { signedOn: '2025-06-01', documentReference: 'VWO-ADM-2025' },
    );
    await t.services.recipients.update(actor, 'leveranciers', { contactEmail: 'privacy@leverancier.example' });
    await t.services.recipients.create(actor, {
      id: 'installateur',
      name: { nl: 'Installateur', en: 'Installer' },
      role: 'controller',
      purposes: ['contract'],
      categories: ['user.contact.address'],
      country: 'NL',
      contactEmail: 'avg@installateur.example',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const post = (url: string, payload?: object, cookie = staff) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload === undefined ? {} : { payload }) });
  const get = (url: string, cookie = staff) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  /** A customer whose data went to the supplier (after the advance notice) and to the accounting firm, twice. */
  async function disclosedTwice(): Promise<Subject> {
    const subject = await newSubject(t);
    const actor = cliActor();
    const supplier = await t.services.disclosures.disclosures.disclose(actor, subject.id, {
      recipientId: 'leveranciers',
      categories: SUPPLIER,
    });
    await t.services.mailDelivery.deliverDue();
    await smtp.waitFor((m) => m.envelope.to.includes(subject.email ?? ''));
    await t.services.disclosures.releases.release(actor, supplier.id);
    await t.services.disclosures.disclosures.disclose(actor, subject.id, {
      recipientId: 'administratiekantoor',
      companyId: FIRM.id,
      categories: ['user.name'],
    });
    await t.services.disclosures.disclosures.disclose(actor, subject.id, {
      recipientId: 'administratiekantoor',
      companyId: FIRM.id,
      categories: ['user.name', 'user.account.reference'],
      mode: 'recorded',
      description: 'Per post',
    });
    // A disclosure still waiting for its notice gave nothing away yet.
    await t.services.disclosures.disclosures.disclose(actor, subject.id, {
      recipientId: 'installateur',
      categories: ['user.contact.address'],
    });
    return subject;
  }

  it('lists the actual recipients in the access package: data.json, the CSV and the report', async () => {
    const subject = await disclosedTwice();
    const request = await newRequest(t, 'access', subject.id, { language: 'nl' });
    await execute(t, request);
    const row = await t.database.db
      .selectFrom('access_packages')
      .select('content')
      .where('request_id', '=', request.id)
      .executeTakeFirstOrThrow();
    const files = unzipSync(new Uint8Array(row.content));
    const data = JSON.parse(strFromU8(files['data.json'] as Uint8Array)) as {
      disclosures: {
        recipient: { id: string; name: { nl: string }; company: { kvkNumber: string } | null };
        categories: string[];
        purpose: string;
        disclosedAt: string;
        legalGround: string;
      }[];
    };
    // Two disclosures made within a millisecond may come in either order.
    expect(data.disclosures.map((d) => [d.recipient.id, d.categories.join(' '), d.purpose]).sort()).toEqual([
      ['administratiekantoor', 'user.name user.account.reference', 'invoicing'],
      ['administratiekantoor', 'user.name', 'invoicing'],
      ['leveranciers', SUPPLIER.join(' '), 'contract'],
    ]);
    expect(data.disclosures.find((d) => d.recipient.id === 'leveranciers')?.legalGround).toContain('Art. 28(3)');
    // Art. 15(1)(c): the actual recipient is the company, by its legal name and KvK number.
    expect(data.disclosures.find((d) => d.recipient.id === 'administratiekantoor')?.recipient).toMatchObject({
      name: { nl: 'Boekhouding Utrecht B.V.' },
      company: { kvkNumber: '87654321' },
    });
    const csv = strFromU8(files['csv/disclosures.csv'] as Uint8Array).split('\r\n');
    expect(csv[0]).toBe(
      'id,kind,recipient_id,recipient,company_kvk_number,company_country,disclosed_at,categories,purpose,legal_ground',
    );
    expect(csv.filter((l) => l !== '')).toHaveLength(4);
    expect(csv.filter((l) => l.includes(',administratiekantoor,Boekhouding Utrecht B.V.,87654321,NL,'))).toHaveLength(2);
    const report = strFromU8(files['report.html'] as Uint8Array);
    expect(report).toContain('Deze partijen hebben uw gegevens werkelijk van ons ontvangen');
    expect(report).toMatch(
      /Leveranciers van diensten via derden, op \d{1,2} [a-z]+ \d{4}: adres, e-mailadres \(doel: Uitvoering van overeenkomst/,
    );
    expect(report).toMatch(
      /Boekhouding Utrecht B\.V\. \(KvK-nummer 87654321, een van onze ontvangers in de groep ‘Administratiekantoor’\), op \d{1,2} [a-z]+ \d{4}: naam \(doel: Facturen\)/,
    );
    // The register's list names the firm too, and Microsoft, which keeps all data as our processor.
    expect(report).toContain(
      'Administratiekantoor (verwerker, Nederland): naam, adres, klantkenmerk, factuurgegevens. Het gaat om: Boekhouding Utrecht B.V. (KvK-nummer 87654321).',
    );
    expect(report).toContain('Het gaat om: Microsoft Ireland Operations Limited.');
    expect(report).toContain('Soms bij Microsoft in Verenigde Staten (incidenteel)');
    expect(report).not.toContain('Installateur, op');
  });

  it('says in the report that nobody received the data when the log is empty', async () => {
    const subject = await newSubject(t);
    const request = await newRequest(t, 'access', subject.id, { language: 'en' });
    await execute(t, request);
    const row = await t.database.db
      .selectFrom('access_packages')
      .select('content')
      .where('request_id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(strFromU8(unzipSync(new Uint8Array(row.content))['report.html'] as Uint8Array)).toContain(
      'we have given your data to no one',
    );
  });

  it('queues exactly one notice per recipient that received the data when the person is erased (Art. 19)', async () => {
    const subject = await disclosedTwice();
    const request = await newRequest(t, 'erasure', subject.id);
    await execute(t, request);
    const notices = await t.database.db
      .selectFrom('recipient_notices')
      .select(['id', 'recipient_id', 'kind', 'status', 'outbox_id', 'request_id'])
      .where('subject_id', '=', subject.id)
      .orderBy('recipient_id')
      .execute();
    expect(notices.map((n) => [n.recipient_id, n.kind, n.status, n.request_id])).toEqual([
      ['administratiekantoor', 'erasure', 'queued', request.id],
      ['leveranciers', 'erasure', 'queued', request.id],
    ]);
    // Each recipient's registered address gets the message: the firm's company its own, the supplier the category's.
    const firmMail = await t.database.db
      .selectFrom('outbox')
      .select(['to_address', 'kind'])
      .where('id', '=', notices[0]?.outbox_id ?? '')
      .executeTakeFirstOrThrow();
    expect(firmMail).toEqual({ to_address: FIRM.contactEmail, kind: 'recipient_notice' });
    const mail = await t.database.db
      .selectFrom('outbox')
      .select(['to_address', 'kind'])
      .where('id', '=', notices[1]?.outbox_id ?? '')
      .executeTakeFirstOrThrow();
    expect(mail).toEqual({ to_address: 'privacy@leverancier.example', kind: 'recipient_notice' });
    const companies = await t.database.db
      .selectFrom('recipient_notices')
      .select('company_id')
      .where('subject_id', '=', subject.id)
      .orderBy('recipient_id')
      .execute();
    expect(companies.map((c) => c.company_id)).toEqual([FIRM.id, null]);
    // The erased person's disclosure log stays, naming them by an opaque id only (Art. 5(2)).
    expect(
      await t.database.db.selectFrom('subjects').select('id').where('id', '=', subject.id).executeTakeFirst(),
    ).toBeUndefined();
    expect(
      (await t.database.db.selectFrom('disclosures').select('id').where('subject_id', '=', subject.id).execute()).length,
    ).toBe(4);
    // The dpo's list still shows both notices, the erased person unnamed: the recipients must hear of this erasure.
    const listed = (await get(`/api/recipient-notices?customer=${subject.id}&sort=customer`, dpo)).json<{
      items: { id: string; customerName: string | null }[];
      total: number;
    }>();
    expect(listed.total).toBe(2);
    expect(listed.items.map((n) => [n.id, n.customerName]).sort()).toEqual(notices.map((n) => [n.id, null]).sort());
  });

  it('tracks the notices until confirmed or marked impossible with a reason, each logged', async () => {
    const subject = await disclosedTwice();
    // The name went to the firm, the e-mail address to the supplier: both hear of the change (Art. 19).
    await execute(
      t,
      await newRequest(t, 'rectification', subject.id, { changes: '{"lastName":"Jansen","email":"anna.jansen@example.nl"}' }),
    );
    const listed = await get(`/api/subjects/${subject.id}/recipient-notices`);
    expect(listed.statusCode).toBe(200);
    const notices = listed.json<{ notices: RecipientNotice[] }>().notices;
    expect(notices.map((n) => [n.recipient.id, n.kind, n.status]).sort()).toEqual([
      ['administratiekantoor', 'rectification', 'queued'],
      ['leveranciers', 'rectification', 'queued'],
    ]);
    const firm = notices.find((n) => n.recipient.id === 'administratiekantoor');
    expect(firm?.recipient).toMatchObject({
      name: { nl: 'Boekhouding Utrecht B.V.' },
      category: { nl: 'Administratiekantoor' },
      company: { id: FIRM.id },
    });
    const supplier = notices.find((n) => n.recipient.id === 'leveranciers');
    // The supplier, which has the e-mail address and not the name, reads the new address and is not told the name.
    const supplierMail = await t.database.db
      .selectFrom('recipient_notices')
      .innerJoin('outbox', 'outbox.id', 'recipient_notices.outbox_id')
      .select('outbox.body_text')
      .where('recipient_notices.id', '=', supplier?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(supplierMail.body_text).toContain('e-mailadres: anna.jansen@example.nl');
    expect(supplierMail.body_text).not.toContain('naam:');
    expect(supplierMail.body_text).not.toContain(subject.reference);
    expect(supplier?.message).toMatchObject({ status: 'pending' });

    const open = (await get('/api/recipient-notices?pageSize=100', dpo))
      .json<{ items: RecipientNotice[] }>()
      .items.map((n) => n.id);
    expect(open).toEqual(expect.arrayContaining([firm?.id, supplier?.id]));
    expect((await get('/api/recipient-notices', staff)).statusCode).toBe(403);

    const confirmed = await post(`/api/recipient-notices/${supplier?.id ?? ''}/confirm`, {
      note: 'Bevestigd per mail van 25 november',
    });
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', resolution: 'Bevestigd per mail van 25 november' });
    expect(confirmed.json<RecipientNotice>().resolvedBy).toMatch(/^user:/);
    expect(await lastLogEntry(t)).toMatchObject({
      operation: 'store',
      outcome: 'allowed',
      subject_ids: JSON.stringify([subject.id]),
      records: JSON.stringify([`recipient_notice:${supplier?.id ?? ''}`]),
    });
    expect((await post(`/api/recipient-notices/${supplier?.id ?? ''}/confirm`)).statusCode).toBe(409);

    expect((await post(`/api/recipient-notices/${firm?.id ?? ''}/impossible`, { reason: 'Kantoor opgeheven' })).statusCode).toBe(
      403,
    );
    expect((await post(`/api/recipient-notices/${firm?.id ?? ''}/impossible`, {}, dpo)).statusCode).toBe(400);
    const impossible = await post(
      `/api/recipient-notices/${firm?.id ?? ''}/impossible`,
      { reason: 'Kantoor opgeheven; niemand meer te bereiken' },
      dpo,
    );
    expect(impossible.json()).toMatchObject({ status: 'impossible', resolution: 'Kantoor opgeheven; niemand meer te bereiken' });
    const row = await t.database.db
      .selectFrom('recipient_notices')
      .select(['status', 'resolution', 'resolved_at'])
      .where('id', '=', firm?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'impossible', resolution: 'Kantoor opgeheven; niemand meer te bereiken' });
    expect(row.resolved_at).not.toBeNull();
    const done = (await get('/api/recipient-notices?status=impossible&pageSize=100', dpo))
      .json<{ items: RecipientNotice[] }>()
      .items.map((n) => n.id);
    expect(done).toContain(firm?.id);
  });

  it('lists the notices awaiting the recipient a page at a time, by kind and customer, sorted, each page logged (issue 19)', async () => {
    const named = async (lastName: string) => {
      const subject = await disclosedTwice();
      await t.services.subjects.update(cliActor(), subject.id, { lastName });
      await execute(
        t,
        await newRequest(t, 'rectification', subject.id, { changes: '{"firstName":"Kees","email":"nieuw@example.nl"}' }),
      );
      return subject.id;
    };
    const zwart = await named('Zwart');
    const aalders = await named('Aalders');
    const list = async (query: string) => {
      const r = await get(`/api/recipient-notices?customer=${zwart}&${query}`, dpo);
      expect(r.statusCode, r.body).toBe(200);
      return r.json<{ items: (RecipientNotice & { customerName: string })[]; total: number; page: number; pageSize: number }>();
    };
    const first = await list('pageSize=1');
    expect(first).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(first.items[0]).toMatchObject({
      subjectId: zwart,
      customerName: 'Kees Zwart',
      status: 'queued',
      kind: 'rectification',
    });
    const entry = await lastLogEntry(t);
    expect(entry).toMatchObject({ operation: 'consult', outcome: 'allowed', subject_ids: JSON.stringify([zwart]) });
    expect(JSON.parse(entry.records)).toEqual([`recipient_notice:${first.items[0]?.id ?? ''}`]);
    const second = await list('pageSize=1&page=2');
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    expect((await list('kind=erasure')).total).toBe(0);
    expect((await list('status=confirmed')).total).toBe(0);
    const both = await get(`/api/recipient-notices?sort=customer&order=asc&pageSize=100`, dpo);
    const names = both
      .json<{ items: { customerName: string; subjectId: string }[] }>()
      .items.filter((n) => [zwart, aalders].includes(n.subjectId));
    expect(names.map((n) => n.customerName)).toEqual(['Kees Aalders', 'Kees Aalders', 'Kees Zwart', 'Kees Zwart']);
    for (const q of [
      'page=0',
      'pageSize=101',
      'sort=nonsense',
      'order=sideways',
      'colour=blue',
      'status=lost',
      'kind=gift',
      'customer=anna',
    ]) {
      const refused = await get(`/api/recipient-notices?${q}`, dpo);
      expect(refused.statusCode, q).toBe(400);
      expect(refused.json<{ error: { code: string } }>().error.code, q).toBe('list_query_invalid');
    }
  });
});

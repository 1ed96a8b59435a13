import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/databases.ts';
import { newAgreement, newCase, newInvoice, newSubject, oldConsent } from '../../../test/factories.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { startTestSmtp, type TestSmtp } from '../../../test/smtp.ts';
import { cliActor } from '../../guard/actor.ts';
import { daysAgo, delivered, freshIp, mailTo } from '../../../test/support/requests.ts';

type Portable = {
  format: string;
  person?: Record<string, string | null>[];
  addresses?: Record<string, string | null>[];
  agreements?: Record<string, string | null>[];
  messages?: Record<string, string | null>[];
  attachments?: Record<string, string | null>[];
};

describe.each(DIALECTS)('the portability package (Art. 20 GDPR), on %s', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let staff: string;
  let dpo: string;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp(dialect, { smtpUrl: smtp.url });
    staff = await t.signIn('staff');
    dpo = await t.signIn('dpo');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const post = (url: string, payload: object | undefined, cookie: string) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload === undefined ? {} : { payload }) });

  /** A customer with a record of every kind: what Art. 20 reaches and what it does not. */
  async function customer(overrides: Parameters<typeof newSubject>[1] = {}) {
    const actor = cliActor();
    const subject = await newSubject(t, overrides);
    const invoiced = await newAgreement(t, subject.id, { endDate: '2026-02-28' });
    const quote = await newAgreement(t, subject.id, { kind: 'quote', title: 'Offerte netwerk', status: 'sent' });
    const draft = await newInvoice(t, subject.id, { agreementId: invoiced.id });
    const invoice = await t.services.invoices.issue(actor, draft.id, { completedOn: '2026-03-31' });
    const question = await newCase(t, subject.id);
    const attachment = {
      filename: 'foto.txt',
      contentType: 'text/plain',
      contentBase64: Buffer.from('de foto van de storing').toString('base64'),
    };
    const sent = await t.services.cases.addMessage(actor, question.id, {
      channel: 'email',
      direction: 'inbound',
      occurredAt: '2026-04-01T10:00:00Z',
      title: 'Storing',
      body: 'Mijn printer doet het niet.',
      attachments: [attachment],
    });
    await t.services.cases.addMessage(actor, question.id, {
      channel: 'email',
      direction: 'outbound',
      occurredAt: '2026-04-02T09:00:00Z',
      body: 'Wij komen morgen langs.',
    });
    const ownRequest = await newCase(t, subject.id, { kind: 'request', title: 'Verzoek om inzage' });
    await t.services.cases.addMessage(actor, ownRequest.id, {
      channel: 'email',
      direction: 'inbound',
      occurredAt: '2026-04-03T09:00:00Z',
      body: 'Graag inzage in mijn gegevens.',
    });
    // A consent kept from before Sen ICT stopped recording them (none of its purposes rests on consent): history only.
    const consent = await oldConsent(t, subject.id, 'contract');
    return { subject, invoiced, quote, invoice, question, sent, consent };
  }

  /** A portability request registered by staff, verified, and granted by the dpo; the decision's response. */
  async function granted(subjectId: string, email: string, language: 'nl' | 'en' = 'nl') {
    const filed = await post(
      '/api/requests',
      { kind: 'portability', channel: 'email', receivedOn: daysAgo(1), name: 'Anna de Vries', email, language },
      staff,
    );
    expect(filed.statusCode, filed.body).toBe(201);
    const { id } = filed.json<{ id: string }>();
    expect(
      (await post(`/api/requests/${id}/verify`, { method: 'known_contact', note: 'Vaste klant, teruggebeld', subjectId }, staff))
        .statusCode,
    ).toBe(200);
    const decided = await post(`/api/requests/${id}/decision`, { decision: 'granted' }, dpo);
    expect(decided.statusCode, decided.body).toBe(200);
    return { id, decided: decided.json<{ request: { status: string } }>() };
  }

  async function packageOf(requestId: string) {
    const listed = await t.app.inject({ url: `/api/requests/${requestId}/access-packages`, headers: { cookie: dpo } });
    const [pkg] = listed.json<{ packages: { id: string; kind: string; reviewStatus: string }[] }>().packages;
    expect(pkg).toMatchObject({ kind: 'portability', reviewStatus: 'pending_review' });
    const review = await t.app.inject({ url: `/api/access-packages/${pkg?.id ?? ''}/content`, headers: { cookie: dpo } });
    expect(review.statusCode).toBe(200);
    const files = unzipSync(new Uint8Array(review.rawPayload));
    return {
      id: pkg?.id ?? '',
      files,
      data: JSON.parse(strFromU8(files['data.json'] as Uint8Array)) as Portable,
      text: (name: string) => strFromU8(files[name] as Uint8Array),
    };
  }

  it('holds only what the person provided under the contract: name, contact details, reference, agreements and the messages they sent, as JSON and CSV', async () => {
    const c = await customer();
    const { id, decided } = await granted(c.subject.id, c.subject.email ?? '');
    expect(decided.request.status).toBe('awaiting_release');
    const { files, data, text } = await packageOf(id);

    expect(Object.keys(files).sort()).toEqual(
      [
        'README.txt',
        'data.json',
        'csv/person.csv',
        'csv/addresses.csv',
        'csv/agreements.csv',
        'csv/messages.csv',
        'csv/attachments.csv',
        data.attachments?.[0]?.file ?? 'attachment',
      ].sort(),
    );
    expect(data.format).toBe('kluis-portability/1');
    expect(data.person).toEqual([
      {
        customerReference: c.subject.reference,
        firstName: 'Anna',
        lastName: c.subject.lastName,
        email: c.subject.email,
        phone: '+31 30 123 4567',
      },
    ]);
    expect(data.addresses).toEqual([
      { kind: 'postal', street: 'Oudegracht 1', postalCode: '3511 AA', city: 'Utrecht', country: 'NL' },
    ]);
    expect(data.agreements?.map((a) => a.title).sort()).toEqual([c.invoiced.title, 'Offerte netwerk'].sort());
    // Only what the person sent, in a question of theirs: not our reply, not their request under the GDPR.
    expect(data.messages).toEqual([
      {
        id: c.sent.id,
        caseReference: c.question.reference,
        channel: 'email',
        sentAt: '2026-04-01T10:00:00.000Z',
        from: null,
        subject: 'Storing',
        text: 'Mijn printer doet het niet.',
      },
    ]);
    expect(strFromU8(files[data.attachments?.[0]?.file ?? ''] as Uint8Array)).toBe('de foto van de storing');
    // Not the invoices (legal obligation), not the consents, nothing of ours.
    const json = text('data.json');
    for (const absent of [
      'invoices',
      'consents',
      c.invoice.number ?? 'F-',
      'Wij komen morgen langs',
      'Graag inzage',
      c.subject.id,
      'gender',
      'source',
    ])
      expect(json).not.toContain(absent);

    // The CSVs carry the JSON's field names as their header; README.txt explains every one of them.
    expect(text('csv/person.csv').split('\r\n')[0]).toBe('customerReference,firstName,lastName,email,phone');
    expect(text('csv/messages.csv')).toContain('Mijn printer doet het niet.');
    const readme = text('README.txt');
    expect(readme).toContain('Uw gegevens van Sen ICT: overdracht (art. 20 AVG)');
    expect(readme).toContain('die wij gebruiken voor Uitvoering van overeenkomst voor diensten en producten (art. 20 lid 1 AVG)');
    expect(readme).toContain('Niet in dit pakket: factuurgegevens en gegeven toestemmingen');
    for (const name of Object.keys(files).filter((f) => f.startsWith('csv/'))) {
      for (const field of text(name).split('\r\n')[0]?.split(',') ?? [])
        expect(readme, `${name} ${field}`).toMatch(new RegExp(`\\r\\n  ${field}: \\S`));
    }

    // Building it is one export by the dpo naming what it read, and not the invoice or the consent.
    const entry = await t.database.db
      .selectFrom('processing_log')
      .select(['operation', 'records', 'reason'])
      .where('reason', 'like', '%portability package%')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(entry.operation).toBe('export');
    const records = JSON.parse(entry.records) as string[];
    expect(records).toEqual(
      expect.arrayContaining([`agreement:${c.invoiced.id}`, `agreement:${c.quote.id}`, `message:${c.sent.id}`]),
    );
    expect(records.some((r) => r.startsWith('invoice:') || r.startsWith('consent:'))).toBe(false);
  });

  it("leaves out the name and contact details a person's employer gave us (Art. 20(1): provided by the person), and answers at once when nothing is left", async () => {
    const c = await customer({ source: 'employer', sourceOrganisation: 'Bakkerij Jansen' });
    const { id } = await granted(c.subject.id, c.subject.email ?? '');
    const { data, files } = await packageOf(id);
    expect(data.person).toEqual([]);
    expect(data.addresses).toEqual([]);
    expect(data.messages?.map((m) => m.text)).toEqual(['Mijn printer doet het niet.']);
    expect(Object.keys(files)).toContain('csv/person.csv');

    const contact = await newSubject(t, { source: 'employer', sourceOrganisation: 'Bakkerij Jansen' });
    const nothing = await granted(contact.id, contact.email ?? '');
    expect(nothing.decided.request.status).toBe('answered');
    expect(await t.database.db.selectFrom('access_packages').select('id').where('request_id', '=', nothing.id).execute()).toEqual(
      [],
    );
    const answer = (await mailTo(t, contact.email ?? '')).find((m) => m.kind === 'request_answer');
    expect(answer?.body_text).toContain('er valt daarom niets over te dragen (art. 20 lid 1 AVG)');
  });

  it('goes to the person by the link of the access package when they named no organisation, with a code mailed to the address on file', async () => {
    const c = await customer({ language: 'en' });
    const email = c.subject.email ?? '';
    const { id } = await granted(c.subject.id, email, 'en');
    const { id: packageId } = await packageOf(id);
    const released = await post(`/api/access-packages/${packageId}/release`, undefined, dpo);
    expect(released.json()).toMatchObject({ reviewStatus: 'released', deliverTo: null });
    const linkRow = (await mailTo(t, email)).find((m) => m.kind === 'access_package');
    const link = await delivered(t, smtp, linkRow?.id ?? '');
    expect(link.subject).toContain('Your data are ready');
    expect(link.text).toContain('Your portability request');
    const token = /token=([A-Za-z0-9_-]+)/.exec(link.text)?.[1] ?? '';
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/public/packages/${token}/code`, remoteAddress: freshIp() })).statusCode,
    ).toBe(202);
    const codeRow = (await mailTo(t, email)).filter((m) => m.kind === 'package_code').at(-1);
    const code = /\b(\d{6})\b/.exec((await delivered(t, smtp, codeRow?.id ?? '')).text)?.[1] ?? '';
    const zip = await t.app.inject({ url: `/en/privacy/request/package?token=${token}&code=${code}` });
    expect(zip.statusCode, zip.body).toBe(200);
    expect(strFromU8(unzipSync(new Uint8Array(zip.rawPayload))['README.txt'] as Uint8Array)).toContain(
      'Your data from Sen ICT: portability (Art. 20 GDPR)',
    );
    const [last] = await t.database.db
      .selectFrom('processing_log')
      .select(['operation', 'actor_id'])
      .orderBy('seq', 'desc')
      .limit(1)
      .execute();
    expect(last).toMatchObject({ operation: 'export', actor_id: 'access-package-download' });
    expect(await t.database.db.selectFrom('disclosures').select('id').where('subject_id', '=', c.subject.id).execute()).toEqual(
      [],
    );
    expect(
      await t.database.db.selectFrom('rights_requests').select('status').where('id', '=', id).executeTakeFirstOrThrow(),
    ).toEqual({ status: 'answered' });
  });
});

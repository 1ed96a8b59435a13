import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/databases.ts';
import { newAgreement, newCase, newConsent, newInvoice, newSubject } from '../../../test/factories.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { withConsentPurpose } from '../../../test/policies.ts';
import { startTestSmtp, type TestSmtp } from '../../../test/smtp.ts';
import { cliActor } from '../../guard/actor.ts';
import { delivered } from '../../../test/support/requests.ts';
import { DPO, execute, lastEntries, newRequest } from '../../../test/support/executions.ts';

const CSV_FILES = [
  'subject',
  'addresses',
  'agreements',
  'invoices',
  'invoice-lines',
  'payments',
  'cases',
  'messages',
  'attachments',
  'consents',
  'restrictions',
  'objections',
  'recipient-notices',
  'disclosures',
  'processing-log',
].map((n) => `csv/${n}.csv`);
const SECTIONS = [
  'data',
  'purposes',
  'categories',
  'recipients',
  'retention',
  'source',
  'transfers',
  'automated',
  'rights',
  'complaint',
];

describe.each(DIALECTS)('the access package (Art. 15), on %s', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let dpoCookie: string;
  let staffCookie: string;

  // The day of the whole file; a test moves it on by seconds where the order of two mails matters.
  let moment = Date.parse('2026-12-02T10:00:00Z');
  beforeAll(async () => {
    smtp = await startTestSmtp();
    // Invoices are issued on 2 December 2026: kept until 1 January 2034 (art. 52 lid 4 AWR).
    t = await startTestApp(dialect, {
      smtpUrl: smtp.url,
      now: () => new Date(moment),
      policy: withConsentPurpose(),
    });
    dpoCookie = await t.signIn('dpo');
    staffCookie = await t.signIn('staff');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /** The download token in the link mail of a released package, as the person received it. */
  const tokenMailed = async (packageId: string): Promise<{ to: string; token: string }> => {
    const row = await t.database.db
      .selectFrom('outbox')
      .select(['id', 'to_address'])
      .where('related_id', '=', packageId)
      .where('kind', '=', 'access_package')
      .executeTakeFirstOrThrow();
    const mail = await delivered(t, smtp, row.id);
    return { to: row.to_address, token: /token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? '' };
  };

  /** A customer with one record of every kind, an attachment among them. */
  async function customer() {
    const actor = cliActor();
    const subject = await newSubject(t);
    const agreement = await newAgreement(t, subject.id);
    const invoice = await newInvoice(t, subject.id, { agreementId: agreement.id });
    await t.services.invoices.issue(actor, invoice.id, { completedOn: '2026-03-31' });
    await t.services.payments.record(actor, invoice.id, { amountCents: 5000, paidOn: '2026-04-15', reference: 'NL-BANK-0042' });
    const opened = await newCase(t, subject.id);
    await t.services.cases.addMessage(actor, opened.id, {
      channel: 'email',
      direction: 'inbound',
      occurredAt: '2026-04-01T10:00:00Z',
      body: 'Mijn buurman Piet vindt de factuur ook te hoog.',
      attachments: [
        {
          filename: 'brief.txt',
          contentType: 'text/plain',
          contentBase64: Buffer.from('inhoud van de brief').toString('base64'),
        },
      ],
    });
    await newConsent(t, subject.id);
    return { subject, invoice, opened };
  }

  const packageOf = (requestId: string) =>
    t.database.db
      .selectFrom('access_packages')
      .select(['id', 'review_status', 'content', 'size_bytes', 'released_at', 'downloaded_at', 'expires_at'])
      .where('request_id', '=', requestId)
      .executeTakeFirstOrThrow();

  it('holds every Art. 15(1) item: the data as JSON and CSV, the attachments, the own log entries and the report in Dutch', async () => {
    const { subject, invoice } = await customer();
    const logged = await t.database.db
      .selectFrom('processing_log_subjects')
      .select('log_seq')
      .where('subject_id', '=', subject.id)
      .execute();
    const request = await newRequest(t, 'access', subject.id, { language: 'nl' });
    const outcome = await execute(t, request);
    expect(outcome.kept).toEqual([]);
    expect(outcome.summary.nl).toMatch(/art\. 15 lid 4/);

    const row = await packageOf(request.id);
    expect(row.review_status).toBe('pending_review');
    expect(row.released_at).toBeNull();
    const files = unzipSync(new Uint8Array(row.content));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['data.json', 'report.html', ...CSV_FILES]));

    const data = JSON.parse(strFromU8(files['data.json'] as Uint8Array)) as Record<string, unknown> & {
      subject: { id: string; addresses: unknown[] };
      invoices: { id: string; lines: unknown[] }[];
      payments: { invoiceId: string; paidOn: string; amountCents: number; reference: string }[];
      cases: { messages: { attachments: { file: string }[] }[] }[];
      processingLog: { seq: number; records: string[] }[];
      disclosures: unknown[];
    };
    expect(Object.keys(data)).toEqual(
      expect.arrayContaining([
        'subject',
        'agreements',
        'invoices',
        'cases',
        'consents',
        'restrictions',
        'objections',
        'recipientNotices',
        'disclosures',
        'disclosuresNote',
        'retention',
        'processingLog',
      ]),
    );
    expect(data.subject.id).toBe(subject.id);
    expect(data.subject.addresses).toHaveLength(1);
    expect(data.invoices.map((i) => i.id)).toEqual([invoice.id]);
    expect(data.invoices[0]?.lines).toHaveLength(1);
    // The payments received on the person's invoices (issue 20), without who recorded them.
    expect(data.payments).toEqual([
      expect.objectContaining({ invoiceId: invoice.id, paidOn: '2026-04-15', amountCents: 5000, reference: 'NL-BANK-0042' }),
    ]);
    expect(strFromU8(files['csv/payments.csv'] as Uint8Array)).toContain('2026-04-15,5000,NL-BANK-0042');
    expect(data.disclosures).toEqual([]);
    const file = data.cases[0]?.messages[0]?.attachments[0]?.file ?? '';
    expect(strFromU8(files[file] as Uint8Array)).toBe('inhoud van de brief');
    // Every entry of the log that names the person, and no staff member's identity.
    expect(data.processingLog.map((e) => e.seq)).toEqual(logged.map((l) => Number(l.log_seq)).sort((a, b) => a - b));
    expect(JSON.stringify(data.processingLog)).not.toContain('actorId');

    const invoicesCsv = strFromU8(files['csv/invoices.csv'] as Uint8Array);
    expect(invoicesCsv.split('\r\n')[0]).toContain('completed_on');
    expect(invoicesCsv).toContain(invoice.id);

    const report = strFromU8(files['report.html'] as Uint8Array);
    expect(report).toContain('<html lang="nl">');
    for (const id of SECTIONS) expect(report).toContain(`<section id="${id}">`);
    expect(report).toContain('Uitvoering van overeenkomst');
    expect(report).toContain('Administratiekantoor');
    expect(report).toContain('Autoriteit Persoonsgegevens');
    expect(report).toContain('bewaard tot 2034-01-01');
    expect(report).toContain('modelcontractbepalingen');
    expect(report).toContain('art. 16 AVG');

    const [entry] = await lastEntries(t, 1);
    expect(entry).toMatchObject({ operation: 'export', record_type: 'subject', outcome: 'allowed', actor_role: 'dpo' });
    expect(JSON.parse(entry?.records ?? '[]')).toEqual(expect.arrayContaining([`invoice:${invoice.id}`]));
  });

  it('writes the report in English when the request is in English', async () => {
    const { subject } = await customer();
    const request = await newRequest(t, 'access', subject.id, { language: 'en' });
    await execute(t, request);
    const files = unzipSync(new Uint8Array((await packageOf(request.id)).content));
    const report = strFromU8(files['report.html'] as Uint8Array);
    expect(report).toContain('<html lang="en">');
    for (const id of SECTIONS) expect(report).toContain(`<section id="${id}">`);
    expect(report).toContain('Performance of agreements');
    expect(report).toContain('kept until 2034-01-01');
    expect(report).toContain('standard contractual clauses');
    expect(report).toContain('lodge a complaint with the Autoriteit Persoonsgegevens');
  });

  it('is released by the dpo only, and downloaded with the token from the mail and a fresh code sent to the address on file', async () => {
    const { subject } = await customer();
    const request = await newRequest(t, 'access', subject.id);
    await execute(t, request);
    const { id } = await packageOf(request.id);

    const byStaff = await t.app.inject({
      method: 'POST',
      url: `/api/access-packages/${id}/release`,
      headers: { cookie: staffCookie },
    });
    expect(byStaff.statusCode).toBe(403);
    const released = await t.app.inject({
      method: 'POST',
      url: `/api/access-packages/${id}/release`,
      headers: { cookie: dpoCookie },
    });
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ id, reviewStatus: 'released' });
    expect(released.body).not.toMatch(/token/i);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/access-packages/${id}/release`,
      headers: { cookie: dpoCookie },
    });
    expect(again.statusCode).toBe(409);

    const linkMail = await tokenMailed(id);
    expect(linkMail.to).toBe(request.requester_email);
    const { token } = linkMail;
    expect(token.length).toBeGreaterThan(40);

    const page = await t.app.inject({ method: 'GET', url: `/privacy/request/package?token=${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Stuur mij een code');

    const form = await t.app.inject({
      method: 'POST',
      url: `/privacy/request/package/code?token=${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(form.statusCode).toBe(303);
    // The second code is asked for a second later: the outbox tells the two mails apart by their time.
    moment += 1_000;
    const sent = await t.app.inject({ method: 'POST', url: `/api/public/packages/${token}/code` });
    expect(sent.statusCode).toBe(202);
    const codeMails = await t.database.db
      .selectFrom('outbox')
      .select(['id', 'to_address'])
      .where('related_id', '=', id)
      .where('kind', '=', 'package_code')
      .orderBy('created_at')
      .execute();
    expect(codeMails).toHaveLength(2);
    expect(codeMails.every((m) => m.to_address === subject.email)).toBe(true);
    const oldCode = /\b(\d{6})\b/.exec((await delivered(t, smtp, codeMails[0]?.id ?? '')).text)?.[1] ?? '';
    const code = /\b(\d{6})\b/.exec((await delivered(t, smtp, codeMails[1]?.id ?? '')).text)?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);

    const wrong = await t.app.inject({
      method: 'GET',
      url: `/privacy/request/package?token=${token}&code=${code === '000000' ? '111111' : '000000'}`,
    });
    expect(wrong.statusCode).toBe(400);
    if (oldCode !== code)
      expect(
        (await t.app.inject({ method: 'GET', url: `/privacy/request/package?token=${token}&code=${oldCode}` })).statusCode,
      ).toBe(400);
    const download = await t.app.inject({ method: 'GET', url: `/privacy/request/package?token=${token}&code=${code}` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(Object.keys(unzipSync(new Uint8Array(download.rawPayload)))).toContain('report.html');
    expect((await packageOf(request.id)).downloaded_at).not.toBeNull();
    const [entry] = await lastEntries(t, 1);
    expect(entry).toMatchObject({ operation: 'export', outcome: 'allowed' });
    expect(JSON.parse(entry?.subject_ids ?? '[]')).toEqual([subject.id]);

    const reused = await t.app.inject({ method: 'GET', url: `/privacy/request/package?token=${token}&code=${code}` });
    expect(reused.statusCode).toBe(410);
    expect(reused.json()).toMatchObject({ error: { code: 'expired' } });
  });

  it("refuses someone else's, unknown or unreleased tokens with 404 and an expired link with 410, changing nothing", async () => {
    const { subject } = await customer();
    const request = await newRequest(t, 'access', subject.id);
    await execute(t, request);
    const { id } = await packageOf(request.id);
    await t.services.rights.accessPackages.release(DPO, id);
    const { token } = await tokenMailed(id);

    const other = await customer();
    const otherRequest = await newRequest(t, 'access', other.subject.id);
    await execute(t, otherRequest);
    const unreleased = await packageOf(otherRequest.id);
    const outboxBefore = await t.database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const guess of ['A'.repeat(43), `${token.slice(0, -2)}xx`]) {
      expect((await t.app.inject({ method: 'POST', url: `/api/public/packages/${guess}/code` })).statusCode).toBe(404);
      const response = await t.app.inject({ method: 'GET', url: `/privacy/request/package?token=${guess}&code=123456` });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    expect(unreleased.review_status).toBe('pending_review');
    const outboxAfter = await t.database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(outboxAfter.n)).toBe(Number(outboxBefore.n));

    await t.database.db
      .updateTable('access_packages')
      .set({ expires_at: '2026-01-01T00:00:00.000Z' })
      .where('id', '=', id)
      .execute();
    const code = await t.app.inject({ method: 'POST', url: `/api/public/packages/${token}/code` });
    expect(code.statusCode).toBe(410);
    const late = await t.app.inject({ method: 'GET', url: `/privacy/request/package?token=${token}&code=123456` });
    expect(late.statusCode).toBe(410);
    expect(late.json()).toMatchObject({ error: { code: 'expired' } });
    expect((await packageOf(request.id)).downloaded_at).toBeNull();
  });

  it('is deleted by the retention sweep the day after its link expired, into the ledger and the log; one under review stays', async () => {
    const { subject } = await customer();
    const request = await newRequest(t, 'access', subject.id);
    await execute(t, request);
    const { id } = await packageOf(request.id);
    await t.services.rights.accessPackages.release(DPO, id);
    const { expires_at: expiresAt } = await packageOf(request.id);
    const expiryDay = expiresAt.slice(0, 10);
    const dayAfter = new Date(Date.parse(`${expiryDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const waiting = await newRequest(t, 'access', (await customer()).subject.id);
    await execute(t, waiting);
    const present = async (requestId: string) =>
      (await t.database.db.selectFrom('access_packages').select('id').where('request_id', '=', requestId).executeTakeFirst()) !==
      undefined;

    // On the day the link expires it still works; earlier tests' expired packages may go now, not this one.
    await t.services.retention.run({ today: expiryDay });
    expect(await present(request.id)).toBe(true);
    expect((await t.services.retention.run({ dryRun: true, today: dayAfter })).accessPackages).toBeGreaterThanOrEqual(1);
    expect(await present(request.id)).toBe(true);

    const report = await t.services.retention.run({ today: dayAfter });
    expect(report.accessPackages).toBeGreaterThanOrEqual(1);
    expect(await present(request.id)).toBe(false);
    // The subject and its records stay; a package still under review is the request's, not yet a copy to delete.
    expect(await t.database.db.selectFrom('subjects').select('id').where('id', '=', subject.id).executeTakeFirst()).toBeDefined();
    expect(await present(waiting.id)).toBe(true);
    const ledger = await t.database.db
      .selectFrom('erasure_ledger')
      .select(['kind', 'record_type', 'subject_id'])
      .where('record_id', '=', id)
      .execute();
    expect(ledger).toEqual([{ kind: 'retention', record_type: 'access_package', subject_id: subject.id }]);
    const entry = await t.database.db
      .selectFrom('processing_log')
      .select(['operation', 'actor_id', 'records', 'reason'])
      .where('records', 'like', `%access_package:${id}%`)
      .where('operation', '=', 'erase')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: 'retention-sweep' });
    expect(entry.reason).toContain('link expired');
    expect((await t.services.retention.run({ today: dayAfter })).accessPackages).toBe(0);
  });
});

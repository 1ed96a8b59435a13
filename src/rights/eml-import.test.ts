import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { daysAgo } from '../../test/support/requests.ts';

/** A mail as a mail program saves it: headers, a text part and a PDF attachment. */
function eml(options: { from: string; subject: string; text: string; attachment?: boolean }): string {
  const boundary = 'kluis-boundary-1';
  const parts = [
    `From: ${options.from}`,
    'To: security@senict.nl',
    `Subject: ${options.subject}`,
    'Date: Mon, 2 Mar 2026 10:15:00 +0100',
    'Message-ID: <verzoek-1@example.nl>',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    options.text,
    ...(options.attachment === true
      ? [
          `--${boundary}`,
          'Content-Type: application/pdf; name="brief.pdf"',
          'Content-Disposition: attachment; filename="brief.pdf"',
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from('%PDF-1.4 brief').toString('base64'),
          `--${boundary}`,
          'Content-Type: image/jpeg; name="paspoort-anna-de-vries.jpg"',
          'Content-Disposition: attachment; filename="paspoort-anna-de-vries.jpg"',
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from('JPEG paspoort').toString('base64'),
        ]
      : []),
    `--${boundary}--`,
    '',
  ];
  return parts.join('\r\n');
}

describe.each(DIALECTS)('importing mail about a request, on %s', (dialect) => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  const upload = (id: string, body: string | object, contentType = 'message/rfc822', cookie: string | null = staff) =>
    t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/messages/eml`,
      headers: { 'content-type': contentType, ...(cookie === null ? {} : { cookie }) },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  async function registered(email: string) {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: { cookie: staff },
      payload: { kind: 'access', channel: 'email', receivedOn: daysAgo(1), name: 'Anna', email },
    });
    return created.json<{ id: string; reference: string }>();
  }

  const attachmentCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('attachments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const requestOf = async (id: string) =>
    (await t.app.inject({ url: `/api/requests/${id}`, headers: { cookie: staff } })).json<{
      attachmentsDropped: number;
      details: string;
    }>();

  it('files a mail of a verified request as an inbound message of a case of kind request, and drops its attachments (UAVG art. 46, AP: no ID copies)', async () => {
    const subject = await newSubject(t);
    const request = await registered(subject.email ?? '');
    await t.app.inject({
      method: 'POST',
      url: `/api/requests/${request.id}/verify`,
      headers: { cookie: staff },
      payload: { method: 'known_contact', note: 'Vaste contactpersoon', subjectId: subject.id },
    });
    const before = await attachmentCount();
    const response = await upload(
      request.id,
      eml({
        from: `Anna <${subject.email ?? ''}>`,
        subject: 'Mijn verzoek om inzage',
        text: 'Graag ook de facturen van 2025.',
        attachment: true,
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const imported = response.json<{ storedAs: string; caseId: string; messageId: string }>();
    expect(imported).toMatchObject({
      storedAs: 'case_message',
      attachmentsDropped: { count: 2, types: ['application/pdf', 'image/jpeg'] },
      title: 'Mijn verzoek om inzage',
      occurredAt: '2026-03-02T09:15:00.000Z',
    });
    expect(response.body).not.toContain('paspoort-anna');
    const kase = await t.database.db
      .selectFrom('cases')
      .select(['kind', 'subject_id'])
      .where('id', '=', imported.caseId)
      .executeTakeFirstOrThrow();
    expect(kase).toEqual({ kind: 'request', subject_id: subject.id });
    const message = await t.database.db
      .selectFrom('messages')
      .select(['channel', 'direction', 'body', 'from_address', 'subject_id'])
      .where('id', '=', imported.messageId)
      .executeTakeFirstOrThrow();
    expect(message).toMatchObject({ channel: 'email', direction: 'inbound', subject_id: subject.id });
    expect(message.body).toContain('Graag ook de facturen van 2025.');
    expect(message.body).toContain(
      '[2 attachments not kept (application/pdf, image/jpeg): Kluis keeps no attachments to requests]',
    );
    expect(message.body).not.toContain('paspoort-anna');
    expect(
      await t.database.db.selectFrom('attachments').select('id').where('message_id', '=', imported.messageId).execute(),
    ).toEqual([]);
    expect(await attachmentCount()).toBe(before);
    expect(await requestOf(request.id)).toMatchObject({ attachmentsDropped: 2 });
    expect(
      (await t.database.db.selectFrom('rights_requests').select('case_id').where('id', '=', request.id).executeTakeFirstOrThrow())
        .case_id,
    ).toBe(imported.caseId);
    const second = await upload(request.id, eml({ from: subject.email ?? '', subject: 'Aanvulling', text: 'En de offertes.' }));
    expect(second.json()).toMatchObject({ caseId: imported.caseId, attachmentsDropped: { count: 0, types: [] } });
  });

  it('keeps the text of a mail to an unverified request in its details, and drops its attachments, names and all', async () => {
    const request = await registered('onbekend.eml@example.nl');
    const before = await attachmentCount();
    const response = await upload(
      request.id,
      eml({ from: 'onbekend.eml@example.nl', subject: 'Kopie paspoort', text: 'Hierbij mijn paspoort.', attachment: true }),
    );
    expect(response.json()).toMatchObject({
      storedAs: 'request_details',
      caseId: null,
      attachmentsDropped: { count: 2, types: ['application/pdf', 'image/jpeg'] },
    });
    const shown = await requestOf(request.id);
    expect(shown.attachmentsDropped).toBe(2);
    expect(shown.details).toContain('Hierbij mijn paspoort.');
    expect(shown.details).toContain('[2 attachments not kept (application/pdf, image/jpeg)');
    expect(shown.details).not.toContain('paspoort-anna');
    expect(await attachmentCount()).toBe(before);
  });

  it('refuses what is not a mail, a JSON body and an anonymous upload, changing nothing', async () => {
    const request = await registered('weigeren.eml@example.nl');
    const before = await t.database.db
      .selectFrom('rights_requests')
      .select(['details', 'updated_at'])
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect((await upload(request.id, 'just some text without any header line')).statusCode).toBe(400);
    expect((await upload(request.id, '')).statusCode).toBe(400);
    expect((await upload(request.id, { body: 'json' }, 'application/json')).statusCode).toBe(415);
    expect((await upload(request.id, eml({ from: 'a@b.nl', subject: 'x', text: 'y' }), 'message/rfc822', null)).statusCode).toBe(
      401,
    );
    expect(
      await t.database.db
        .selectFrom('rights_requests')
        .select(['details', 'updated_at'])
        .where('id', '=', request.id)
        .executeTakeFirstOrThrow(),
    ).toEqual(before);
  });

  it('imports an .eml file from the command line by the request reference, dropping its attachments', async () => {
    const request = await registered('cli.eml@example.nl');
    const before = await attachmentCount();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-eml-')), 'verzoek.eml');
    fs.writeFileSync(
      file,
      eml({
        from: 'cli.eml@example.nl',
        subject: 'Via de CLI',
        text: 'Ingelezen met kluis request import-eml.',
        attachment: true,
      }),
    );
    const result = runCli(t.database, ['request', 'import-eml', file, '--request', request.reference]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Imported "Via de CLI"');
    expect(result.stdout).toContain('Attachments not kept: 2 (application/pdf, image/jpeg)');
    expect(result.stdout).not.toContain('paspoort-anna');
    const row = await t.database.db
      .selectFrom('rights_requests')
      .select(['details', 'attachments_dropped'])
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(row.details).toContain('Ingelezen met kluis request import-eml.');
    expect(Number(row.attachments_dropped)).toBe(2);
    expect(await attachmentCount()).toBe(before);
  });
});

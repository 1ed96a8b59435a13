import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { newCase, newSubject } from '../../test/factories.ts';
import { lastLogEntry, logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { MAX_ATTACHMENT_BYTES } from '../mail/message-limits.ts';
import type { Case, Message } from './case.schema.ts';

const PDF = Buffer.from('%PDF-1.4 offerte');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A mail as a mail program saves it: headers, a text part and, optionally, a PDF with an unsafe name. */
function eml(options: { from: string; subject: string; text: string; attachment?: boolean; content?: Buffer }): string {
  const boundary = 'kluis-case-boundary';
  return [
    `From: ${options.from}`,
    'To: security@senict.nl',
    `Subject: ${options.subject}`,
    'Date: Tue, 3 Nov 2026 14:00:00 +0100',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    options.text,
    ...(options.attachment === true
      ? [
          `--${boundary}`,
          'Content-Type: application/pdf; name="offerte.pdf"',
          'Content-Disposition: attachment; filename="../../offerte.pdf"',
          'Content-Transfer-Encoding: base64',
          '',
          (options.content ?? PDF).toString('base64'),
        ]
      : []),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

describe.each(DIALECTS)('importing a mail into a case, on %s', (dialect) => {
  let t: TestApp;
  let staff: string;
  let accountant: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
    accountant = await t.signIn('accountant');
  });
  afterAll(async () => t.close());

  const upload = (id: string, body: string, contentType = 'message/rfc822', cookie: string | null = staff) =>
    t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/messages/eml`,
      headers: { 'content-type': contentType, ...(cookie === null ? {} : { cookie }) },
      payload: body,
    });
  const count = async (table: 'messages' | 'attachments') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const state = async (c: Case) => ({
    messages: await count('messages'),
    attachments: await count('attachments'),
    updatedAt: (await t.database.db.selectFrom('cases').select('updated_at').where('id', '=', c.id).executeTakeFirstOrThrow())
      .updated_at,
  });
  const openCase = async () => newCase(t, (await newSubject(t)).id);

  it('stores the mail as an inbound message with its attachment, collected under one log entry', async () => {
    const c = await openCase();
    const before = await logCount(t);
    const response = await upload(
      c.id,
      eml({ from: 'Anna <anna@example.nl>', subject: 'Storing', text: 'Zie de bijlage.', attachment: true }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const message = response.json<Message>();
    expect(message).toMatchObject({
      caseId: c.id,
      channel: 'email',
      direction: 'inbound',
      from: '"Anna" <anna@example.nl>',
      title: 'Storing',
      occurredAt: '2026-11-03T13:00:00.000Z',
    });
    const row = await t.database.db
      .selectFrom('messages')
      .select(['case_id', 'subject_id', 'channel', 'direction', 'from_address', 'to_address', 'title', 'body'])
      .where('id', '=', message.id)
      .executeTakeFirst();
    expect(row).toEqual({
      case_id: c.id,
      subject_id: c.subjectId,
      channel: 'email',
      direction: 'inbound',
      from_address: '"Anna" <anna@example.nl>',
      to_address: 'security@senict.nl',
      title: 'Storing',
      body: 'Zie de bijlage.',
    });
    const attachments = await t.database.db
      .selectFrom('attachments')
      .select(['id', 'subject_id', 'filename', 'content_type', 'size_bytes', 'sha256'])
      .where('message_id', '=', message.id)
      .execute();
    expect(attachments.map((a) => ({ ...a, size_bytes: Number(a.size_bytes) }))).toEqual([
      {
        id: message.attachments[0]?.id,
        subject_id: c.subjectId,
        filename: 'offerte.pdf',
        content_type: 'application/pdf',
        size_bytes: PDF.length,
        sha256: sha256(PDF),
      },
    ]);
    expect(await logCount(t)).toBe(before + 1);
    const entry = await lastLogEntry(t);
    expect(entry).toMatchObject({ operation: 'collect', record_type: 'message', purpose: 'correspondence', outcome: 'allowed' });
    expect(JSON.parse(entry.subject_ids)).toEqual([c.subjectId]);
    expect(JSON.parse(entry.records)).toEqual([
      `message:${message.id}`,
      `case:${c.id}`,
      `attachment:${attachments[0]?.id ?? ''}`,
    ]);
  });

  it("records a mail from the controller's own address as an outbound copy, stored", async () => {
    const c = await openCase();
    const response = await upload(
      c.id,
      eml({ from: '"Sen ICT" <Security@SenICT.nl>', subject: 'Re: Storing', text: 'Wij kijken ernaar.' }),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<Message>().direction).toBe('outbound');
    expect(await lastLogEntry(t)).toMatchObject({ operation: 'store', record_type: 'message', outcome: 'allowed' });
  });

  it('refuses what is no mail, too large, a closed or unknown case, and a role without access, storing nothing', async () => {
    const c = await openCase();
    const closed = await openCase();
    await t.services.cases.close(cliActor(), closed.id);
    const mail = eml({ from: 'anna@example.nl', subject: 'x', text: 'y' });
    const before = await state(c);
    const beforeClosed = await state(closed);
    const refusals: [Promise<{ statusCode: number; json: () => { error: { code: string } } }>, number, string][] = [
      [upload(c.id, 'just some text without any header line'), 400, 'validation_failed'],
      [upload(c.id, ''), 400, 'validation_failed'],
      [upload(c.id, JSON.stringify({ body: 'json' }), 'application/json'), 415, 'unsupported_media_type'],
      [
        upload(
          c.id,
          eml({
            from: 'anna@example.nl',
            subject: 'Groot',
            text: 'y',
            attachment: true,
            content: Buffer.alloc(MAX_ATTACHMENT_BYTES + 1),
          }),
        ),
        413,
        'payload_too_large',
      ],
      [upload(closed.id, mail), 409, 'conflict'],
      [upload('00000000-0000-4000-8000-000000000000', mail), 404, 'not_found'],
      [upload(c.id, mail, 'message/rfc822', accountant), 403, 'forbidden'],
    ];
    for (const [pending, status, code] of refusals) {
      const response = await pending;
      expect(response.statusCode).toBe(status);
      expect(response.json().error.code).toBe(code);
    }
    expect((await upload(c.id, mail, 'message/rfc822', null)).statusCode).toBe(401);
    expect(await state(c)).toEqual(before);
    expect(await state(closed)).toEqual(beforeClosed);
    expect(await lastLogEntry(t)).toMatchObject({ record_type: 'message', outcome: 'denied' });
  });

  it("keeps no attachment on a request's case, by mail or by hand: it may be an ID copy (AP guidance; UAVG art. 46)", async () => {
    const c = await newCase(t, (await newSubject(t)).id, { kind: 'request', title: 'Inzageverzoek' });
    const before = await state(c);
    const mailed = await upload(
      c.id,
      eml({ from: 'Anna <anna@example.nl>', subject: 'Mijn paspoort', text: 'Zie bijlage.', attachment: true }),
    );
    expect(mailed.statusCode, mailed.body).toBe(409);
    expect(mailed.json()).toMatchObject({ error: { code: 'attachments_not_kept' } });
    const attachment = {
      filename: 'paspoort.jpg',
      contentType: 'image/jpeg',
      contentBase64: Buffer.from('jpeg').toString('base64'),
    };
    const typed = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/messages`,
      headers: { cookie: staff },
      payload: {
        channel: 'email',
        direction: 'inbound',
        occurredAt: '2026-11-03T13:00:00.000Z',
        body: 'Bijlage',
        attachments: [attachment],
      },
    });
    expect(typed.statusCode, typed.body).toBe(409);
    expect(typed.json()).toMatchObject({ error: { code: 'attachments_not_kept' } });
    expect(await state(c)).toEqual(before);
    // The text alone is welcome.
    expect(
      (await upload(c.id, eml({ from: 'Anna <anna@example.nl>', subject: 'Aanvulling', text: 'Nog een vraag.' }))).statusCode,
    ).toBe(201);
  });

  it('imports an .eml file from the command line', async () => {
    const c = await openCase();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-case-eml-')), 'mail.eml');
    fs.writeFileSync(
      file,
      eml({ from: 'cli@example.nl', subject: 'Via de CLI', text: 'Ingelezen met kluis case import-eml.', attachment: true }),
    );
    const result = runCli(t.database, ['case', 'import-eml', file, '--case', c.id]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Imported "Via de CLI"');
    const rows = await t.database.db
      .selectFrom('messages')
      .select(['id', 'body', 'direction'])
      .where('case_id', '=', c.id)
      .execute();
    expect(rows.map((r) => [r.body, r.direction])).toEqual([['Ingelezen met kluis case import-eml.', 'inbound']]);
    expect(
      await t.database.db
        .selectFrom('attachments')
        .select('filename')
        .where('message_id', '=', rows[0]?.id ?? '')
        .execute(),
    ).toEqual([{ filename: 'offerte.pdf' }]);
  });
});

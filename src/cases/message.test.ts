import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { cliActor } from '../guard/actor.ts';
import { newCase, newSubject } from '../../test/factories.ts';
import { logCount, startTestApp, type TestApp, lastLogEntry } from '../../test/harness.ts';
import type { Case, Message } from './case.schema.ts';
import { MAX_ATTACHMENT_BYTES } from '../mail/message-limits.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const inbound = {
  channel: 'email',
  direction: 'inbound',
  occurredAt: '2026-11-03T14:00:00+01:00',
  from: 'anna@example.nl',
  to: 'support@senict.nl',
  title: 'Re: storing',
  body: 'Zie de bijlage.',
};

describe.each(DIALECTS)('case messages and attachments on %s', (dialect) => {
  let t: TestApp;
  let staff: string;
  let accountant: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
    accountant = await t.signIn('accountant');
  });
  afterAll(async () => t.close());

  const lastEntry = () => lastLogEntry(t);
  const count = async (table: 'messages' | 'attachments') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = async () => ({
    messages: await count('messages'),
    attachments: await count('attachments'),
    log: await logCount(t),
  });
  const post = (c: Case, payload: unknown, cookie = staff) =>
    t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/messages`, headers: { cookie }, payload: payload as object });
  const openCase = async () => newCase(t, (await newSubject(t)).id);

  it('adds an inbound message as collected and an outbound one as stored, one entry each', async () => {
    const c = await openCase();
    for (const [direction, operation] of [
      ['inbound', 'collect'],
      ['outbound', 'store'],
    ] as const) {
      const before = await logCount(t);
      const response = await post(c, { ...inbound, direction });
      expect(response.statusCode).toBe(201);
      const message = response.json<Message>();
      expect(message).toMatchObject({
        caseId: c.id,
        direction,
        occurredAt: '2026-11-03T13:00:00.000Z',
        from: 'anna@example.nl',
        attachments: [],
      });
      const row = await t.database.db
        .selectFrom('messages')
        .select(['case_id', 'subject_id', 'channel', 'direction', 'body'])
        .where('id', '=', message.id)
        .executeTakeFirst();
      expect(row).toEqual({ case_id: c.id, subject_id: c.subjectId, channel: 'email', direction, body: 'Zie de bijlage.' });
      expect(await logCount(t)).toBe(before + 1);
      const entry = await lastEntry();
      expect(entry).toMatchObject({ operation, record_type: 'message', purpose: 'correspondence', outcome: 'allowed' });
      expect(JSON.parse(entry.subject_ids)).toEqual([c.subjectId]);
      expect(JSON.parse(entry.records)).toEqual([`message:${message.id}`, `case:${c.id}`]);
    }
    const updated = await t.database.db.selectFrom('cases').select('updated_at').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(updated.updated_at > c.updatedAt).toBe(true);
  });

  it('stores an attachment with its size and SHA-256, and gives back the same bytes on download', async () => {
    const c = await openCase();
    const bytes = Buffer.concat([Buffer.from([0x00, 0xff, 0x0d, 0x0a]), randomBytes(3001)]);
    const created = await post(c, {
      ...inbound,
      attachments: [{ filename: 'offerte é.pdf', contentType: 'application/pdf', contentBase64: bytes.toString('base64') }],
    });
    expect(created.statusCode).toBe(201);
    const attachment = created.json<Message>().attachments[0];
    expect(attachment).toMatchObject({
      filename: 'offerte é.pdf',
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
    });
    const row = await t.database.db
      .selectFrom('attachments')
      .select(['subject_id', 'size_bytes', 'sha256'])
      .where('id', '=', attachment?.id ?? '')
      .executeTakeFirst();
    expect(row).toEqual({ subject_id: c.subjectId, size_bytes: bytes.length, sha256: sha256(bytes) });
    expect(JSON.parse((await lastEntry()).records)).toContain(`attachment:${attachment?.id}`);

    // The case shows what is attached, never the content.
    const read = await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers: { cookie: staff } });
    expect(read.json<Case>().messages[0]?.attachments).toEqual([attachment]);
    expect(read.body).not.toContain(bytes.toString('base64').slice(0, 40));

    const before = await logCount(t);
    const download = await t.app.inject({ method: 'GET', url: `/api/attachments/${attachment?.id}`, headers: { cookie: staff } });
    expect(download.statusCode).toBe(200);
    expect(Buffer.compare(download.rawPayload, bytes)).toBe(0);
    expect(sha256(download.rawPayload)).toBe(attachment?.sha256);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="offerte _.pdf"; filename*=UTF-8''offerte%20%C3%A9.pdf`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['cache-control']).toBe('no-store');
    expect(await logCount(t)).toBe(before + 1);
    const entry = await lastEntry();
    expect(entry).toMatchObject({ operation: 'consult', record_type: 'message', outcome: 'allowed' });
    expect(JSON.parse(entry.subject_ids)).toEqual([c.subjectId]);
    expect(JSON.parse(entry.records)).toContain(`attachment:${attachment?.id}`);
  });

  it('accepts an attachment of exactly 5 MiB: only this route has the larger body limit', async () => {
    const c = await openCase();
    const bytes = randomBytes(MAX_ATTACHMENT_BYTES);
    const response = await post(c, {
      ...inbound,
      attachments: [{ filename: 'scan.tiff', contentType: 'image/tiff', contentBase64: bytes.toString('base64') }],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<Message>().attachments[0]).toMatchObject({ sizeBytes: MAX_ATTACHMENT_BYTES, sha256: sha256(bytes) });
  });

  it('refuses an attachment over 5 MiB as payload_too_large and stores nothing', async () => {
    const c = await openCase();
    const before = await counts();
    const small = { filename: 'a.txt', contentType: 'text/plain', contentBase64: Buffer.from('klein').toString('base64') };
    const large = { filename: 'groot.bin', contentBase64: randomBytes(MAX_ATTACHMENT_BYTES + 1).toString('base64') };
    const response = await post(c, { ...inbound, attachments: [small, large] });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      error: { code: 'payload_too_large', details: { path: 'attachments.1.contentBase64' } },
    });
    expect(await counts()).toEqual(before);
  });

  it('keeps only the last path segment of a file name, without control or bidi characters', async () => {
    const c = await openCase();
    const names = [
      '../../etc/passwd',
      '..\\..\\Windows\\win.ini',
      'fac\u0007tuur\r\n.pdf',
      'rekening\u202Efdp.exe',
      '..',
      'a/b/',
    ];
    const content = Buffer.from('x').toString('base64');
    const response = await post(c, { ...inbound, attachments: names.map((filename) => ({ filename, contentBase64: content })) });
    expect(response.statusCode).toBe(201);
    const expected = ['passwd', 'win.ini', 'factuur.pdf', 'rekeningfdp.exe', 'attachment', 'attachment'];
    expect(response.json<Message>().attachments.map((a) => a.filename)).toEqual(expected);
    const rows = await t.database.db
      .selectFrom('attachments')
      .select('filename')
      .where('message_id', '=', response.json<Message>().id)
      .execute();
    expect(rows.map((r) => r.filename).sort()).toEqual([...expected].sort());
    const first = response.json<Message>().attachments[0];
    const download = await t.app.inject({ method: 'GET', url: `/api/attachments/${first?.id}`, headers: { cookie: staff } });
    expect(download.headers['content-disposition']).toBe(`attachment; filename="passwd"; filename*=UTF-8''passwd`);
    expect(download.headers['content-type']).toBe('application/octet-stream');
  });

  it('refuses a message on a closed case: its retention already counts from the closing', async () => {
    const c = await openCase();
    await t.services.cases.close(cliActor(), c.id);
    const before = await counts();
    const response = await post(c, inbound);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: { code: 'conflict' } });
    expect(await counts()).toEqual(before);
  });

  it('asks anonymous callers to sign in before reading a large body', async () => {
    const c = await openCase();
    const before = await counts();
    // Unparseable on purpose: a 400 would mean the body was read before the caller was known.
    const payload = `{"body":"${'x'.repeat(400_000)}`;
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/messages`,
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect(await counts()).toEqual(before);
  });

  it('refuses the accountant messages and downloads, and logs each denial', async () => {
    const c = await openCase();
    const message = await t.services.cases.addMessage(cliActor(), c.id, {
      ...inbound,
      direction: 'inbound',
      channel: 'email',
      attachments: [{ filename: 'geheim.txt', contentBase64: Buffer.from('geheim').toString('base64') }],
    });
    const attempts = [
      { method: 'GET' as const, url: `/api/attachments/${message.attachments[0]?.id}`, operation: 'consult' },
      { method: 'POST' as const, url: `/api/cases/${c.id}/messages`, payload: inbound, operation: 'collect' },
    ];
    for (const a of attempts) {
      const before = await counts();
      const response = await t.app.inject({
        method: a.method,
        url: a.url,
        headers: { cookie: accountant },
        ...(a.payload === undefined ? {} : { payload: a.payload }),
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'forbidden' } });
      expect(response.body).not.toContain('geheim');
      expect(await counts()).toEqual({ ...before, log: before.log + 1 });
      expect(await lastEntry()).toMatchObject({
        outcome: 'denied',
        actor_role: 'accountant',
        operation: a.operation,
        record_type: 'message',
      });
    }
  });

  describe('bad input gets a 4xx and changes nothing', () => {
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const file = (contentBase64: string) => ({ ...inbound, attachments: [{ filename: 'a.bin', contentBase64 }] });
    const cases: { name: string; method?: 'GET'; url?: string; payload?: unknown; status: number; code: string }[] = [
      { name: 'an unknown field', payload: { ...inbound, cc: 'x@example.nl' }, status: 400, code: 'validation_failed' },
      { name: 'a bad channel', payload: { ...inbound, channel: 'pigeon' }, status: 400, code: 'validation_failed' },
      { name: 'a bad direction', payload: { ...inbound, direction: 'sideways' }, status: 400, code: 'validation_failed' },
      {
        name: 'a moment without a time zone',
        payload: { ...inbound, occurredAt: '2026-11-03 14:00' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a moment in the future',
        payload: { ...inbound, occurredAt: '2999-11-03T14:00:00Z' },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a body over 100,000 characters',
        payload: { ...inbound, body: 'x'.repeat(100_001) },
        status: 400,
        code: 'validation_failed',
      },
      { name: 'a NUL in the body', payload: { ...inbound, body: 'a\u0000b' }, status: 400, code: 'validation_failed' },
      { name: 'neither a body nor an attachment', payload: { ...inbound, body: '  ' }, status: 400, code: 'validation_failed' },
      {
        name: 'eleven attachments',
        payload: {
          ...inbound,
          attachments: Array.from({ length: 11 }, (_, i) => ({ filename: `${i}.txt`, contentBase64: 'eA==' })),
        },
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'base64 with characters outside the alphabet',
        payload: file('not base64!'),
        status: 400,
        code: 'validation_failed',
      },
      { name: 'base64 with a line break', payload: file('QUJD\nREVG'), status: 400, code: 'validation_failed' },
      { name: 'base64 without its padding', payload: file('QUI'), status: 400, code: 'validation_failed' },
      { name: 'base64 with bits set in the padding', payload: file('QR=='), status: 400, code: 'validation_failed' },
      { name: 'the URL-safe base64 alphabet', payload: file('-_-_'), status: 400, code: 'validation_failed' },
      { name: 'an empty attachment', payload: file(''), status: 400, code: 'validation_failed' },
      {
        name: 'a content type that is not a media type',
        payload: { ...inbound, attachments: [{ filename: 'a', contentType: 'pdf\r\nX-Evil: 1', contentBase64: 'eA==' }] },
        status: 400,
        code: 'validation_failed',
      },
      { name: 'an unknown case', url: `/api/cases/${unknownId}/messages`, payload: inbound, status: 404, code: 'not_found' },
      {
        name: 'a case id that is not a UUID',
        url: '/api/cases/..%2F..%2Fetc/messages',
        payload: inbound,
        status: 400,
        code: 'validation_failed',
      },
      { name: 'an unknown attachment', method: 'GET', url: `/api/attachments/${unknownId}`, status: 404, code: 'not_found' },
      {
        name: 'an attachment id that is not a UUID',
        method: 'GET',
        url: '/api/attachments/1',
        status: 400,
        code: 'validation_failed',
      },
    ];
    it.each(cases)('$name', async (c) => {
      const existing = await openCase();
      const before = await counts();
      const response = await t.app.inject({
        method: c.method ?? 'POST',
        url: c.url ?? `/api/cases/${existing.id}/messages`,
        headers: { cookie: staff },
        ...(c.payload === undefined ? {} : { payload: c.payload as object }),
      });
      expect(response.statusCode).toBe(c.status);
      expect(response.json()).toMatchObject({ error: { code: c.code } });
      expect(response.body).not.toMatch(/at .*\.ts:\d+|SELECT|sqlite|postgres/i);
      expect(await counts()).toEqual(before);
      const unchanged = await t.database.db
        .selectFrom('cases')
        .select('updated_at')
        .where('id', '=', existing.id)
        .executeTakeFirstOrThrow();
      expect(unchanged.updated_at).toBe(existing.updatedAt);
    });
  });
});

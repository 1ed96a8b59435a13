import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { HAS_DOVECOT, type TestDovecot, startTestDovecot } from '../../test/dovecot.ts';
import type { TestApp } from '../../test/harness.ts';
import { KluisError } from '../errors.ts';
import type { AttachmentGate } from './attachment-gate.ts';
import type { DnsResolver } from './mail-authentication.ts';
import { HANDLED, REFUSED, mail, noDns, readMailbox, startMailboxApp } from '../../test/support/mailbox.ts';

/** A message nested `depth` times in a message (message/rfc822), each level with a line of text. */
function nested(depth: number): string {
  let inner = 'From: diep@example.nl\r\nSubject: binnenste\r\nContent-Type: text/plain\r\n\r\nhet binnenste bericht\r\n';
  for (let level = 0; level < depth; level += 1) {
    inner = `From: diep@example.nl\r\nSubject: laag ${level}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="n${level}"\r\n\r\n--n${level}\r\nContent-Type: text/plain\r\n\r\nlaag ${level}\r\n--n${level}\r\nContent-Type: message/rfc822\r\n\r\n${inner}\r\n--n${level}--\r\n`;
  }
  return inner.replace('Subject: laag 299', 'To: info@senict.nl\r\nSubject: Diep genest');
}

/** A mail of `count` small parts. */
function manyParts(count: number): string {
  const parts = Array.from(
    { length: count },
    (_, i) =>
      `--p\r\nContent-Type: text/plain; name="deel${i}.txt"\r\nContent-Disposition: attachment; filename="deel${i}.txt"\r\n\r\ndeel ${i}\r\n`,
  ).join('');
  return `From: veel@example.nl\r\nTo: security@senict.nl\r\nSubject: Vijfduizend delen\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="p"\r\n\r\n--p\r\nContent-Type: text/plain\r\n\r\nzie bijlagen\r\n${parts}--p--\r\n`;
}

const count = async (
  t: TestApp,
  table: 'rights_requests' | 'messages' | 'attachments' | 'inbox_items' | 'inbox_attachments' | 'mailbox_reads',
) =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/**
 * Issue 17, bad input: a mail of 50 MB, 5,000 parts, a message nested 300 deep, file names with path characters,
 * an attachment that is not what it claims, a refused file, the mailbox gone mid-read. Each leaves a clear record,
 * the rest of the mailbox is read, nothing is half-stored.
 */
describe.runIf(HAS_DOVECOT).each(DIALECTS)('bad input in the mailbox, on %s', (dialect) => {
  let dovecot: TestDovecot;
  let t: TestApp;
  let staff: string;
  // Stands in for the server going away in the middle of a pass: asked about stop.example.net, it stops Dovecot.
  let stopOnLookup = true;
  const resolver: DnsResolver = async (name, rrtype) => {
    if (name.endsWith('stop.example.net') && stopOnLookup) {
      stopOnLookup = false;
      await dovecot.stop();
    }
    return noDns(name, rrtype);
  };
  // The place the virus scanner goes (attachment-gate.ts); here it refuses one file by name.
  const gate: AttachmentGate = async (files) => {
    if (files.some((f) => f.filename === 'eicar.com'))
      throw new KluisError('conflict', 'The file eicar.com was refused before storage', { refusal: 'attachment_refused' });
    return files;
  };

  beforeAll(async () => {
    dovecot = await startTestDovecot();
    t = await startMailboxApp(dialect, dovecot, { resolver, batchSize: 2, mailbox: { gate } });
    staff = await t.signIn('staff');
  });
  afterAll(async () => {
    await t.close();
    await dovecot.close();
  });

  const inboxItem = (title: string) =>
    t.database.db
      .selectFrom('inbox_items')
      .select(['id', 'reason', 'reason_detail', 'from_address', 'body'])
      .where('title', '=', title)
      .executeTakeFirstOrThrow();

  it('refuses a mail of 50 MB unread, with a record and an item saying so, and reads the rest of the mailbox', async () => {
    const video = { filename: 'vakantie.mp4', contentType: 'video/mp4', content: Buffer.alloc(37.5 * 1024 * 1024, 7) };
    const hugeUid = await dovecot.append(mail({ from: 'Nina <nina@example.nl>', subject: 'Filmpje', attachments: [video] }));
    await dovecot.append(mail({ from: 'Otto <otto@example.nl>', subject: 'Inzage' }));
    const before = { requests: await count(t, 'rights_requests'), attachments: await count(t, 'inbox_attachments') };

    const report = await readMailbox(t);

    expect(report).toMatchObject({ taken: 1, refused: 1 });
    const read = await t.database.db
      .selectFrom('mailbox_reads')
      .select(['outcome', 'problem', 'size_bytes', 'fingerprint', 'moved_to'])
      .where('uid', '=', hugeUid)
      .executeTakeFirstOrThrow();
    expect(read).toMatchObject({ outcome: 'refused', fingerprint: null, moved_to: REFUSED });
    expect(Number(read.size_bytes)).toBeGreaterThan(50 * 1000 * 1000);
    expect(read.problem).toContain('not downloaded');
    expect(await inboxItem('Filmpje')).toMatchObject({ reason: 'refused', reason_detail: 'too_large', body: '' });
    expect(await dovecot.uids(REFUSED)).toEqual([1]);
    // Otto's request came in; of Nina's mail nothing but the record and the item.
    expect(await count(t, 'rights_requests')).toBe(before.requests + 1);
    expect(await count(t, 'inbox_attachments')).toBe(before.attachments);
  });

  it('refuses a mail of 5,000 parts with a record, storing nothing of it', async () => {
    const before = { requests: await count(t, 'rights_requests'), attachments: await count(t, 'inbox_attachments') };
    await dovecot.append(manyParts(5000));

    const report = await readMailbox(t);

    expect(report).toMatchObject({ taken: 0, refused: 1 });
    const item = await inboxItem('Vijfduizend delen');
    expect(item).toMatchObject({ reason: 'refused', reason_detail: 'too_many_parts' });
    expect(await count(t, 'rights_requests')).toBe(before.requests);
    expect(await count(t, 'inbox_attachments')).toBe(before.attachments);
    const shown = (await t.app.inject({ url: `/api/mail/inbox/${item.id}`, headers: { cookie: staff } })).json<{
      reason: string;
      reasonDetail: string;
      authenticated: boolean | null;
    }>();
    expect(shown).toMatchObject({ reason: 'refused', reasonDetail: 'too_many_parts', authenticated: null });
  });

  it('takes in a message nested 300 deep without following it: its text, and the nested message as one file', async () => {
    await dovecot.append(nested(300));

    expect(await readMailbox(t)).toMatchObject({ taken: 1, refused: 0 });

    const item = await inboxItem('Diep genest');
    expect(item.body).toBe('laag 299');
    const files = await t.database.db
      .selectFrom('inbox_attachments')
      .select(['content_type'])
      .where('item_id', '=', item.id)
      .execute();
    expect(files).toEqual([{ content_type: 'message/rfc822' }]);
  });

  it('keeps only the last part of a file name with path characters, and a file as what it is when it claims to be something else', async () => {
    const pdf = Buffer.from('%PDF-1.4 factuur');
    await dovecot.append(
      mail({
        from: 'Piet <piet@example.nl>',
        to: 'info@senict.nl',
        subject: 'Bestanden',
        attachments: [
          { filename: '../../etc/passwd', contentType: 'text/plain', content: Buffer.from('root:x:0:0') },
          // In a quoted header value a backslash escapes the next character: \\ is one backslash.
          { filename: 'C:\\\\Users\\\\piet\\\\factuur.pdf', contentType: 'image/png', content: pdf },
        ],
      }),
    );

    await readMailbox(t);

    const item = await inboxItem('Bestanden');
    const files = await t.database.db
      .selectFrom('inbox_attachments')
      .select(['filename', 'content_type'])
      .where('item_id', '=', item.id)
      .orderBy('filename')
      .execute();
    expect(files).toEqual([
      { filename: 'factuur.pdf', content_type: 'application/pdf' },
      { filename: 'passwd', content_type: 'text/plain' },
    ]);
  });

  it('stores nothing of a mail whose file the gate before storage refuses, and says which kind of refusal it was', async () => {
    const before = await count(t, 'inbox_attachments');
    await dovecot.append(
      mail({
        from: 'Quinten <quinten@example.nl>',
        to: 'info@senict.nl',
        subject: 'Test',
        attachments: [{ filename: 'eicar.com', contentType: 'application/octet-stream', content: Buffer.from('X5O!P%@AP') }],
      }),
    );

    expect(await readMailbox(t)).toMatchObject({ taken: 0, refused: 1 });

    expect(await inboxItem('Test')).toMatchObject({ reason: 'refused', reason_detail: 'attachment_refused' });
    expect(await count(t, 'inbox_attachments')).toBe(before);
  });

  it('goes on where it stopped when the server went away mid-read, taking nothing in twice', async () => {
    const before = { requests: await count(t, 'rights_requests'), reads: await count(t, 'mailbox_reads') };
    const senders = ['a@example.nl', 'b@example.nl', 'c@stop.example.net', 'd@example.nl', 'e@example.nl'];
    for (const from of senders) await dovecot.append(mail({ from, subject: `Vraag van ${from}` }));

    // Batches of two: the first is taken and moved; in the second the server stops after both were downloaded.
    const broken = await t.services.mailbox.reader?.readOnce();
    expect(broken?.failure).not.toBeNull();
    expect(broken).toMatchObject({ taken: 4 });
    await dovecot.start();
    const resumed = await readMailbox(t);

    expect(resumed).toMatchObject({ taken: 1, recognised: 2 });
    expect(await dovecot.uids('INBOX')).toEqual([]);
    expect(await count(t, 'rights_requests')).toBe(before.requests + senders.length);
    expect(await count(t, 'mailbox_reads')).toBe(before.reads + senders.length);
    const requesters = await t.database.db
      .selectFrom('rights_requests')
      .select('requester_email')
      .where('requester_email', 'in', senders)
      .execute();
    expect(requesters.map((r) => r.requester_email).sort()).toEqual([...senders].sort());
    expect((await dovecot.uids(HANDLED)).length).toBeGreaterThanOrEqual(senders.length);
  });

  it('recognises a mail read before under another UIDVALIDITY (the server renumbered the folder) by its content, and takes it in once', async () => {
    const raw = mail({ from: 'Rik <rik@example.nl>', subject: 'Inzage' });
    await t.services.mailbox.intake.take(
      {
        folder: 'INBOX',
        uidValidity: '1',
        uid: 9999,
        arrivedAt: new Date(),
        size: raw.length,
        envelope: { from: null, subject: null },
      },
      Buffer.from(raw),
    );
    await dovecot.append(raw);

    expect(await readMailbox(t)).toMatchObject({ taken: 0, recognised: 1, moved: 1 });
    expect(
      await t.database.db.selectFrom('rights_requests').select('id').where('requester_email', '=', 'rik@example.nl').execute(),
    ).toHaveLength(1);
  });
});

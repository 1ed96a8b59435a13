import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { HAS_DOVECOT, type TestDovecot, startTestDovecot } from '../../test/dovecot.ts';
import { newCase, newSubject } from '../../test/factories.ts';
import type { TestApp } from '../../test/harness.ts';
import { lastLogEntry } from '../../test/harness.ts';
import { mail, readMailbox, startMailboxApp } from '../../test/support/mailbox.ts';

const PDF = { filename: 'getekend contract.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 contract') };

type Summary = { id: string; title: string | null; reason: string; attachmentCount: number; receivedAt: string };
type Item = Summary & {
  body: string;
  attachments: { id: string; filename: string; sizeBytes: number }[];
  mailAuthentication: { authenticated: boolean } | null;
};

/** Issue 17: staff triage the mail that is neither a reply nor a request: assign, register or discard. */
describe.runIf(HAS_DOVECOT).each(DIALECTS)('the triage inbox, on %s', (dialect) => {
  let dovecot: TestDovecot;
  let t: TestApp;
  let staff: string;
  let dpo: string;

  beforeAll(async () => {
    dovecot = await startTestDovecot();
    t = await startMailboxApp(dialect, dovecot);
    staff = await t.signIn('staff');
    dpo = await t.signIn('dpo');
  });
  afterAll(async () => {
    await t.close();
    await dovecot.close();
  });

  /** Appends a mail to info@ (not the privacy address), reads the mailbox, and returns its item in the inbox. */
  async function waiting(subject: string, extra: Parameters<typeof mail>[0] = {}, arrivedAt = new Date()): Promise<Item> {
    await dovecot.append(mail({ to: 'info@senict.nl', subject, ...extra }), { arrivedAt });
    await readMailbox(t);
    const list = (await t.app.inject({ url: '/api/mail/inbox', headers: { cookie: staff } })).json<{ items: Summary[] }>();
    const found = list.items.find((i) => i.title === subject);
    expect(found, `"${subject}" in the inbox`).toBeDefined();
    return (await t.app.inject({ url: `/api/mail/inbox/${found?.id ?? ''}`, headers: { cookie: staff } })).json<Item>();
  }
  const itemExists = async (id: string) =>
    (await t.database.db.selectFrom('inbox_items').select('id').where('id', '=', id).execute()).length === 1;

  it('staff assign a mail to a customer’s case: it becomes a message with its attachment, and leaves the inbox (P5)', async () => {
    const item = await waiting('Contract retour', { text: 'Hierbij het getekende contract.', attachments: [PDF] });
    expect(item).toMatchObject({
      reason: 'not_addressed',
      attachmentCount: 1,
      body: 'Hierbij het getekende contract.',
      attachments: [{ filename: 'getekend contract.pdf', sizeBytes: PDF.content.length }],
    });
    const subject = await newSubject(t);
    const opened = await newCase(t, subject.id);

    const response = await t.app.inject({
      method: 'POST',
      url: `/api/mail/inbox/${item.id}/assign`,
      headers: { cookie: staff },
      payload: { caseId: opened.id },
    });

    expect(response.statusCode).toBe(200);
    const filed = response.json<{ caseId: string; messageId: string }>();
    expect(filed.caseId).toBe(opened.id);
    const message = await t.database.db
      .selectFrom('messages')
      .select(['case_id', 'subject_id', 'body', 'direction'])
      .where('id', '=', filed.messageId)
      .executeTakeFirstOrThrow();
    expect(message).toEqual({
      case_id: opened.id,
      subject_id: subject.id,
      body: 'Hierbij het getekende contract.',
      direction: 'inbound',
    });
    const files = await t.database.db
      .selectFrom('attachments')
      .select(['filename', 'sha256'])
      .where('message_id', '=', filed.messageId)
      .execute();
    expect(files.map((f) => f.filename)).toEqual(['getekend contract.pdf']);
    expect(await itemExists(item.id)).toBe(false);
    expect(await t.database.db.selectFrom('inbox_attachments').select('id').where('item_id', '=', item.id).execute()).toEqual([]);
    const entry = await lastLogEntry(t);
    expect(entry).toMatchObject({
      actor_kind: 'user',
      operation: 'store',
      record_type: 'message',
      subject_ids: JSON.stringify([subject.id]),
    });
    expect(entry.records).toContain(`inbox_item:${item.id}`);
  });

  it('staff register a mail as a request, received on the day the mail arrived, not the day it was triaged (Art. 12(3))', async () => {
    const arrivedAt = new Date('2026-11-02T09:00:00Z');
    const item = await waiting(
      'Mijn gegevens',
      { from: 'Els Visser <els@example.nl>', text: 'Ik maak bezwaar tegen het gebruik van mijn gegevens.' },
      arrivedAt,
    );

    const response = await t.app.inject({
      method: 'POST',
      url: `/api/mail/inbox/${item.id}/register`,
      headers: { cookie: staff },
      payload: { kind: 'objection', purpose: 'correspondence' },
    });

    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      kind: 'objection',
      purpose: 'correspondence',
      channel: 'email',
      status: 'received',
      receivedAt: arrivedAt.toISOString(),
      dueOn: '2026-12-02',
      requesterName: 'Els Visser',
      requesterEmail: 'els@example.nl',
    });
    expect(response.json<{ details: string }>().details).toContain('Ik maak bezwaar');
    expect(await itemExists(item.id)).toBe(false);
  });

  it('an objection needs its purpose: a registration without one changes nothing', async () => {
    const item = await waiting('Bezwaar zonder doel');
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/mail/inbox/${item.id}/register`,
      headers: { cookie: staff },
      payload: { kind: 'objection' },
    });
    expect(response.statusCode).toBe(400);
    expect(await itemExists(item.id)).toBe(true);
  });

  it('discarding erases the mail and its attachments; it is the dpo’s, whose role may erase, and a staff member’s try is logged as denied', async () => {
    const item = await waiting('Win een iPad', { attachments: [PDF] });

    const refused = await t.app.inject({ method: 'POST', url: `/api/mail/inbox/${item.id}/discard`, headers: { cookie: staff } });
    expect(refused.statusCode).toBe(403);
    expect(await lastLogEntry(t)).toMatchObject({ operation: 'erase', record_type: 'message', outcome: 'denied' });
    expect(await itemExists(item.id)).toBe(true);

    const discarded = await t.app.inject({ method: 'POST', url: `/api/mail/inbox/${item.id}/discard`, headers: { cookie: dpo } });
    expect(discarded.statusCode).toBe(200);
    expect(await itemExists(item.id)).toBe(false);
    expect(await t.database.db.selectFrom('inbox_attachments').select('id').where('item_id', '=', item.id).execute()).toEqual([]);
    expect(await lastLogEntry(t)).toMatchObject({ operation: 'erase', record_type: 'message', outcome: 'allowed' });
  });

  it('the kind a mail’s words suggested can be corrected until the identity is proven', async () => {
    await dovecot.append(
      mail({ from: 'Frits Mol <frits@example.nl>', subject: 'Vraag', text: 'Ik trek mijn toestemming voor de nieuwsbrief in.' }),
    );
    await readMailbox(t);
    const request = await t.database.db
      .selectFrom('rights_requests')
      .select(['id', 'kind'])
      .where('requester_email', '=', 'frits@example.nl')
      .executeTakeFirstOrThrow();
    expect(request.kind).toBe('question');

    const changed = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${request.id}/kind`,
      headers: { cookie: staff },
      payload: { kind: 'withdraw_consent', purpose: 'correspondence' },
    });

    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ kind: 'withdraw_consent', purpose: 'correspondence', status: 'received' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { HAS_DOVECOT, type TestDovecot, startTestDovecot } from '../../test/dovecot.ts';
import { newCase, newSubject } from '../../test/factories.ts';
import type { TestApp } from '../../test/harness.ts';
import { type TestSmtp, startTestSmtp } from '../../test/smtp.ts';
import { execute, newRequest } from '../../test/support/executions.ts';
import { deliveredTo, fileRequest } from '../../test/support/requests.ts';
import { mail, readMailbox, startMailboxApp } from '../../test/support/mailbox.ts';

const PDF = { filename: 'offerte.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 getekende offerte') };

type Inbox = {
  items: { id: string; from: string | null; title: string | null; reason: string; reasonDetail: string | null }[];
  total: number;
};

/** Issue 17: a reply goes to its case, anything that is neither a reply nor a request waits for staff (P5, P12). */
describe.runIf(HAS_DOVECOT).each(DIALECTS)('replies and other mail from the mailbox, on %s', (dialect) => {
  let dovecot: TestDovecot;
  let smtp: TestSmtp;
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    dovecot = await startTestDovecot();
    smtp = await startTestSmtp();
    t = await startMailboxApp(dialect, dovecot, { smtpUrl: smtp.url });
    staff = await t.signIn('staff');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await dovecot.close();
  });

  const inbox = async (): Promise<Inbox> =>
    (await t.app.inject({ url: '/api/mail/inbox', headers: { cookie: staff } })).json<Inbox>();

  it('a reply to our letter about a request (In-Reply-To) is added to that request, its attachments dropped unread (UAVG art. 46)', async () => {
    const subject = await newSubject(t);
    const filed = (await fileRequest(t, { kind: 'access', name: 'Anna', email: subject.email })).json<{ reference: string }>();
    const letter = await deliveredTo(t, smtp, subject.email ?? '', 'verification_code');
    const passport = { filename: 'paspoort.jpg', contentType: 'image/jpeg', content: Buffer.from('JPEG paspoort') };
    await dovecot.append(
      mail({
        from: subject.email ?? '',
        subject: 'Re: mijn verzoek',
        text: 'Ik heb de code niet ontvangen, hierbij mijn paspoort.',
        headers: [`In-Reply-To: ${letter.messageId}`],
        attachments: [passport],
      }),
    );

    const report = await readMailbox(t);

    expect(report).toMatchObject({ taken: 1, refused: 0 });
    const request = await t.database.db
      .selectFrom('rights_requests')
      .select(['id', 'details', 'attachments_dropped'])
      .where('reference', '=', filed.reference)
      .executeTakeFirstOrThrow();
    expect(request.details).toContain('Ik heb de code niet ontvangen');
    expect(Number(request.attachments_dropped)).toBe(1);
    const read = await t.database.db
      .selectFrom('mailbox_reads')
      .select(['outcome', 'request_id'])
      .where('request_id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(read).toEqual({ outcome: 'request_message', request_id: request.id });
    expect(await t.database.db.selectFrom('attachments').select('id').where('filename', '=', 'paspoort.jpg').execute()).toEqual(
      [],
    );
  });

  it('a reply naming a case in its subject becomes a message of that case, with its attachment, collected through the guard (P5)', async () => {
    const subject = await newSubject(t);
    const opened = await newCase(t, subject.id);
    await dovecot.append(
      mail({
        from: subject.email ?? '',
        subject: `Re: ${opened.title} (${opened.reference})`,
        text: 'Hierbij de getekende offerte.',
        attachments: [PDF],
      }),
    );

    await readMailbox(t);

    const shown = (await t.app.inject({ url: `/api/cases/${opened.id}`, headers: { cookie: staff } })).json<{
      messages: { id: string; direction: string; body: string; attachments: { filename: string; sizeBytes: number }[] }[];
    }>();
    const message = shown.messages.find((m) => m.body === 'Hierbij de getekende offerte.');
    expect(message).toMatchObject({
      direction: 'inbound',
      attachments: [{ filename: 'offerte.pdf', sizeBytes: PDF.content.length }],
    });
    const entry = await t.database.db
      .selectFrom('processing_log')
      .select(['actor_id', 'operation', 'record_type', 'subject_ids'])
      .where('records', 'like', `%message:${message?.id ?? ''}%`)
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({
      actor_id: 'mailbox',
      operation: 'collect',
      record_type: 'message',
      subject_ids: JSON.stringify([subject.id]),
    });
  });

  it('a reply to a closed case waits in the triage inbox, naming the case, and is not added to it', async () => {
    const subject = await newSubject(t);
    const opened = await newCase(t, subject.id);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/cases/${opened.id}/close`, headers: { cookie: staff } })).statusCode,
    ).toBe(200);
    await dovecot.append(mail({ from: subject.email ?? '', subject: `Re: ${opened.reference}`, text: 'Nog een vraag.' }));

    await readMailbox(t);

    const waiting = (await inbox()).items.find((i) => i.reasonDetail === opened.reference);
    expect(waiting).toMatchObject({ reason: 'closed', title: `Re: ${opened.reference}` });
    const messages = await t.database.db.selectFrom('messages').select('body').where('case_id', '=', opened.id).execute();
    expect(messages.map((m) => m.body)).not.toContain('Nog een vraag.');
  });

  it('a reply of a person whose processing is restricted waits in the triage inbox, the refusal logged (Art. 18); staff may still store it on the case', async () => {
    const subject = await newSubject(t);
    const opened = await newCase(t, subject.id);
    await execute(t, await newRequest(t, 'restriction', subject.id));
    await dovecot.append(
      mail({ from: subject.email ?? '', subject: `Re: ${opened.reference}`, text: 'Ik wil mijn klacht aanvullen.' }),
    );

    await readMailbox(t);

    const denied = await t.database.db
      .selectFrom('processing_log')
      .select(['actor_id', 'operation', 'outcome'])
      .where('subject_ids', 'like', `%${subject.id}%`)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied).toEqual([{ actor_id: 'mailbox', operation: 'collect', outcome: 'denied' }]);
    const waiting = (await inbox()).items.find((i) => i.title === `Re: ${opened.reference}`);
    expect(waiting).toMatchObject({ reason: 'restricted' });
    const filed = await t.app.inject({
      method: 'POST',
      url: `/api/mail/inbox/${waiting?.id ?? ''}/assign`,
      headers: { cookie: staff },
      payload: { caseId: opened.id },
    });
    expect(filed.statusCode).toBe(200);
    expect(
      (await t.database.db.selectFrom('messages').select('body').where('case_id', '=', opened.id).execute()).map((m) =>
        m.body.trim(),
      ),
    ).toEqual(['Ik wil mijn klacht aanvullen.']);
  });

  it('mail to another address, an automatic reply and a newsletter wait in the triage inbox and never become requests', async () => {
    const requestsBefore = (await t.database.db.selectFrom('rights_requests').select('id').execute()).length;
    await dovecot.append(mail({ from: 'leverancier@example.com', to: 'info@senict.nl', subject: 'Factuur oktober' }));
    await dovecot.append(mail({ from: 'erik@example.nl', subject: 'Afwezig', headers: ['Auto-Submitted: auto-replied'] }));
    await dovecot.append(
      mail({
        from: 'nieuws@example.com',
        subject: 'Nieuwsbrief december',
        headers: ['List-Id: <nieuws.example.com>', 'List-Unsubscribe: <mailto:uit@example.com>'],
      }),
    );

    const report = await readMailbox(t);

    expect(report).toMatchObject({ taken: 3, refused: 0 });
    const reasons: Record<string, string> = Object.fromEntries((await inbox()).items.map((i) => [i.title ?? '', i.reason]));
    expect(reasons).toMatchObject({ 'Factuur oktober': 'not_addressed', Afwezig: 'automatic', 'Nieuwsbrief december': 'bulk' });
    expect((await t.database.db.selectFrom('rights_requests').select('id').execute()).length).toBe(requestsBefore);
  });
});

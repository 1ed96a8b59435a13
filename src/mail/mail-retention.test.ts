import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.ts';
import { businessDate } from '../shared/business-day.ts';
import { longDate } from '../statement/dates.ts';
import { letter } from './letters.ts';
import { MailSecretBox } from './mail-secrets.ts';
import { enqueueMail } from './outbox.repository.ts';

const DAY = 86_400_000;

describe.each(DIALECTS)('removing the text of sent mail after thirty days (Art. 5(1)(e), 5(2) GDPR), on %s', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let dpo: string;

  beforeAll(async () => {
    smtp = await startTestSmtp({ rejectRecipient: (address) => address === 'bestaat.niet@example.nl' });
    t = await startTestApp(dialect, { smtpUrl: smtp.url });
    dpo = await t.signIn('dpo');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const row = (id: string) => t.database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const enqueue = (to: string, title: string, subjectId?: string) => {
    const content = letter(t.services.policy, 'nl', {
      title,
      paragraphs: ['Beste klant,', `Dit gaat over ${title}.`, { code: '713705' }],
    });
    return t.database.db
      .transaction()
      .execute((trx) =>
        enqueueMail(
          trx,
          { createdAt: new Date().toISOString(), ...content, kind: 'test', to, language: 'nl', subjectId },
          new MailSecretBox(t.mailKey),
        ),
      );
  };

  it('empties text, HTML and secrets thirty days after delivery or the last attempt, keeps to whom, the subject, when and the status, and logs it', async () => {
    const subject = await newSubject(t);
    const sent = await enqueue(subject.email ?? '', 'Uw factuur', subject.id);
    const failed = await enqueue('bestaat.niet@example.nl', 'Onbestelbaar');
    expect(await t.services.mailDelivery.deliverDue()).toMatchObject({ sent: 1, failed: 1 });
    const waiting = await enqueue('later@example.nl', 'Nog niet verzonden');
    const before = await row(sent);
    expect(before).toMatchObject({ status: 'sent', sealed_secrets: null, body_removed_at: null });
    expect((await row(failed)).sealed_secrets).not.toBeNull();

    expect(await t.services.mailRetention.run({ at: new Date(Date.now() + 29 * DAY) })).toMatchObject({ removed: 0 });
    expect((await row(sent)).body_text).toBe(before.body_text);

    const at = new Date(Date.now() + 31 * DAY);
    expect(await t.services.mailRetention.run({ at })).toMatchObject({ removed: 2 });
    for (const id of [sent, failed]) {
      expect(await row(id)).toMatchObject({
        body_text: '',
        body_html: null,
        sealed_secrets: null,
        body_removed_at: at.toISOString(),
      });
    }
    expect(await row(sent)).toMatchObject({
      to_address: before.to_address,
      title: 'Uw factuur',
      status: 'sent',
      sent_at: before.sent_at,
      message_id: before.message_id,
    });
    expect(await row(failed)).toMatchObject({ to_address: 'bestaat.niet@example.nl', title: 'Onbestelbaar', status: 'failed' });
    // A message not sent yet keeps its text and its sealed code, or the person would never get them.
    expect(await row(waiting)).toMatchObject({ status: 'pending', body_removed_at: null });
    expect((await row(waiting)).body_text).toContain('Dit gaat over Nog niet verzonden.');
    expect((await row(waiting)).sealed_secrets).not.toBeNull();

    const entry = await t.database.db
      .selectFrom('processing_log')
      .selectAll()
      .where('actor_id', '=', 'mail-retention')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ operation: 'erase', record_type: 'message', outcome: 'allowed' });
    expect(JSON.parse(entry.records)).toEqual(expect.arrayContaining([`outbox:${sent}`, `outbox:${failed}`]));
    expect(JSON.parse(entry.subject_ids)).toEqual([subject.id]);
    expect(entry.reason).toContain('30 days');

    // Once is enough: a second run finds nothing.
    expect(await t.services.mailRetention.run({ at })).toMatchObject({ removed: 0 });
  });

  it('shows a removed text as removed, through the API and `kluis mail show`, and cannot retry a given-up message without its text', async () => {
    const sent = await enqueue('verzonden@example.nl', 'Verzonden brief');
    const failed = await enqueue('bestaat.niet@example.nl', 'Nooit aangekomen');
    await t.services.mailDelivery.deliverDue();
    const at = new Date(Date.now() + 31 * DAY);
    await t.services.mailRetention.run({ at });

    const shown = await t.app.inject({ method: 'GET', url: `/api/outbox/${sent}`, headers: { cookie: dpo } });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({
      to: 'verzonden@example.nl',
      title: 'Verzonden brief',
      status: 'sent',
      text: null,
      html: null,
      textRemovedAt: at.toISOString(),
    });

    const cli = runCli(t.database, ['mail', 'show', sent]);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('To: verzonden@example.nl\nSubject: Verzonden brief\nStatus: sent (1 attempt(s))');
    expect(cli.stdout).toContain(
      `(The text was removed on ${longDate(businessDate(at), 'en')}, 30 days after the message was delivered or given up. What is kept: to whom, the subject, when and the status.)`,
    );

    const retry = await t.app.inject({ method: 'POST', url: `/api/outbox/${failed}/retry`, headers: { cookie: dpo } });
    expect(retry.statusCode).toBe(409);
    expect(retry.json()).toMatchObject({ error: { code: 'conflict' } });
    expect(await row(failed)).toMatchObject({ status: 'failed', body_text: '' });
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openSecondInstance, openTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { POLICY_PATH } from '../../test/harness.ts';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.ts';
import { loadPolicy } from '../policy/policy.ts';
import { RETRY_DELAYS_MS } from './backoff.ts';
import { type DeliveryOptions, MailDelivery } from './delivery.ts';
import { letter } from './letters.ts';
import { MailSecretBox } from './mail-secrets.ts';
import { claim, enqueueMail, type NewMail } from './outbox.repository.ts';
import { mailSettings } from './settings.ts';

const policy = loadPolicy(POLICY_PATH);

describe.each(DIALECTS)('mail delivery on %s', (dialect) => {
  let database: TestDatabase;
  let smtp: TestSmtp;
  // The deliveries' clock: real time plus a jump forward, so retries fall due without waiting.
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  const deliveries: MailDelivery[] = [];

  const delivery = (smtpUrl: string | undefined, options: DeliveryOptions = {}, db = database.db): MailDelivery => {
    const d = new MailDelivery(db, mailSettings(policy, { smtpUrl, secretKey: mailKey }), { clock: { now: clock }, ...options });
    deliveries.push(d);
    return d;
  };
  // The key every delivery of this file shares, as instances sharing a database share KLUIS_MAIL_KEY.
  const mailKey = MailSecretBox.generateKey();
  const enqueue = (mail: Partial<NewMail> = {}, box = new MailSecretBox(mailKey)) =>
    enqueueMail(
      database.db,
      {
        createdAt: new Date().toISOString(),
        kind: 'test',
        to: 'anna@example.nl',
        title: 'Een bericht',
        text: 'Hallo Anna',
        language: 'nl',
        ...mail,
      },
      box,
    );
  const row = (id: string) =>
    database.db
      .selectFrom('outbox')
      .select(['status', 'attempts', 'next_attempt_at', 'last_error', 'sent_at', 'message_id', 'claimed_by', 'claimed_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const arrivals = (id: string) => smtp.messages.filter((m) => m.messageId.startsWith(`<${id}@`)).length;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    smtp = await startTestSmtp();
  });
  afterEach(async () => {
    offsetMs = 0;
    for (const d of deliveries.splice(0)) d.close();
    // Each test starts from an empty outbox: what one leaves due must not be sent by the next.
    await database.db.deleteFrom('outbox').execute();
  });
  afterAll(async () => {
    await smtp.close();
    await database.drop();
  });

  it('sends a due message with the policy letter, and records it as sent with its Message-ID', async () => {
    const content = letter(policy, 'nl', {
      title: 'Uw verzoek is ontvangen',
      paragraphs: ['We hebben uw verzoek om inzage ontvangen.', { code: '482913' }],
    });
    const id = await enqueue({ ...content, to: 'jan@example.nl', related: { type: 'rights_request', id: 'R-1' } });

    const report = await delivery(smtp.url).deliverDue();
    expect(report).toMatchObject({ configured: true, sent: 1, retrying: 0, failed: 0 });

    const mail = await smtp.waitFor((m) => m.envelope.to.includes('jan@example.nl'));
    expect(mail.subject).toBe('Uw verzoek is ontvangen');
    expect(mail.to).toBe('jan@example.nl');
    expect(mail.from).toBe('"Sen ICT" <security@senict.nl>');
    expect(mail.envelope.from).toBe('security@senict.nl');
    expect(mail.text).toContain('We hebben uw verzoek om inzage ontvangen.');
    expect(mail.text).toContain('482913');
    // P16: every letter ends with the controller and the DPO.
    expect(mail.text).toContain('Ketjapweg 40, 3541 RH Utrecht');
    expect(mail.text).toContain('Functionaris voor de Gegevensbescherming: security@senict.nl');
    expect(mail.html).toContain('<strong>482913</strong>');
    expect(mail.header('Auto-Submitted')).toBe('auto-generated');
    // The code was put in at the hand-over only: the stored copy has the placeholder, its sealed secret is gone.
    const stored = await database.db
      .selectFrom('outbox')
      .select(['body_text', 'body_html', 'sealed_secrets'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ body_text: expect.stringContaining('[code verstuurd]') as string, sealed_secrets: null });
    expect(JSON.stringify(stored)).not.toContain('482913');

    const sent = await row(id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, last_error: null, claimed_by: null, claimed_at: null });
    expect(sent.message_id).toBe(mail.messageId);
    expect(sent.sent_at).not.toBeNull();
    expect(arrivals(id)).toBe(1);

    // Sent is final: another pass sends nothing.
    expect((await delivery(smtp.url).deliverDue()).sent).toBe(0);
    expect(arrivals(id)).toBe(1);
  });

  it('waits with backoff while the SMTP server is down, and sends once it is back', async () => {
    const down = await startTestSmtp();
    const { url, port } = down;
    await down.close();
    const id = await enqueue({ to: 'later@example.nl' });
    const d = delivery(url);

    expect(await d.deliverDue()).toMatchObject({ sent: 0, retrying: 1 });
    const first = await row(id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, sent_at: null, message_id: null, claimed_by: null });
    expect(first.last_error).toMatch(/^E[A-Z]+: .*ECONNREFUSED/);
    expect(first.last_error).not.toContain('\n    at ');
    const wait = Date.parse(first.next_attempt_at) - clock().getTime();
    expect(wait).toBeGreaterThan(RETRY_DELAYS_MS[0]! - 5_000);
    expect(wait).toBeLessThanOrEqual(RETRY_DELAYS_MS[0]!);

    // Not due yet: nothing is tried.
    expect(await d.deliverDue()).toMatchObject({ sent: 0, retrying: 0 });
    expect((await row(id)).attempts).toBe(1);

    offsetMs = RETRY_DELAYS_MS[0]! + 1_000;
    expect(await d.deliverDue()).toMatchObject({ retrying: 1 });
    const second = await row(id);
    expect(second.attempts).toBe(2);
    expect(Date.parse(second.next_attempt_at) - clock().getTime()).toBeGreaterThan(RETRY_DELAYS_MS[1]! - 5_000);

    const back = await startTestSmtp({ port });
    try {
      offsetMs += RETRY_DELAYS_MS[1]! + 1_000;
      expect(await d.deliverDue()).toMatchObject({ sent: 1 });
      await back.waitFor((m) => m.envelope.to.includes('later@example.nl'));
      expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3 });
    } finally {
      await back.close();
    }
  });

  it('gives up as failed after the last attempt, and then leaves the message alone', async () => {
    const down = await startTestSmtp();
    await down.close();
    const id = await enqueue();
    const d = delivery(down.url);
    for (const delay of RETRY_DELAYS_MS) {
      expect(await d.deliverDue()).toMatchObject({ retrying: 1, failed: 0 });
      offsetMs += delay + 1_000;
    }
    expect(await d.deliverDue()).toMatchObject({ retrying: 0, failed: 1 });
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: RETRY_DELAYS_MS.length + 1 });
    expect((await row(id)).last_error).toContain('ECONNREFUSED');

    offsetMs += 30 * 86_400_000;
    expect(await d.deliverDue()).toMatchObject({ retrying: 0, failed: 0, sent: 0 });
  });

  it('fails at once when the server refuses the recipient for good', async () => {
    const strict = await startTestSmtp({ rejectRecipient: (address) => address === 'nobody@example.nl' });
    try {
      const id = await enqueue({ to: 'nobody@example.nl' });
      expect(await delivery(strict.url).deliverDue()).toMatchObject({ failed: 1 });
      const failed = await row(id);
      expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
      expect(failed.last_error).toMatch(/^EENVELOPE 550: /);
      expect(strict.messages).toHaveLength(0);
    } finally {
      await strict.close();
    }
  });

  it('never sends a placeholder for a secret it cannot open: the message waits for an instance with the mail key', async () => {
    const content = letter(policy, 'en', { title: 'Your code', paragraphs: [{ code: '713705' }] });
    const id = await enqueue({ ...content, to: 'other.key@example.nl' }, new MailSecretBox(MailSecretBox.generateKey()));
    expect(await delivery(smtp.url).deliverDue()).toMatchObject({ sent: 0, retrying: 1 });
    expect(await row(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: expect.stringContaining('mail key') as string,
    });
    expect(smtp.messages.some((m) => m.envelope.to.includes('other.key@example.nl'))).toBe(false);
  });

  it('never sends a message twice when two instances deliver at the same time', async () => {
    const ids = await Promise.all(
      Array.from({ length: 12 }, (_, i) => enqueue({ to: `race${i}@example.nl`, title: `Race ${i}` })),
    );
    const other = openSecondInstance(database);
    try {
      const a = delivery(smtp.url, { instanceId: 'instance-a', batchSize: 5 });
      const b = delivery(smtp.url, { instanceId: 'instance-b', batchSize: 5 }, other.db);
      const [ra, rb] = await Promise.all([a.deliverDue(), b.deliverDue()]);
      expect(ra.sent + rb.sent).toBe(ids.length);
      await Promise.all(ids.map((id) => smtp.waitFor((m) => m.messageId.startsWith(`<${id}@`))));
      for (const id of ids) {
        expect(arrivals(id), id).toBe(1);
        expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1 });
      }
    } finally {
      await other.close();
    }
  });

  it('lets exactly one of two instances claim a message they race for', async () => {
    const other = openSecondInstance(database);
    try {
      for (let i = 0; i < 10; i += 1) {
        const id = await enqueue();
        const at = clock().toISOString();
        const won = await Promise.all([claim(database.db, id, 'instance-a', at), claim(other.db, id, 'instance-b', at)]);
        expect(won.filter(Boolean)).toHaveLength(1);
        expect((await row(id)).claimed_by).toBe(won[0] === true ? 'instance-a' : 'instance-b');
      }
    } finally {
      await other.close();
    }
  });

  it('sends again a message whose sender stopped mid-send, once its claim has timed out', async () => {
    const stuck = await enqueue({ to: 'stuck@example.nl' });
    const fresh = await enqueue({ to: 'busy@example.nl' });
    const longAgo = new Date(Date.now() - 11 * 60_000).toISOString();
    const justNow = new Date(Date.now() - 60_000).toISOString();
    await database.db
      .updateTable('outbox')
      .set({ status: 'sending', claimed_by: 'crashed-instance', claimed_at: longAgo })
      .where('id', '=', stuck)
      .execute();
    await database.db
      .updateTable('outbox')
      .set({ status: 'sending', claimed_by: 'busy-instance', claimed_at: justNow })
      .where('id', '=', fresh)
      .execute();

    const report = await delivery(smtp.url, { claimTimeoutMs: 10 * 60_000 }).deliverDue();
    expect(report).toMatchObject({ recovered: 1, sent: 1 });
    await smtp.waitFor((m) => m.envelope.to.includes('stuck@example.nl'));
    // The interrupted attempt counts: a message that kills its sender every time must end.
    expect(await row(stuck)).toMatchObject({ status: 'sent', attempts: 2, claimed_by: null });
    // A claim younger than the timeout belongs to an instance still at work.
    expect(await row(fresh)).toMatchObject({ status: 'sending', claimed_by: 'busy-instance', attempts: 0 });
    expect(smtp.messages.some((m) => m.envelope.to.includes('busy@example.nl'))).toBe(false);
  });

  it('sends nothing without SMTP_URL: the message stays pending, untouched', async () => {
    const id = await enqueue({ to: 'nowhere@example.nl' });
    const before = smtp.messages.length;
    expect(await delivery(undefined).deliverDue()).toMatchObject({ configured: false, sent: 0, retrying: 0, failed: 0 });
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0, last_error: null, sent_at: null });
    expect(smtp.messages).toHaveLength(before);
  });

  it('sends as MAIL_FROM when it is set', async () => {
    const d = new MailDelivery(
      database.db,
      mailSettings(policy, { smtpUrl: smtp.url, mailFrom: 'Kluis van Sen ICT <privacy@senict.nl>' }),
      { clock: { now: clock } },
    );
    deliveries.push(d);
    await enqueue({ to: 'from@example.nl' });
    await d.deliverDue();
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('from@example.nl'));
    expect(mail.from).toBe('"Kluis van Sen ICT" <privacy@senict.nl>');
    expect(mail.messageId).toMatch(/@senict\.nl>$/);
  });
});

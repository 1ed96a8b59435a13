import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { HAS_DOVECOT, type TestDovecot, startTestDovecot } from '../../test/dovecot.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { HANDLED, mail } from '../../test/support/mailbox.ts';

/** `kluis mail read` and `kluis mail inbox …` (issue 17): the mailbox from the command line, on the real CLI. */
describe.runIf(HAS_DOVECOT).each(DIALECTS)('the mailbox on the command line, on %s', (dialect) => {
  let dovecot: TestDovecot;
  let t: TestApp;
  // The CLI reads the test's Dovecot and asks a DNS server that is not there (port 9 of this machine): no network.
  const env = () => ({ KLUIS_IMAP_URL: dovecot.url, KLUIS_IMAP_HANDLED_FOLDER: HANDLED, KLUIS_MAIL_DNS_SERVERS: '127.0.0.1:9' });

  beforeAll(async () => {
    dovecot = await startTestDovecot();
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
    await dovecot.close();
  });

  it('reads the mailbox once, lists the triage inbox and registers a waiting mail as a request received when it arrived', async () => {
    const arrivedAt = new Date('2026-11-16T10:00:00Z');
    await dovecot.append(
      mail({
        from: 'Gerda Kok <gerda@example.nl>',
        to: 'info@senict.nl',
        subject: 'Mijn gegevens inzien',
        text: 'Mag ik mijn gegevens inzien?',
      }),
      { arrivedAt },
    );

    const read = await runCliAsync(t.database, ['mail', 'read'], { env: env() });
    expect(read.stderr).toBe('');
    expect(read.stdout).toContain('Taken in 1, refused 0');
    expect(await dovecot.uids(HANDLED)).toHaveLength(1);

    const listed = await runCliAsync(t.database, ['mail', 'inbox', 'list'], { env: env() });
    expect(listed.stdout).toContain('Mijn gegevens inzien');
    expect(listed.stdout).toContain('not_addressed');
    const id = /^([0-9a-f-]{36})\s/m.exec(listed.stdout)?.[1] ?? '';

    const registered = await runCliAsync(t.database, ['mail', 'inbox', 'register', id, '--kind', 'access'], { env: env() });
    expect(registered.stderr).toBe('');
    expect(registered.stdout).toMatch(
      /Registered as request V-2026-[0-9A-Z]{6} \(access\), received 2026-11-16T10:00:00.000Z, due 2026-12-16/,
    );
    const request = await t.database.db
      .selectFrom('rights_requests')
      .select(['channel', 'received_at', 'requester_email', 'created_by'])
      .where('requester_email', '=', 'gerda@example.nl')
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({ channel: 'email', received_at: arrivedAt.toISOString() });
    expect(await t.database.db.selectFrom('inbox_items').select('id').execute()).toEqual([]);
  });

  it('says so when no mailbox is configured, and reads nothing', async () => {
    const read = await runCliAsync(t.database, ['mail', 'read']);
    expect(read.status).toBe(2);
    expect(read.stderr).toContain('No KLUIS_IMAP_URL is set');
  });
});

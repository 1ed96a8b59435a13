import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../../test/cli.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.ts';
import { enqueueMail } from './outbox.repository.ts';

describe.each(DIALECTS)('kluis mail on %s', (dialect) => {
  let database: TestDatabase;
  let smtp: TestSmtp;
  const status = (id: string) =>
    database.db.selectFrom('outbox').select(['status', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow();
  const enqueue = (to: string, title: string) =>
    enqueueMail(database.db, {
      createdAt: new Date().toISOString(),
      kind: 'test',
      to,
      title,
      text: `Tekst van ${title}`,
      language: 'nl',
    });

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp.close();
    await database.drop();
  });

  it('send without SMTP_URL sends nothing, says so, and exits with 2', async () => {
    const id = await enqueue('wacht@example.nl', 'Wachtend bericht');
    const result = await runCliAsync(database, ['mail', 'send']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('No SMTP_URL is set: nothing was sent. 1 message(s) wait in the outbox');
    expect(await status(id)).toEqual({ status: 'pending', attempts: 0 });
  });

  it('send delivers every due message once and prints a summary', async () => {
    const id = await enqueue('cli@example.nl', 'Via de CLI');
    const result = await runCliAsync(database, ['mail', 'send'], { env: { SMTP_URL: smtp.url } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Sent 2, to retry later 0, given up 0.');
    expect(result.stdout).toContain('Outbox now: 0 pending, 0 sending, 2 sent, 0 failed.');
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('cli@example.nl'));
    expect(mail.subject).toBe('Via de CLI');
    expect(mail.text).toContain('Tekst van Via de CLI');
    expect(await status(id)).toEqual({ status: 'sent', attempts: 1 });
  });

  it('list shows the messages, filtered by status, and show prints one in full', async () => {
    const id = await enqueue('lijst@example.nl', 'Nog te verzenden');
    const all = runCli(database, ['mail', 'list']);
    expect(all.status).toBe(0);
    expect(all.stdout).toMatch(/id\s+created\s+status\s+attempts\s+to\s+title\s+last error/);
    expect(all.stdout).toContain('Nog te verzenden');
    expect(all.stdout).toContain('Via de CLI');
    expect(all.stdout).toContain('Outbox: 1 pending, 0 sending, 2 sent, 0 failed. No SMTP_URL is set: nothing is sent.');

    const pending = runCli(database, ['mail', 'list', '--status', 'pending']);
    expect(pending.stdout).toContain('Nog te verzenden');
    expect(pending.stdout).not.toContain('Via de CLI');

    const bad = runCli(database, ['mail', 'list', '--status', 'lost']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('pending, sending, sent, failed');

    const shown = runCli(database, ['mail', 'show', id]);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('To: lijst@example.nl\nSubject: Nog te verzenden\nStatus: pending (0 attempt(s))');
    expect(shown.stdout).toContain('Tekst van Nog te verzenden');
  });

  it('serve delivers the outbox on its own, and stops cleanly', async () => {
    const id = await enqueue('serve@example.nl', 'Door de server verzonden');
    const child = spawn(process.execPath, [path.resolve(import.meta.dirname, '../../bin/kluis.js'), 'serve'], {
      env: serveEnv(process.env, database, smtp.url),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await smtp.waitFor((m) => m.envelope.to.includes('serve@example.nl'), 20_000);
      expect(stdout).toContain(`Mail: delivered through ${smtp.url}`);
      await expect.poll(async () => (await status(id)).status, { timeout: 5_000 }).toBe('sent');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    // A stopped instance leaves no lease behind: another may take the job at once.
    expect(
      await database.db.selectFrom('job_leases').select('holder').where('name', '=', 'outbox').executeTakeFirst(),
    ).toBeUndefined();
  });
});

function serveEnv(base: NodeJS.ProcessEnv, database: TestDatabase, smtpUrl: string): Record<string, string> {
  const env: Record<string, string> = {
    ...(base as Record<string, string>),
    LOG_LEVEL: 'silent',
    PORT: '0',
    KLUIS_DATA_DIR: database.dataDir,
    SMTP_URL: smtpUrl,
  };
  delete env.DATABASE_URL;
  delete env.MAIL_FROM;
  if (database.databaseUrl !== undefined) {
    const url = new URL(database.databaseUrl);
    url.searchParams.set('options', `-c search_path=${database.schema ?? 'public'}`);
    env.DATABASE_URL = url.toString();
  }
  return env;
}

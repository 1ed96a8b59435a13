import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { ConfigError, loadConfig } from './env.ts';

describe('configuration', () => {
  it('defaults to port 8080 and the SQLite file under ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', dataDir: path.resolve('data'), databaseUrl: undefined });
    expect(config.policyPath).toBe(path.resolve('policy/sen-ict.yaml'));
  });

  it("reads KLUIS_TRUST_PROXY as true, false, a number of hops or the proxies' addresses, and refuses anything else", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ KLUIS_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ KLUIS_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ KLUIS_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ KLUIS_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,loopback,::1' }).trustProxy).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
      'loopback',
      '::1',
    ]);
    for (const bad of ['yes', '10.0.0.0/33', 'proxy.example', '10.0.0.1,']) {
      expect(() => loadConfig({ KLUIS_TRUST_PROXY: bad }), bad).toThrow(/KLUIS_TRUST_PROXY/);
    }
  });

  it('reads the mailbox (KLUIS_IMAP_*) and the DKIM key (KLUIS_DKIM_*), and refuses what is no IMAP URL, folder or DNS server', () => {
    expect(loadConfig({}).imap).toBeUndefined();
    expect(loadConfig({ KLUIS_IMAP_URL: 'imaps://privacy%40senict.nl:geheim@outlook.office365.com:993' }).imap).toEqual({
      url: 'imaps://privacy%40senict.nl:geheim@outlook.office365.com:993',
      inbox: 'INBOX',
      handledFolder: 'Kluis/Verwerkt',
      refusedFolder: 'Kluis/Geweigerd',
      pollSeconds: 60,
      maxMailBytes: 25 * 1024 * 1024,
      dnsServers: undefined,
    });
    expect(
      loadConfig({ KLUIS_IMAP_URL: 'imap://u:p@127.0.0.1:1143', KLUIS_MAIL_DNS_SERVERS: '127.0.0.1:5353, ::1' }).imap?.dnsServers,
    ).toEqual(['127.0.0.1:5353', '::1']);
    expect(loadConfig({ KLUIS_DKIM_KEY_FILE: 'dkim.pem' }).dkim).toEqual({
      keyFile: path.resolve('dkim.pem'),
      selector: 'kluis',
      domain: undefined,
    });
    for (const [name, bad] of [
      ['KLUIS_IMAP_URL', 'pop3://mail.example.nl'],
      ['KLUIS_IMAP_HANDLED_FOLDER', 'Kluis/*'],
      ['KLUIS_MAIL_DNS_SERVERS', 'dns.example.nl'],
      ['KLUIS_DKIM_DOMAIN', 'senict'],
      ['KLUIS_IMAP_POLL_SECONDS', '1'],
    ] as const) {
      expect(() => loadConfig({ KLUIS_IMAP_URL: 'imaps://u:p@mail.example.nl', [name]: bad }), `${name}=${bad}`).toThrow(
        new RegExp(name),
      );
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 8080, databaseUrl: undefined });
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('DATABASE_URL');
      expect(problems).toContain('LOG_LEVEL');
    }
  });

  it('sends no mail unless SMTP_URL is set, and lets the policy name the sender', () => {
    expect(loadConfig({})).toMatchObject({ smtpUrl: undefined, mailFrom: undefined });
    expect(loadConfig({ SMTP_URL: '', MAIL_FROM: '' })).toMatchObject({ smtpUrl: undefined, mailFrom: undefined });
  });

  it('accepts smtp:// and smtps:// URLs and a sender with or without a name', () => {
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).smtpUrl).toBe('smtp://127.0.0.1:2525');
    expect(loadConfig({ SMTP_URL: 'smtps://kluis:geheim@mail.senict.nl:465' }).smtpUrl).toBe(
      'smtps://kluis:geheim@mail.senict.nl:465',
    );
    expect(loadConfig({ MAIL_FROM: 'privacy@senict.nl' }).mailFrom).toBe('privacy@senict.nl');
    expect(loadConfig({ MAIL_FROM: '"Sen ICT" <security@senict.nl>' }).mailFrom).toBe('"Sen ICT" <security@senict.nl>');
    expect(loadConfig({ MAIL_FROM: 'Sen ICT <security@senict.nl>' }).mailFrom).toBe('Sen ICT <security@senict.nl>');
  });

  it('refuses a mail URL of another protocol and a sender that is no address, naming both', () => {
    for (const [smtp, from] of [
      ['http://mail.senict.nl', 'Sen ICT'],
      ['mail.senict.nl:25', '"Sen ICT" <security>'],
      ['smtp://', 'a@b.nl, c@d.nl'],
    ]) {
      try {
        loadConfig({ SMTP_URL: smtp, MAIL_FROM: from });
        expect.unreachable(`${smtp} / ${from}`);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        const problems = (error as ConfigError).problems.join('\n');
        expect(problems).toContain('SMTP_URL');
        expect(problems).toContain('MAIL_FROM');
      }
    }
  });

  it('never repeats the SMTP password in the list of problems', () => {
    try {
      loadConfig({ SMTP_URL: 'ftp://kluis:geheim@mail.senict.nl' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).message).not.toContain('geheim');
    }
  });

  it('stops the CLI with exit code 2 and the list', () => {
    const result = runCli(undefined, ['migrate'], { env: { PORT: '99999', DATABASE_URL: 'sqlite:///x' } });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('DATABASE_URL');
  });
  it('reads the backup settings: an age recipient, the folder (default under the data dir) and how many to keep', () => {
    expect(loadConfig({})).toMatchObject({ backupRecipient: undefined, backupDir: path.resolve('data/backups'), backupKeep: 14 });
    const recipient = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
    expect(
      loadConfig({ KLUIS_BACKUP_RECIPIENT: recipient, KLUIS_BACKUP_DIR: '/srv/backups', KLUIS_BACKUP_KEEP: '3' }),
    ).toMatchObject({
      backupRecipient: recipient,
      backupDir: '/srv/backups',
      backupKeep: 3,
    });
    expect(loadConfig({ KLUIS_DATA_DIR: '/srv/kluis' }).backupDir).toBe('/srv/kluis/backups');
  });

  it('refuses a backup recipient that is no age recipient, and keeping fewer than one', () => {
    try {
      loadConfig({ KLUIS_BACKUP_RECIPIENT: 'AGE-SECRET-KEY-1ABC', KLUIS_BACKUP_KEEP: '0' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('KLUIS_BACKUP_RECIPIENT');
      expect(problems).toContain('KLUIS_BACKUP_KEEP');
    }
  });
});

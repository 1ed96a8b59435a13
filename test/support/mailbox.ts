import type { Dialect } from '../../src/db/database.ts';
import { type TestApp, type TestAppOptions, startTestApp } from '../harness.ts';
import type { TestDovecot } from '../dovecot.ts';
import type { DnsResolver } from '../../src/mailbox/mail-authentication.ts';
import type { PassReport } from '../../src/mailbox/mailbox-reader.ts';

export const HANDLED = 'Kluis/Verwerkt';
export const REFUSED = 'Kluis/Geweigerd';

/** DNS with no records at all, as on a machine without a network: every check says none or temperror. */
export const noDns: DnsResolver = async (name) => {
  throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};

/** DNS with the given TXT records (name → value) and nothing else. */
export const txtRecords =
  (records: Record<string, string>): DnsResolver =>
  async (name, rrtype) => {
    const value = records[name.toLowerCase()];
    if (rrtype === 'TXT' && value !== undefined) return [[value]];
    throw Object.assign(new Error(`query${rrtype} ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };

/** The app reading the test's Dovecot, with DNS of the test's own (none by default). */
export function startMailboxApp(
  dialect: Dialect,
  dovecot: TestDovecot,
  options: TestAppOptions & { resolver?: DnsResolver; maxMailBytes?: number; batchSize?: number } = {},
): Promise<TestApp> {
  const { resolver, maxMailBytes, batchSize, ...rest } = options;
  return startTestApp(dialect, {
    ...rest,
    mailbox: {
      settings: {
        url: dovecot.url,
        inbox: 'INBOX',
        handledFolder: HANDLED,
        refusedFolder: REFUSED,
        maxMailBytes: maxMailBytes ?? 25 * 1024 * 1024,
        batchSize,
      },
      resolver: resolver ?? noDns,
      ...rest.mailbox,
    },
  });
}

/** One pass of the mailbox job, as the scheduler runs it; fails the test when the pass ended early. */
export async function readMailbox(t: TestApp): Promise<PassReport> {
  const reader = t.services.mailbox.reader;
  if (reader === undefined) throw new Error('the test app reads no mailbox');
  const report = await reader.readOnce();
  if (report.failure !== null) throw new Error(`the mailbox pass failed: ${report.failure}`);
  return report;
}

export interface TestMail {
  from?: string;
  to?: string;
  subject?: string;
  text?: string;
  /** Extra header lines, such as 'In-Reply-To: <…>'. */
  headers?: string[];
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

let counter = 0;

/** A mail as a mail program sends it: headers, a text part, and attachments when given. Each has its own Message-ID. */
export function mail(m: TestMail = {}): string {
  counter += 1;
  const boundary = `kluis-test-${counter}`;
  const head = [
    `From: ${m.from ?? '"Anna de Vries" <anna@example.nl>'}`,
    `To: ${m.to ?? 'security@senict.nl'}`,
    `Subject: ${m.subject ?? 'Inzage in mijn gegevens'}`,
    'Date: Mon, 30 Nov 2026 23:10:00 +0000',
    `Message-ID: <test-${counter}-${Date.now()}@example.nl>`,
    ...(m.headers ?? []),
    'MIME-Version: 1.0',
  ];
  const text = m.text ?? 'Graag wil ik weten welke gegevens u van mij heeft.';
  if (m.attachments === undefined || m.attachments.length === 0) {
    return [...head, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text, ''].join('\r\n');
  }
  const parts = m.attachments.flatMap((a) => [
    `--${boundary}`,
    `Content-Type: ${a.contentType}; name="${a.filename}"`,
    `Content-Disposition: attachment; filename="${a.filename}"`,
    'Content-Transfer-Encoding: base64',
    '',
    a.content.toString('base64').replace(/.{76}/g, '$&\r\n'),
  ]);
  return [
    ...head,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    ...parts,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

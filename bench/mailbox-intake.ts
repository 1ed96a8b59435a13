import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import type { Dialect } from '../src/db/database.ts';
import { loadPolicy } from '../src/policy/policy.ts';
import { seedRecipientsFromPolicy } from '../src/registers/recipient-seed.ts';
import { ImapMailbox } from '../src/mailbox/imap-mailbox.ts';
import { createServices } from '../src/services.ts';
import { type TestDovecot, startTestDovecot } from '../test/dovecot-server.ts';
import { dovecotRuns } from '../test/prerequisites.ts';
import type { Log } from './datasets.ts';
import { scratchDatabase } from './scratch.ts';
import { systemClock } from '../src/shared/clock.ts';

// Issue 17's Speed target: 1,000 mails in the mailbox are taken in at no less than 25% of the rate at which the
// same messages are fetched from the same IMAP server without processing, measured in the same run.

const POLICY_PATH = path.resolve(import.meta.dirname, '../policy/sen-ict.yaml');
const MIN_SHARE_OF_FETCH = 0.25;
const FETCH_ROUNDS = 3;
// The mailbox job's batch (mailbox-reader.ts), and where the IMAP-only pass moves the mail before it is put back.
const BATCH = 100;
const FLOOR_FOLDER = 'Floor';
const START = '<!-- bench:mailbox -->';
const END = '<!-- /bench:mailbox -->';

export interface MailboxRun {
  dialect: Dialect;
  mails: number;
  megabytes: number;
  /** Median of FETCH_ROUNDS fetches of every message (UID FETCH 1:* BODY[]) on one connection, nothing else done. */
  fetchSeconds: number;
  fetchPerSecond: number;
  /** The job's IMAP work with no processing at all (list, fetch in batches, move each batch): what no intake goes below. */
  imapOnlySeconds: number;
  imapOnlyShare: number;
  /** One pass of the mailbox job: fetch, parse, DKIM/SPF/DMARC, store through the guard, record, move. */
  intakeSeconds: number;
  intakePerSecond: number;
  share: number;
  outcomes: Record<string, number>;
}

/**
 * The mailbox of a small firm after a busy week: seven in ten mails are requests to the privacy address (each from
 * its own sender), two in ten go to another address and wait for staff, one in ten of those carries a small
 * attachment. Sizes from 1 to 12 KB.
 */
function mailOf(i: number): string {
  const toPrivacy = i % 10 < 7;
  const words = 'Graag wil ik weten welke gegevens u van mij heeft en waarvoor u die gebruikt. '.repeat(4 + (i % 25));
  const head = [
    `From: "Klant ${i}" <klant${i}@example.nl>`,
    `To: ${toPrivacy ? 'security@senict.nl' : 'info@senict.nl'}`,
    `Subject: ${toPrivacy ? 'Inzage in mijn gegevens' : `Vraag ${i}`}`,
    'Date: Mon, 30 Nov 2026 10:00:00 +0100',
    `Message-ID: <bench-${i}-${randomBytes(4).toString('hex')}@example.nl>`,
    'Received: from mail.example.nl (mail.example.nl [192.0.2.10]) by mx.senict.nl; Mon, 30 Nov 2026 10:00:01 +0100',
    'MIME-Version: 1.0',
  ];
  if (i % 10 !== 9) return [...head, 'Content-Type: text/plain; charset=utf-8', '', words, ''].join('\r\n');
  const file = randomBytes(1024 + (i % 8) * 1024)
    .toString('base64')
    .replace(/.{76}/g, '$&\r\n');
  return [
    ...head,
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    words,
    '--b',
    'Content-Type: application/pdf; name="bijlage.pdf"',
    'Content-Disposition: attachment; filename="bijlage.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    file,
    '--b--',
    '',
  ].join('\r\n');
}

async function withClient<T>(dovecot: TestDovecot, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout().catch(() => undefined);
  }
}

/** Every message of the inbox fetched once, nothing done with it: the ceiling the intake is compared with. */
async function fetchAll(dovecot: TestDovecot): Promise<{ seconds: number; bytes: number; count: number }> {
  return withClient(dovecot, async (client) => {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const started = process.hrtime.bigint();
      let bytes = 0;
      let count = 0;
      for await (const m of client.fetch('1:*', { uid: true, source: true })) {
        bytes += m.source?.length ?? 0;
        count += 1;
      }
      return { seconds: Number(process.hrtime.bigint() - started) / 1e9, bytes, count };
    } finally {
      lock.release();
    }
  });
}

/**
 * The IMAP commands one pass of the mailbox job sends, and nothing else: list the inbox (UID, size, arrival,
 * envelope), fetch each batch of 100, move it. Whatever Kluis does with a mail comes on top of this, so its share
 * of the fetch rate is the most any intake that reads, records and moves mail this way could reach.
 */
async function imapAlone(dovecot: TestDovecot): Promise<number> {
  const box = await ImapMailbox.open(dovecot.url, 'INBOX', systemClock);
  try {
    const started = process.hrtime.bigint();
    const waiting = await box.waiting();
    for (let i = 0; i < waiting.length; i += BATCH) {
      const uids = waiting.slice(i, i + BATCH).map((w) => w.uid);
      const sources = await box.sources(uids);
      if (sources.size !== uids.length) throw new Error(`fetched ${sources.size} of ${uids.length} mails`);
      await box.move(uids, FLOOR_FOLDER);
    }
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await box.close();
  }
}

async function measure(dialect: Dialect, mails: number, databaseUrl: string, log: Log): Promise<MailboxRun> {
  const dovecot = await startTestDovecot();
  const target = await scratchDatabase(dialect, databaseUrl, 'mailbox', 10);
  try {
    await withClient(dovecot, async (client) => {
      for (let i = 0; i < mails; i += 1)
        await client.append('INBOX', mailOf(i), [], new Date(Date.UTC(2026, 10, 30, 9, 0, i % 60)));
    });
    const fetches = [];
    for (let round = 0; round < FETCH_ROUNDS; round += 1) fetches.push(await fetchAll(dovecot));
    const fetched = fetches.sort((a, b) => a.seconds - b.seconds)[Math.floor(FETCH_ROUNDS / 2)] ?? fetches[0];
    if (fetched === undefined || fetched.count !== mails) throw new Error(`fetched ${fetched?.count ?? 0} of ${mails} mails`);
    log(`  fetch without processing: ${mails} mails, ${(fetched.bytes / 1e6).toFixed(1)} MB in ${fetched.seconds.toFixed(3)} s`);

    const imapOnlySeconds = await imapAlone(dovecot);
    // Back into the inbox (not timed), under new UIDs: for the job they are mails it has never seen.
    await withClient(dovecot, async (client) => {
      await client.mailboxOpen(FLOOR_FOLDER);
      await client.messageMove('1:*', 'INBOX');
    });
    log(
      `  IMAP work alone (list, fetch, move; no processing): ${imapOnlySeconds.toFixed(3)} s, ${Math.round((fetched.seconds / imapOnlySeconds) * 100)}% of the fetch rate`,
    );

    const policy = loadPolicy(POLICY_PATH);
    await seedRecipientsFromPolicy(target.database.db, policy, new Date().toISOString());
    // No network in the benchmark: every DNS question answered "no such name" at once, as a local resolver would.
    const resolver = async (name: string): Promise<string[]> => {
      throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    };
    const settings = {
      url: dovecot.url,
      inbox: 'INBOX',
      handledFolder: 'Kluis/Verwerkt',
      refusedFolder: 'Kluis/Geweigerd',
      maxMailBytes: 25 * 1024 * 1024,
    };
    const services = createServices(target.database, policy, { mailbox: { settings, resolver } });
    const reader = services.mailbox.reader;
    if (reader === undefined) throw new Error('no mailbox reader');
    const started = process.hrtime.bigint();
    const report = await reader.readOnce();
    const intakeSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    await reader.close();
    services.mailDelivery.close();
    if (report.failure !== null || report.taken !== mails)
      throw new Error(`the pass took in ${report.taken} of ${mails} mails: ${report.failure ?? ''}`);
    const rows = await target.database.db.selectFrom('mailbox_reads').select(['outcome']).execute();
    const outcomes: Record<string, number> = {};
    for (const r of rows) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    const round = (n: number) => Math.round(n * 1000) / 1000;
    const run: MailboxRun = {
      dialect,
      mails,
      megabytes: round(fetched.bytes / 1e6),
      fetchSeconds: round(fetched.seconds),
      fetchPerSecond: Math.round(mails / fetched.seconds),
      imapOnlySeconds: round(imapOnlySeconds),
      imapOnlyShare: round(fetched.seconds / imapOnlySeconds),
      intakeSeconds: round(intakeSeconds),
      intakePerSecond: Math.round(mails / intakeSeconds),
      share: round(fetched.seconds / intakeSeconds),
      outcomes,
    };
    log(
      `  intake (one pass of the mailbox job): ${intakeSeconds.toFixed(3)} s, ${run.intakePerSecond} mails/s, ${Math.round(run.share * 100)}% of the fetch rate`,
    );
    return run;
  } finally {
    await target.drop();
    await dovecot.close();
  }
}

/** Measures every dialect against a Dovecot of its own and writes its section of BENCHMARKS.md; skipped without Dovecot. */
export async function runMailboxBenchmark(
  dialects: Dialect[],
  mails: number,
  databaseUrl: string,
  log: Log,
): Promise<MailboxRun[]> {
  if (!dovecotRuns()) {
    log('skipped: the mailbox intake (issue 17), because Dovecot is missing. Enable: sudo apt-get install dovecot-imapd');
    return [];
  }
  const runs: MailboxRun[] = [];
  for (const dialect of dialects) {
    log(`mailbox, ${dialect}, ${mails} mails:`);
    runs.push(await measure(dialect, mails, databaseUrl, log));
  }
  writeSection(runs);
  for (const r of runs)
    log(
      `${r.share >= MIN_SHARE_OF_FETCH ? 'met    ' : 'NOT MET'}  ${r.dialect}: intake at least ${MIN_SHARE_OF_FETCH * 100}% of the fetch rate (${Math.round(r.share * 100)}%)`,
    );
  return runs;
}

function writeSection(runs: MailboxRun[]): void {
  const name = (d: Dialect) => (d === 'sqlite' ? 'SQLite' : 'PostgreSQL');
  const lines = [
    START,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} (\`npm run bench\`, or \`npm run bench:mailbox\` alone): N mails appended to a Dovecot of the`,
    "benchmark's own (the tests' set-up): seven in ten requests to the privacy address, three for the triage inbox, one mail in",
    'ten with an attachment of 1–8 KB. First every message is fetched without processing (`FETCH 1:* BODY[]` on one connection,',
    'the median of three), then one pass of the mailbox job takes them all in: fetch in batches of 100, parse, DKIM/SPF/DMARC',
    '(DNS answering at once: no network), route, store through the guard with its log entry and the record of the UID in one',
    'transaction per mail (four mails at a time), and move each batch to the handled folder. "IMAP alone" is the same pass',
    "with no processing at all (list the inbox, fetch each batch, move it): the job's IMAP commands, which every intake of",
    `this design pays before it does anything with a mail. Load average at the start: ${os.loadavg()[0]?.toFixed(2) ?? '?'} on ${os.availableParallelism()} cores.`,
    '',
    '| Database | Mails | Size | Fetch only | IMAP alone (share) | Intake | Intake / fetch | Target ≥ 25% | Outcomes |',
    '|---|---|---|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${name(r.dialect)} | ${r.mails} | ${r.megabytes} MB | ${r.fetchSeconds} s (${r.fetchPerSecond}/s) | ${r.imapOnlySeconds} s (${Math.round(r.imapOnlyShare * 100)}%) | ${r.intakeSeconds} s (${r.intakePerSecond}/s) | ${Math.round(r.share * 100)}% | ${r.share >= MIN_SHARE_OF_FETCH ? 'met' : '**not met**'} | ${Object.entries(
          r.outcomes,
        )
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')} |`,
    ),
    '',
    END,
  ];
  const file = path.resolve(import.meta.dirname, '../BENCHMARKS.md');
  const text = fs.readFileSync(file, 'utf8');
  const section = lines.join('\n');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${text.slice(0, start)}${section}${text.slice(end + END.length)}`
      : `${text.trimEnd()}\n\n## Mailbox intake (issue 17)\n\n${section}\n`;
  fs.writeFileSync(file, next);
  fs.writeFileSync(path.resolve(import.meta.dirname, 'mailbox-results.json'), `${JSON.stringify(runs, null, 2)}\n`);
}

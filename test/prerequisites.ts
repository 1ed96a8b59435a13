import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';

/**
 * What the tests need from outside npm, in one list: `test/prepare.ts` (the first step of `npm test`) installs or
 * starts what it may, and `test/global-setup.ts` probes each again so the tests that need a missing part are skipped
 * with one line that says what was not tested and the one command that enables it. KLUIS_TEST_REQUIRE_ALL=1 (set by
 * .ci/run) turns every such skip into a failure, so CI always tests everything.
 */
export interface Prerequisite {
  /** The key tests ask for: `inject('prerequisites').chromium`. */
  key: 'chromium' | 'postgres' | 'clamd' | 'dovecot';
  /** What is not tested without it. */
  untested: string;
  /** The one command that enables it. */
  enable: string;
}

export const PREREQUISITES: Record<Prerequisite['key'], Prerequisite> = {
  chromium: {
    key: 'chromium',
    untested: 'the browser tests (test/browser/: back office and public pages in Chromium)',
    enable: 'sudo apt-get install chromium   (or KLUIS_CHROMIUM=/path/to/chrome)',
  },
  dovecot: {
    key: 'dovecot',
    untested: 'the mailbox tests (reading mail over IMAP from a real Dovecot) and the mailbox part of npm run bench',
    enable: 'sudo apt-get install dovecot-imapd   (or KLUIS_DOVECOT=/path/to/dovecot)',
  },
  postgres: {
    key: 'postgres',
    untested: 'every database test on PostgreSQL',
    enable:
      'KLUIS_TEST_DATABASE_URL=postgres://user@127.0.0.1:5432/dbname npm test   (a server with a database the user may create schemas in)',
  },
  clamd: {
    key: 'clamd',
    untested: 'the virus scanner tests (a real clamd: clean files stored, EICAR refused, quarantine while it is down)',
    enable: 'sudo apt-get install clamav-daemon   (or KLUIS_CLAMD_BINARY=/path/to/clamd)',
  },
};

/** Where the scanner tests find clamd: Debian's clamav-daemon, or KLUIS_CLAMD_BINARY. Each test file starts its own. */
export function clamdBinary(): string {
  return process.env.KLUIS_CLAMD_BINARY ?? '/usr/sbin/clamd';
}

/** Whether the clamd binary exists and runs. */
export function clamdRuns(): boolean {
  const binary = clamdBinary();
  if (!fs.existsSync(binary)) return false;
  return spawnSync(binary, ['--version'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
}

/** Where the browser tests find Chromium: Debian's package, or KLUIS_CHROMIUM. playwright-core downloads none. */
export function chromiumPath(): string {
  return process.env.KLUIS_CHROMIUM ?? '/usr/bin/chromium';
}

/** Whether the Chromium binary exists and runs. */
export function chromiumRuns(): boolean {
  const binary = chromiumPath();
  if (!fs.existsSync(binary)) return false;
  const result = spawnSync(binary, ['--version'], { stdio: 'ignore', timeout: 30_000 });
  return result.status === 0;
}

/** Where the mailbox tests find Dovecot: Debian's package (dovecot-imapd), or KLUIS_DOVECOT. */
export function dovecotPath(): string {
  return process.env.KLUIS_DOVECOT ?? '/usr/sbin/dovecot';
}

/** Whether the Dovecot binary exists and runs (its version is read; nothing is started). */
export function dovecotRuns(): boolean {
  const binary = dovecotPath();
  if (!fs.existsSync(binary)) return false;
  return spawnSync(binary, ['--version'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
}

/** True when the variable that makes every prerequisite compulsory is set (`.ci/run`). */
export function everythingRequired(): boolean {
  // KLUIS_TEST_REQUIRE_POSTGRES is the older name, from when PostgreSQL was the only part that could be missing.
  return process.env.KLUIS_TEST_REQUIRE_ALL === '1' || process.env.KLUIS_TEST_REQUIRE_POSTGRES === '1';
}

/**
 * The PostgreSQL the tests use: KLUIS_TEST_DATABASE_URL when set, else a local server with trust authentication
 * (database `test`, as the user `postgres` or the operating-system user), the set-up of this project's machines.
 */
export function postgresCandidates(): string[] {
  const explicit = process.env.KLUIS_TEST_DATABASE_URL;
  if (explicit !== undefined && explicit !== '') return [explicit];
  const users = [...new Set(['postgres', os.userInfo().username])];
  return users.map((user) => `postgres://${encodeURIComponent(user)}@127.0.0.1:5432/test`);
}

/** The first candidate that answers a query, with the reason the last one failed. */
export async function findPostgres(): Promise<{ url: string | null; reason: string }> {
  let reason = 'no server answered';
  for (const url of postgresCandidates()) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return { url, reason: '' };
    } catch (error) {
      reason = `${url.replace(/\/\/[^@]*@/, '//…@')}: ${(error as Error).message}`;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return { url: null, reason };
}

/** How this process may install Debian packages: directly as root, through sudo without a password, or not at all. */
export function packageInstaller(): string[] | null {
  if (process.env.KLUIS_TEST_NO_INSTALL === '1') return null;
  if (!commandExists('apt-get')) return null;
  if (process.getuid?.() === 0) return [];
  if (commandExists('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n'];
  return null;
}

/** Whether a program is on the PATH. */
export function commandExists(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Runs a command quietly; its output only when it fails. */
export function runQuietly(command: string[], env: NodeJS.ProcessEnv = {}): boolean {
  const [program, ...args] = command;
  if (program === undefined) return false;
  try {
    execFileSync(program, args, { stdio: 'pipe', env: { ...process.env, ...env }, timeout: 15 * 60_000 });
    return true;
  } catch (error) {
    const failure = error as { stderr?: Buffer; message: string };
    const output = failure.stderr?.toString().trim() ?? '';
    console.warn(`    ${program} ${args.join(' ')} failed: ${output.split('\n').slice(-3).join(' | ') || failure.message}`);
    return false;
  }
}

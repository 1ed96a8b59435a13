/**
 * The first step of `npm test` (and so of `.ci/run`): prepares what the tests need from outside npm. Where this
 * process may (root, or sudo without a password) it installs missing Debian packages, quietly, one line per
 * package (Chromium, clamav-daemon, Dovecot); it starts a local PostgreSQL cluster that is stopped. It never fails the run itself: what is still
 * missing is skipped by the tests with a line saying so (or fails them under KLUIS_TEST_REQUIRE_ALL=1).
 * KLUIS_TEST_NO_INSTALL=1 installs and starts nothing.
 */
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import {
  chromiumPath,
  chromiumRuns,
  clamdBinary,
  clamdRuns,
  commandExists,
  dovecotRuns,
  packageInstaller,
  runQuietly,
} from './prerequisites.ts';

const APT_ENV = { DEBIAN_FRONTEND: 'noninteractive' };

/** apt-get install of one package; on failure once more after refreshing the package lists (a fresh machine has none). */
function installPackage(installer: string[], name: string): boolean {
  const install = [...installer, 'apt-get', 'install', '-y', '-q', '--no-install-recommends', name];
  if (runQuietly(install, APT_ENV)) return true;
  return runQuietly([...installer, 'apt-get', 'update', '-q'], APT_ENV) && runQuietly(install, APT_ENV);
}

function prepareChromium(installer: string[] | null): void {
  if (chromiumRuns()) return;
  // Only Debian's own path is ours to install; a KLUIS_CHROMIUM that does not run is the developer's to fix.
  if (process.env.KLUIS_CHROMIUM !== undefined || installer === null) return;
  console.log('prepare: installing chromium (Debian package, for the browser tests)…');
  const installed = installPackage(installer, 'chromium') && chromiumRuns();
  console.log(
    installed
      ? `prepare: chromium installed at ${chromiumPath()}`
      : 'prepare: chromium could not be installed; the browser tests will be skipped',
  );
}

/** Debian's clamav-daemon, for the scanner tests; they start clamd themselves, with a signature database of their own. */
function prepareClamd(installer: string[] | null): void {
  if (clamdRuns()) return;
  if (process.env.KLUIS_CLAMD_BINARY !== undefined || installer === null) return;
  console.log('prepare: installing clamav-daemon (Debian package, for the virus scanner tests)…');
  const installed = installPackage(installer, 'clamav-daemon') && clamdRuns();
  console.log(
    installed
      ? `prepare: clamd installed at ${clamdBinary()}`
      : 'prepare: clamav-daemon could not be installed; the virus scanner tests will be skipped',
  );
}

/** Dovecot for the mailbox tests: installed only; each test file starts its own server (test/dovecot.ts). */
function prepareDovecot(installer: string[] | null): void {
  if (dovecotRuns() || process.env.KLUIS_DOVECOT !== undefined || installer === null) return;
  console.log('prepare: installing dovecot-imapd (Debian package, for the mailbox tests)…');
  // Debian starts the system's own Dovecot after installing it; the tests never use that one.
  const installed = installPackage(installer, 'dovecot-imapd') && dovecotRuns();
  console.log(
    installed
      ? 'prepare: dovecot-imapd installed'
      : 'prepare: dovecot-imapd could not be installed; the mailbox tests will be skipped',
  );
}

/** Starts every local cluster that is down (Debian's postgresql-common), as its owner. */
function preparePostgres(): void {
  if (process.env.KLUIS_TEST_DATABASE_URL !== undefined && process.env.KLUIS_TEST_DATABASE_URL !== '') return;
  if (!commandExists('pg_lsclusters') || !commandExists('pg_isready')) return;
  if (spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q']).status === 0) return;
  if (!fs.existsSync('/etc/postgresql')) return;
  const mayStart = process.getuid?.() === 0 || packageInstaller() !== null;
  if (!mayStart) return;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  for (const version of fs.readdirSync('/etc/postgresql')) {
    console.log(`prepare: starting PostgreSQL ${version} (cluster main)`);
    runQuietly([...sudo, 'pg_ctlcluster', '--skip-systemctl-redirect', version, 'main', 'start']);
  }
  for (let i = 0; i < 30; i += 1) {
    if (spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q']).status === 0) return;
    spawnSync('sleep', ['1']);
  }
  console.log('prepare: PostgreSQL did not start; its tests will be skipped');
}

if (process.env.KLUIS_TEST_NO_INSTALL !== '1') {
  prepareChromium(packageInstaller());
  prepareClamd(packageInstaller());
  prepareDovecot(packageInstaller());
  preparePostgres();
}

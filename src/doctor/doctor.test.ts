import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandInClamd } from '../../test/clamd.ts';
import { runCli, runCliAsync } from '../../test/cli.ts';
import { DIALECTS, openSecondInstance } from '../../test/databases.ts';
import { logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { getLease } from '../jobs/lease.repository.ts';
import { standardJobs } from '../jobs/jobs.ts';
import { Scheduler } from '../jobs/scheduler.ts';
import { manifestPath } from '../backup/backup-files.ts';
import { cliActor } from '../guard/actor.ts';
import { enqueueMail } from '../mail/outbox.repository.ts';
import { NO_SCANNER } from '../scanner/scanner.ts';
import { longDate } from '../statement/dates.ts';
import type { Check, CheckResult } from './check.ts';
import { dpoSecondFactor, unusedAccounts } from './checks/accounts.ts';
import { backupDecrypts, backupRecent } from './checks/backup.ts';
import { dataDirectoryPrivate } from './checks/data-directory.ts';
import { logChain } from './checks/log-chain.ts';
import { outboxFlowing } from './checks/outbox.ts';
import { policyLint } from './checks/policy-lint.ts';
import { processorAgreements } from './checks/processor-agreements.ts';
import { nodeSupported, releaseAge } from './checks/software-age.ts';
import { tlsOrProxy } from './checks/transport.ts';
import { type DoctorSettings, doctorSettings } from './doctor-settings.ts';
import { CHECKS, runChecks } from './doctor.ts';
import { businessToday } from '../shared/business-day.ts';
import { systemClock } from '../shared/clock.ts';

const DAY = 86_400_000;
const SILENT = { info: () => undefined, error: () => undefined };
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const dateIn = (days: number) => daysFromNow(days).slice(0, 10);

/** A fresh age key pair from `kluis backup keygen`, the identity in a private file. */
function keygen() {
  const r = runCli(undefined, ['backup', 'keygen']);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-key-')), 'identity.txt');
  fs.writeFileSync(file, r.stdout, { mode: 0o600 });
  const identity = r.stdout.split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1')) ?? '';
  return { file, identity, recipient: /^# public key: (age1[0-9a-z]+)$/m.exec(r.stdout)?.[1] ?? '' };
}

describe.each(DIALECTS)('the self-check, on %s', (dialect) => {
  let t: TestApp;
  let backupDir: string;
  // A scanner that answers, for the command line's run in which every measure holds (antivirus.test.ts has the real one).
  let scanner: Awaited<ReturnType<typeof startStandInClamd>>;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-doctor-backups-'));
    scanner = await startStandInClamd();
  });
  afterAll(async () => {
    await scanner.close();
    await t.close();
    fs.rmSync(backupDir, { recursive: true, force: true });
  });

  // A release made today, so the fresh run stays the same as time passes; Node.js is the one running the test.
  const settings = (overrides: Partial<DoctorSettings> = {}): DoctorSettings =>
    doctorSettings(
      { dataDir: t.database.dataDir, databaseUrl: t.database.databaseUrl, backupDir, backupRecipient: undefined },
      { releaseDate: businessToday(new Date()), ...overrides },
    );
  const check = async (
    c: Check,
    overrides: { settings?: Partial<DoctorSettings>; identity?: string; deliveryConfigured?: boolean } = {},
  ): Promise<CheckResult> => {
    const [result] = await runChecks(
      {
        db: t.database.db,
        policy: t.services.policy,
        settings: settings(overrides.settings),
        now: new Date(),
        identity: overrides.identity,
        deliveryConfigured: overrides.deliveryConfigured ?? false,
        scanner: NO_SCANNER,
      },
      [c],
    );
    if (result === undefined) throw new Error('no result');
    return result;
  };

  it('finds on a fresh database: no backups, processors without agreements, no dpo, no TLS; the rest holds or cannot be told', async () => {
    const before = await logCount(t);
    const run = await t.services.selfChecks.run(cliActor(), settings(), { source: 'cli' });
    const found = Object.fromEntries(run.checks.map((c) => [c.id, c.severity]));
    expect(found).toEqual({
      'backup-recent': 'error',
      'backup-decrypts': 'unknown',
      'dpo-second-factor': 'warning',
      'unused-accounts': 'ok',
      'processor-agreements': 'error',
      // No KLUIS_CLAMD_URL in this test: the statement's "antivirusscanners" is not met (antivirus.test.ts).
      antivirus: 'error',
      quarantine: 'ok',
      'policy-lint': 'warning',
      'log-chain': 'ok',
      outbox: 'ok',
      'data-directory-private': 'ok',
      // This machine's disk is no dm-crypt volume; PostgreSQL keeps its data on its own server.
      'encrypted-volume': 'unknown',
      'tls-or-proxy': 'warning',
      'release-age': 'ok',
      'nodejs-supported': 'ok',
    });
    expect(run).toMatchObject({ source: 'cli', errors: 3, warnings: 3, unknowns: 2 });
    const byId = (id: string) => run.checks.find((c) => c.id === id);
    expect(byId('backup-recent')?.message).toContain('KLUIS_BACKUP_RECIPIENT is not set');
    expect(byId('backup-decrypts')?.message).toContain('not checked');
    expect(byId('processor-agreements')?.message).toContain('administratiekantoor has no processor agreement');
    expect(byId('processor-agreements')?.message).toContain('leveranciers has no processor agreement');
    // Art. 28(3): the storage provider (P6) is a processor like the others, by its company.
    expect(byId('processor-agreements')?.message).toContain(
      'Microsoft Ireland Operations Limited (microsoft) has no processor agreement',
    );
    // Each finding names the measure of the statement it supports, in the policy's own words.
    expect(byId('processor-agreements')?.measure).toEqual({
      id: 'processor-agreements',
      description: { nl: 'verwerkersovereenkomsten', en: 'data processing agreements' },
    });
    expect(byId('backup-recent')?.measure.id).toBe('encrypted-backups');
    expect(byId('encrypted-volume')?.measure.id).toBe('encrypted-disks');
    expect(byId('dpo-second-factor')?.measure.id).toBe('access-control');
    expect(byId('policy-lint')?.measure).toMatchObject({
      id: null,
      description: { nl: expect.stringContaining('regelmatig gecontroleerd') as string },
    });
    // Kept with every finding, and logged.
    expect(
      await t.database.db.selectFrom('self_check_runs').selectAll().where('id', '=', run.id).executeTakeFirst(),
    ).toMatchObject({ source: 'cli', errors: 3, warnings: 3, unknowns: 2 });
    const results = await t.database.db
      .selectFrom('self_check_results')
      .selectAll()
      .where('run_id', '=', run.id)
      .orderBy('position')
      .execute();
    expect(results.map((r) => [r.check_id, r.severity, r.measure])).toEqual(
      run.checks.map((c) => [c.id, c.severity, c.measure.id]),
    );
    // Each finding in Dutch too, with the same facts, for the Dutch back office.
    const kept = (id: string) => results.find((r) => r.check_id === id);
    expect(kept('backup-recent')?.message_nl).toBe(
      'er worden geen versleutelde back-ups gemaakt: KLUIS_BACKUP_RECIPIENT is niet ingesteld (kluis backup keygen maakt het sleutelpaar)',
    );
    expect(kept('processor-agreements')?.message_nl).toContain('administratiekantoor heeft geen verwerkersovereenkomst');
    expect(kept('processor-agreements')?.message_nl).toContain('(art. 28 lid 3 AVG)');
    expect(kept('log-chain')?.message_nl).toMatch(/^het verwerkingslog is intact: \d+ regels$/);
    expect(results.every((r) => r.message_nl !== null && r.message_nl !== r.message)).toBe(true);
    expect(byId('dpo-second-factor')?.messageNl).toBe('er is geen actief account met de rol privacy officer (dpo)');
    expect(await logCount(t)).toBe(before + 1);
  });

  it('wants a second factor on every dpo account', async () => {
    await t.signIn('dpo');
    expect(await check(dpoSecondFactor)).toMatchObject({ severity: 'ok', message: 'every dpo account (1) has a second factor' });
    await t.services.users.add(cliActor(), {
      email: 'dpo-zonder@senict.test',
      displayName: 'Zonder',
      role: 'dpo',
      password: 'correct horse battery staple',
    });
    expect(await check(dpoSecondFactor)).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('dpo-zonder@senict.test') as string,
    });
    await t.services.users.disable(cliActor(), 'dpo-zonder@senict.test');
    expect((await check(dpoSecondFactor)).severity).toBe('ok');
  });

  it('warns of an account unused for 90 days that still has access', async () => {
    await t.signIn('staff');
    expect((await check(unusedAccounts)).severity).toBe('ok');
    await t.services.users.add(cliActor(), {
      email: 'oud@senict.test',
      displayName: 'Oud',
      role: 'staff',
      password: 'correct horse battery staple',
    });
    await t.database.db
      .updateTable('users')
      .set({ created_at: daysFromNow(-200), last_login_at: daysFromNow(-91) })
      .where('email', '=', 'oud@senict.test')
      .execute();
    const found = await check(unusedAccounts);
    expect(found.severity).toBe('warning');
    expect(found.message).toContain('the account oud@senict.test (staff, last used');
    await t.services.users.disable(cliActor(), 'oud@senict.test');
    expect((await check(unusedAccounts)).severity).toBe('ok');
  });

  it('wants a valid processor agreement for every active processor, and warns 30 days before one expires', async () => {
    const actor = cliActor();
    await t.services.recipients.recordAgreement(actor, 'administratiekantoor', {
      signedOn: '2026-01-05',
      documentReference: 'VWO-2026-01',
    });
    // Microsoft's agreement is tracked like the others (Art. 28(3)), with its company: an expired one is an error.
    const microsoft = { id: 'microsoft', companyId: 'microsoft-ireland' };
    await t.services.companies.recordAgreement(actor, microsoft, {
      signedOn: '2024-01-01',
      expiresOn: dateIn(-2),
      documentReference: 'MS-DPA-2024',
    });
    const expired = await check(processorAgreements);
    expect(expired).toMatchObject({
      severity: 'error',
      message: expect.stringContaining(
        `Microsoft Ireland Operations Limited (microsoft)'s agreement MS-DPA-2024 expired on ${longDate(dateIn(-2), 'en')}`,
      ) as string,
    });
    expect(expired.messageNl).toContain(
      `de overeenkomst MS-DPA-2024 van Microsoft Ireland Operations Limited (microsoft) is verlopen op ${longDate(dateIn(-2), 'nl')}`,
    );
    await t.services.companies.recordAgreement(actor, microsoft, { signedOn: dateIn(-1), documentReference: 'MS-DPA-2026' });
    expect((await check(processorAgreements)).message).not.toContain('Microsoft');
    expect((await check(processorAgreements)).message).toContain('leveranciers has no processor agreement');
    await t.services.recipients.recordAgreement(actor, 'leveranciers', {
      signedOn: '2026-01-05',
      expiresOn: dateIn(10),
      documentReference: 'VWO-2026-02',
    });
    expect(await check(processorAgreements)).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining(`leveranciers's agreement VWO-2026-02 expires on ${longDate(dateIn(10), 'en')}`) as string,
    });
    // Said in words a person acts on: where to record it, no API path.
    expect((await check(processorAgreements)).messageNl).toContain('op de beleidspagina');
    expect((await check(processorAgreements)).message).not.toContain('/api/');
    await t.database.db
      .updateTable('processor_agreements')
      .set({ expires_on: dateIn(-1) })
      .where('document_reference', '=', 'VWO-2026-02')
      .execute();
    expect(await check(processorAgreements)).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('expired on') as string,
    });
    await t.services.recipients.recordAgreement(actor, 'leveranciers', {
      signedOn: dateIn(-1),
      expiresOn: dateIn(400),
      documentReference: 'VWO-2026-03',
    });
    expect(await check(processorAgreements)).toMatchObject({
      severity: 'ok',
      message: 'all 3 active processors have a valid agreement',
    });
    // The linter's own processor rule is this check's; the policy linter does not report it twice.
    expect((await check(policyLint)).message).not.toContain('processor-without-agreement');
  });

  it('finds a stuck outbox: messages waiting without SMTP, or given up', async () => {
    expect((await check(outboxFlowing)).severity).toBe('ok');
    const id = await enqueueMail(t.database.db, {
      createdAt: new Date().toISOString(),
      kind: 'test',
      to: 'wacht@example.nl',
      title: 'Wacht',
      text: 'Tekst',
      language: 'nl',
    });
    expect((await check(outboxFlowing)).severity).toBe('ok');
    await t.database.db
      .updateTable('outbox')
      .set({ next_attempt_at: daysFromNow(-0.1) })
      .where('id', '=', id)
      .execute();
    expect(await check(outboxFlowing)).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('no SMTP_URL is set') as string,
    });
    expect(await check(outboxFlowing, { deliveryConfigured: true })).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('delivery is stuck') as string,
    });
    await t.database.db.updateTable('outbox').set({ status: 'failed' }).where('id', '=', id).execute();
    expect(await check(outboxFlowing)).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('1 message was given up') as string,
    });
    await t.database.db.deleteFrom('outbox').where('id', '=', id).execute();
  });

  it('finds a data directory other users can enter', async () => {
    const dir = t.database.dataDir;
    const mode = fs.statSync(dir).mode & 0o777;
    try {
      fs.chmodSync(dir, 0o755);
      expect(await check(dataDirectoryPrivate)).toMatchObject({
        severity: 'error',
        message: expect.stringContaining(`${dir} (0755)`) as string,
      });
      fs.chmodSync(dir, 0o750);
      expect((await check(dataDirectoryPrivate)).severity).toBe('warning');
    } finally {
      fs.chmodSync(dir, mode);
    }
    expect((await check(dataDirectoryPrivate)).severity).toBe('ok');
    // A file in it that others could read once the directory is opened (Art. 32(1)(b)).
    const loose = path.join(dir, 'export.csv');
    fs.writeFileSync(loose, 'naam\n', { mode: 0o644 });
    fs.chmodSync(loose, 0o644);
    try {
      expect(await check(dataDirectoryPrivate)).toMatchObject({
        severity: 'warning',
        message: expect.stringContaining(`${loose} (0644)`) as string,
        messageNl: expect.stringContaining('chmod 600') as string,
      });
    } finally {
      fs.rmSync(loose);
    }
    expect(await check(dataDirectoryPrivate)).toMatchObject({
      severity: 'ok',
      message: expect.stringContaining('read the files in it') as string,
    });
  });

  it('reports the age of the installed release and whether Node.js still gets security updates, from dates kept in the code', async () => {
    const at = (releaseDate: string, nodeVersion: string, now: string) =>
      runChecks(
        {
          db: t.database.db,
          policy: t.services.policy,
          settings: settings({ releaseDate, nodeVersion, version: '1.2.3' }),
          now: new Date(now),
          identity: undefined,
          deliveryConfigured: false,
          scanner: NO_SCANNER,
        },
        [releaseAge, nodeSupported],
      );
    const [fresh, current] = await at('2026-12-02', '24.11.0', '2027-01-01T12:00:00Z');
    expect(fresh).toMatchObject({
      id: 'release-age',
      measure: 'updates',
      severity: 'ok',
      message: 'this release of Kluis (1.2.3) is of 2 December 2026, 30 days ago',
      messageNl: 'deze versie van Kluis (1.2.3) is van 2 december 2026, 30 dagen geleden',
    });
    expect(current).toMatchObject({
      id: 'nodejs-supported',
      measure: 'updates',
      severity: 'ok',
      message: 'Node.js 24.11.0 gets security updates until 30 April 2028',
      messageNl: 'Node.js 24.11.0 krijgt beveiligingsupdates tot 30 april 2028',
    });
    const [old, ending] = await at('2026-01-02', '22.1.0', '2027-03-01T12:00:00Z');
    expect(old).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('423 days ago; install a newer release') as string,
    });
    expect(ending).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('until 30 April 2027, 59 days from now; plan the move') as string,
      messageNl: expect.stringContaining('nog 59 dagen') as string,
    });
    const [ageing, ended] = await at('2026-05-01', '20.19.0', '2026-12-01T12:00:00Z');
    expect(ageing).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('install a newer release soon') as string,
    });
    expect(ended).toMatchObject({
      severity: 'error',
      message: 'Node.js 20.19.0 has had no security updates since 30 April 2026; move to a supported Node.js line',
    });
    expect((await at('2026-12-02', '99.0.0', '2027-01-01T12:00:00Z'))[1]).toMatchObject({
      severity: 'unknown',
      message: expect.stringContaining('nodejs.org') as string,
    });
    // The running Node.js and this release, as the CLI and the daily job report them.
    const running = doctorSettings({
      dataDir: t.database.dataDir,
      databaseUrl: undefined,
      backupDir,
      backupRecipient: undefined,
    });
    expect([running.nodeVersion, running.version]).toEqual([
      process.versions.node,
      expect.stringMatching(/^\d+\.\d+\.\d+/) as string,
    ]);
  });

  it('wants TLS in front: a trusted proxy is ok, plain HTTP to the network an error', async () => {
    expect((await check(tlsOrProxy, { settings: { host: '0.0.0.0' } })).severity).toBe('error');
    expect((await check(tlsOrProxy, { settings: { host: '127.0.0.1' } })).severity).toBe('warning');
    expect((await check(tlsOrProxy, { settings: { host: '0.0.0.0', trustProxy: true } })).severity).toBe('ok');
    // KLUIS_TRUST_PROXY as the configuration carries it (a hop count, addresses or a flag).
    const config = {
      dataDir: t.database.dataDir,
      databaseUrl: undefined,
      backupDir,
      backupRecipient: undefined,
      host: '0.0.0.0',
    };
    expect(doctorSettings({ ...config, trustProxy: ['10.0.0.1'] }).trustProxy).toBe(true);
    expect(doctorSettings({ ...config, trustProxy: 1 }).trustProxy).toBe(true);
    expect(doctorSettings({ ...config, trustProxy: false }).trustProxy).toBe(false);
    expect(doctorSettings(config).trustProxy).toBe(false);
  });

  it('checks that the newest backup is recent, and decrypts only with the key given', async () => {
    const keys = keygen();
    const created = runCli(t.database, ['backup', 'create'], {
      env: { KLUIS_BACKUP_RECIPIENT: keys.recipient, KLUIS_BACKUP_DIR: backupDir },
    });
    expect(created.status, created.stderr).toBe(0);
    const withRecipient = { settings: { backupRecipient: keys.recipient } };
    expect(await check(backupRecent, withRecipient)).toMatchObject({
      severity: 'ok',
      message: expect.stringContaining('hours old') as string,
    });
    expect(await check(backupDecrypts, withRecipient)).toMatchObject({
      severity: 'unknown',
      message: expect.stringContaining('not checked: no key here') as string,
    });
    expect(await check(backupDecrypts, { ...withRecipient, identity: keys.identity })).toMatchObject({
      severity: 'ok',
      message: expect.stringContaining('decrypts and passes its checks') as string,
    });
    expect(await check(backupDecrypts, { ...withRecipient, identity: keygen().identity })).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('does not decrypt') as string,
    });

    // The age of the newest backup, as its manifest says.
    const file = fs.readdirSync(backupDir).find((f) => f.endsWith('.age')) ?? '';
    const manifest = manifestPath(path.join(backupDir, file));
    const age = (days: number) =>
      fs.writeFileSync(
        manifest,
        JSON.stringify({ ...JSON.parse(fs.readFileSync(manifest, 'utf8')), createdAt: daysFromNow(-days) }),
      );
    age(3);
    expect((await check(backupRecent, withRecipient)).severity).toBe('warning');
    age(8);
    expect((await check(backupRecent, withRecipient)).severity).toBe('error');
    age(0);
  });

  it('serves the newest run with its history to the dpo only', async () => {
    const dpo = await t.signIn('dpo');
    const staff = await t.signIn('staff');
    const first = await t.services.selfChecks.run(cliActor(), settings(), { source: 'cli' });
    const second = await t.services.selfChecks.run(cliActor(), settings({ trustProxy: true }), { source: 'cli' });
    const response = await t.app.inject({ method: 'GET', url: '/api/self-checks?limit=2', headers: { cookie: dpo } });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{
      latest: {
        id: string;
        checks: { id: string; severity: string; message: string; messageNl: string; measure: { id: string | null } }[];
      };
      history: { id: string }[];
    }>();
    expect(body.latest.id).toBe(second.id);
    expect(body.latest.checks.find((c) => c.id === 'tls-or-proxy')).toMatchObject({
      severity: 'ok',
      message: 'Kluis sits behind a trusted proxy (KLUIS_TRUST_PROXY) that ends TLS',
      messageNl: 'Kluis staat achter een vertrouwde proxy (KLUIS_TRUST_PROXY) die TLS afhandelt',
      measure: { id: 'access-control' },
    });
    expect(body.latest.checks.find((c) => c.id === 'backup-decrypts')?.messageNl).toMatch(/^niet gecontroleerd: /);
    // A result kept before the Dutch text was stored is served with its English in both.
    await t.database.db
      .updateTable('self_check_results')
      .set({ message_nl: null })
      .where('run_id', '=', second.id)
      .where('check_id', '=', 'log-chain')
      .execute();
    const old = (await t.app.inject({ method: 'GET', url: '/api/self-checks?limit=1', headers: { cookie: dpo } })).json<
      typeof body
    >();
    const logChainResult = old.latest.checks.find((c) => c.id === 'log-chain');
    expect(logChainResult?.messageNl).toBe(logChainResult?.message);
    expect(logChainResult?.message).toMatch(/^the processing log is intact/);
    expect(body.history.map((h) => h.id)).toEqual([second.id, first.id]);
    expect((await t.app.inject({ method: 'GET', url: '/api/self-checks', headers: { cookie: staff } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/self-checks' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/self-checks?limit=0', headers: { cookie: dpo } })).statusCode).toBe(
      400,
    );
    await expect(
      t.services.selfChecks.run({ kind: 'user', id: 'x', role: 'staff' }, settings(), { source: 'cli' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('runs as a job under a lease, on one instance at a time: daily, and again after a change that affects it', async () => {
    const config = {
      dataDir: t.database.dataDir,
      databaseUrl: t.database.databaseUrl,
      backupDir,
      backupRecipient: undefined,
      backupKeep: 2,
    };
    const jobs = standardJobs(t.services, SILENT, {}, config);
    // It looks every minute whether a run is due; a run is due daily, or after a change.
    expect(jobs.find((j) => j.name === 'self-check')?.intervalMs).toBe(60_000);
    const scheduled = () =>
      t.database.db.selectFrom('self_check_runs').select(['source', 'ran_by']).where('source', '=', 'schedule').execute();
    const dpoCheck = async () => {
      const latest = (await t.services.selfChecks.history(cliActor(), { limit: 1 })).latest;
      return latest?.checks.find((c) => c.id === 'dpo-second-factor')?.message;
    };
    const other = openSecondInstance(t.database);
    const a = new Scheduler(t.database.db, jobs, { clock: systemClock, instanceId: 'instance-a' });
    const b = new Scheduler(other.db, jobs, { clock: systemClock, instanceId: 'instance-b' });
    try {
      expect(await a.tick('self-check')).toBe('ran');
      expect(await b.tick('self-check')).toBe('not_leased');
      expect((await getLease(t.database.db, 'self-check'))?.holder).toBe('instance-a');
      expect(await scheduled()).toEqual([{ source: 'schedule', ran_by: 'self-check' }]);
      // Nothing changed: the next look runs nothing.
      expect(await a.tick('self-check')).toBe('ran');
      expect(await scheduled()).toHaveLength(1);

      // The first dpo is created: the next look runs the checks again, which no longer miss a dpo.
      await t.services.users.add(cliActor(), {
        email: `first-dpo-${dialect}@example.nl`,
        displayName: 'Eerste FG',
        role: 'dpo',
        password: 'paard-batterij-nietje-correct',
      });
      expect(await a.tick('self-check')).toBe('ran');
      expect(await scheduled()).toHaveLength(2);
      expect(await dpoCheck()).toContain(`first-dpo-${dialect}@example.nl`);
      expect(await a.tick('self-check')).toBe('ran');
      expect(await scheduled()).toHaveLength(2);

      // A server started with a backup key (other settings): due at once.
      const keyed = standardJobs(t.services, SILENT, {}, { ...config, backupRecipient: keygen().recipient });
      const c = new Scheduler(t.database.db, keyed, { clock: systemClock, instanceId: 'instance-a' });
      expect(await c.tick('self-check')).toBe('ran');
      expect(await scheduled()).toHaveLength(3);
      const digests = await t.database.db
        .selectFrom('self_check_runs')
        .select('settings_digest')
        .where('source', '=', 'schedule')
        .orderBy('started_at')
        .execute();
      expect(new Set(digests.map((d) => d.settings_digest)).size).toBe(2);
      // The first dpo leaves again, so the runs after this one find what they did before.
      await t.services.users.disable(cliActor(), `first-dpo-${dialect}@example.nl`);
    } finally {
      await a.stop();
      await b.stop();
      await other.close();
    }
  });

  it('runs from the command line: readable or JSON, kept, exit 1 while a check finds an error', async () => {
    const runsBefore = (await t.database.db.selectFrom('self_check_runs').select('id').execute()).length;
    const plain = await runCliAsync(t.database, ['doctor'], {
      env: { KLUIS_BACKUP_DIR: backupDir, KLUIS_CLAMD_URL: scanner.url },
    });
    expect(plain.status, plain.stdout).toBe(0);
    expect(plain.stdout).toMatch(/ok\s+backup-recent\s+the newest backup/);
    expect(plain.stdout).toMatch(/unknown\s+backup-decrypts\s+not checked: no key here/);
    expect(plain.stdout).toMatch(/WARNING\s+tls-or-proxy\s+no TLS and no trusted proxy/);
    expect(plain.stdout).toContain('measure: data processing agreements (processor-agreements)');
    expect(plain.stdout).toMatch(/0 errors, \d+ warnings?, \d+ not checked, \d+ in order/);
    expect(plain.stdout).toMatch(/^Kluis self-check of \d{1,2} [A-Z][a-z]+ 20\d\d \d\d:\d\d$/m);
    const dutch = await runCliAsync(t.database, ['doctor', '--lang', 'nl'], {
      env: { KLUIS_BACKUP_DIR: backupDir, KLUIS_CLAMD_URL: scanner.url },
    });
    expect(dutch.status, dutch.stdout).toBe(0);
    expect(dutch.stdout).toMatch(/onbekend\s+backup-decrypts\s+niet gecontroleerd: de sleutel is hier niet/);
    expect(dutch.stdout).toContain('maatregel: verwerkersovereenkomsten (processor-agreements)');
    expect(dutch.stdout).toMatch(/0 fouten, \d+ waarschuwing(en)?, \d+ niet gecontroleerd, \d+ in orde/);
    expect(dutch.stdout).toMatch(/^Kluis-zelfcontrole van \d{1,2} [a-z]+ 20\d\d \d\d:\d\d$/m);
    expect(dutch.stdout).not.toMatch(/\(en\)|WARNING|unknown/);
    expect(runCli(t.database, ['doctor', '--lang', 'de']).status).not.toBe(0);

    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-no-backups-'));
    const failing = await runCliAsync(t.database, ['doctor', '--json'], {
      env: { KLUIS_BACKUP_DIR: empty, KLUIS_CLAMD_URL: scanner.url },
    });
    expect(failing.status).toBe(1);
    const run = JSON.parse(failing.stdout) as { source: string; errors: number; checks: { id: string; severity: string }[] };
    expect(run).toMatchObject({ source: 'cli', errors: 1 });
    expect(run.checks.map((c) => c.id)).toEqual(CHECKS.map((c) => c.id));
    expect(run.checks.find((c) => c.id === 'backup-recent')?.severity).toBe('error');

    const noKey = runCli(t.database, ['doctor', '--identity-file', path.join(empty, 'nothing-here.txt')]);
    expect(noKey.status).toBe(1);
    expect(noKey.stderr).toContain('Cannot read the identity file');
    const rows = await t.database.db.selectFrom('self_check_runs').select(['source']).execute();
    expect(rows).toHaveLength(runsBefore + 3);
    fs.rmSync(empty, { recursive: true, force: true });
  });

  it('finds a processing log that was tampered with', async () => {
    expect((await check(logChain)).severity).toBe('ok');
    const entry = await t.database.db
      .selectFrom('processing_log')
      .select('seq')
      .orderBy('seq')
      .limit(1)
      .executeTakeFirstOrThrow();
    await t.database.db.updateTable('processing_log').set({ reason: 'edited afterwards' }).where('seq', '=', entry.seq).execute();
    expect(await check(logChain)).toMatchObject({
      severity: 'error',
      message: expect.stringContaining(`broken at entry ${entry.seq}`) as string,
    });
  });
});

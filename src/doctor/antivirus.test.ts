import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CLAMD, type TestClamd, startTestClamd } from '../../test/clamd.ts';
import { DIALECTS, openSecondInstance } from '../../test/databases.ts';
import { newCase, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { standardJobs } from '../jobs/jobs.ts';
import { getLease } from '../jobs/lease.repository.ts';
import { Scheduler } from '../jobs/scheduler.ts';
import { NO_SCANNER, type Scanner, scannerFor } from '../scanner/scanner.ts';
import { antivirusScanner, quarantineEmpty } from './checks/antivirus.ts';
import { doctorSettings } from './doctor-settings.ts';
import { runChecks } from './doctor.ts';
import { systemClock } from '../shared/clock.ts';

const DAY = 86_400_000;
const SILENT = { info: () => undefined, error: () => undefined };

// Statement, BEVEILIGING: "antivirusscanners", checked regularly: the self-check asks the real clamd.
describe.runIf(HAS_CLAMD)('the self-check of the virus scanner (real clamd)', () => {
  let clamd: TestClamd;
  let stale: TestClamd;
  beforeAll(async () => {
    clamd = await startTestClamd();
    // A scanner whose signatures freshclam stopped updating ten days ago.
    stale = await startTestClamd({ signedAt: new Date(Date.now() - 10 * DAY) });
  });
  afterAll(async () => {
    await clamd.close();
    await stale.close();
  });

  describe.each(DIALECTS)('on %s', (dialect) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, { clamdUrl: clamd.url });
    });
    afterAll(async () => t.close());

    const check = async (scanner: Scanner, at = new Date()) => {
      const settings = doctorSettings({
        dataDir: t.database.dataDir,
        databaseUrl: t.database.databaseUrl,
        backupDir: t.database.dataDir,
        backupRecipient: undefined,
      });
      return runChecks(
        {
          db: t.database.db,
          policy: t.services.policy,
          settings,
          now: at,
          identity: undefined,
          deliveryConfigured: false,
          scanner,
        },
        [antivirusScanner, quarantineEmpty],
      );
    };

    it('reports the measure as met when the scanner answers with current signatures, and as not met without one', async () => {
      const run = await t.services.selfChecks.run(
        cliActor(),
        doctorSettings({
          dataDir: t.database.dataDir,
          databaseUrl: t.database.databaseUrl,
          backupDir: t.database.dataDir,
          backupRecipient: undefined,
        }),
        { source: 'cli' },
      );
      const found = run.checks.filter((c) => c.measure.id === 'antivirus');
      expect(found.map((c) => [c.id, c.severity])).toEqual([
        ['antivirus', 'ok'],
        ['quarantine', 'ok'],
      ]);
      expect(found[0]?.measure.description).toEqual({ nl: 'antivirusscanners', en: 'antivirus scanners' });
      expect(found[0]?.message).toMatch(
        /^ClamAV \d+\.\d+\.\d+ \(127\.0\.0\.1:\d+\) answers; its virus signatures \(version \d+\) are of \d{1,2} [A-Z][a-z]+ \d{4}, 0 days old$/,
      );
      expect(found[0]?.messageNl).toMatch(
        /antwoordt; zijn virushandtekeningen \(versie \d+\) zijn van \d{1,2} [a-z]+ \d{4}, 0 dagen oud$/,
      );

      const [none] = await check(NO_SCANNER);
      expect(none).toMatchObject({
        severity: 'error',
        measure: 'antivirus',
        message: expect.stringContaining('the measure is not met') as string,
      });
    });

    it('reports signatures a week old as an error, a few days old as a warning', async () => {
      const [old] = await check(scannerFor(stale.url));
      expect(old).toMatchObject({ severity: 'error', message: expect.stringContaining('10 days old') as string });
      const [aging] = await check(scannerFor(stale.url), new Date(Date.now() - 6 * DAY));
      expect(aging).toMatchObject({ severity: 'warning', message: expect.stringContaining('4 days old') as string });
    });

    it('reports an error while the scanner is unreachable and while files wait in quarantine; the job under its lease clears them', async () => {
      const kase = await newCase(t, (await newSubject(t)).id);
      await clamd.stop();
      try {
        const [gone] = await check(t.services.scanner);
        expect(gone).toMatchObject({ severity: 'error', message: expect.stringContaining('does not answer') as string });
        const added = await t.app.inject({
          method: 'POST',
          url: `/api/cases/${kase.id}/messages`,
          headers: { cookie: await t.signIn('staff') },
          payload: {
            direction: 'inbound',
            channel: 'letter',
            occurredAt: '2026-11-03T13:00:00Z',
            body: 'Brief',
            attachments: [{ filename: 'brief.pdf', contentBase64: Buffer.from('%PDF-1.4 brief').toString('base64') }],
          },
        });
        expect(added.statusCode, added.body).toBe(201);
      } finally {
        await clamd.start();
      }
      const [, waiting] = await check(t.services.scanner);
      expect(waiting).toMatchObject({
        severity: 'error',
        message: expect.stringMatching(
          /^1 file waits in quarantine for the virus scanner since \d{1,2} [A-Z][a-z]+ \d{4}/,
        ) as string,
      });
      expect(waiting?.messageNl).toMatch(/^1 bestand wacht sinds \d{1,2} [a-z]+ \d{4} in quarantaine/);

      const jobs = standardJobs(t.services, SILENT);
      expect(jobs.find((j) => j.name === 'quarantine')?.intervalMs).toBe(300_000);
      const other = openSecondInstance(t.database);
      const a = new Scheduler(t.database.db, jobs, { clock: systemClock, instanceId: 'instance-a' });
      const b = new Scheduler(other.db, jobs, { clock: systemClock, instanceId: 'instance-b' });
      try {
        expect(await a.tick('quarantine')).toBe('ran');
        expect(await b.tick('quarantine')).toBe('not_leased');
        expect((await getLease(t.database.db, 'quarantine'))?.holder).toBe('instance-a');
      } finally {
        await a.stop();
        await b.stop();
        await other.close();
      }
      const [, cleared] = await check(t.services.scanner);
      expect(cleared).toMatchObject({ severity: 'ok' });
      expect(
        await t.database.db.selectFrom('attachments').select('scan_status').where('filename', '=', 'brief.pdf').execute(),
      ).toEqual([{ scan_status: 'clean' }]);
    });
  });
});

import { type BackupConfig, createBackup } from '../backup/backup.ts';
import { type DoctorConfig, doctorSettings } from '../doctor/doctor-settings.ts';
import { SELF_CHECK_ACTOR } from '../doctor/self-check.service.ts';
import type { Services } from '../services.ts';
import { sealLog } from '../guard/log-sealer.ts';
import { ownRecordsJobs } from './own-records-jobs.ts';
import type { Job, JobLog } from './scheduler.ts';
import type { Clock } from '../shared/clock.ts';

/** How often each job runs; tests make them short. */
export interface JobIntervals {
  /** Outbox delivery; 10 s by default, so a verification code arrives while the person waits. */
  outboxMs?: number;
  /** The retention sweep; daily by default. */
  retentionMs?: number;
  /** Encrypted backups; daily by default. */
  backupMs?: number;
  /** Releasing disclosures whose advance notice went out; every minute by default. */
  disclosuresMs?: number;
  /** The self-check of the security measures; daily by default. */
  selfCheckMs?: number;
  /** How often the self-check job looks whether a run is due (the day over, or a change that affects it); every minute. */
  selfCheckPollMs?: number;
  /** Reminders to the people who must act (src/today/); every ten minutes by default, each reminder sent once. */
  remindersMs?: number;
  /** Lifting restrictions whose announcement was delivered (Art. 18(3)); hourly by default. */
  restrictionsMs?: number;
  /** Scanning the files in quarantine again; every five minutes by default. */
  quarantineMs?: number;
  /** The retention of Kluis's own records: requests, the text of sent mail, the processing log; daily by default. */
  ownRecordsMs?: number;
  /** Chaining new processing-log entries (src/guard/log-sealer.ts); every quarter second by default. */
  logSealMs?: number;
  /** Reading the mailbox (KLUIS_IMAP_POLL_SECONDS); every minute by default, at once on new mail where the server has IDLE. */
  mailboxMs?: number;
  /** Payment reminders on the schedule of KLUIS_INVOICE_REMINDER_DAYS; hourly by default (each reminder is sent once). */
  invoiceRemindersMs?: number;
}

/** The jobs `kluis serve` runs. A module with scheduled work (retention, self-check) adds its job here. */
export function standardJobs(
  services: Services,
  log: JobLog,
  intervals: JobIntervals = {},
  backup?: BackupConfig & DoctorConfig,
): Job[] {
  return [
    ...backupJobs(services.guard.clock, log, intervals, backup),
    ...selfCheckJobs(services, log, intervals, backup),
    ...ownRecordsJobs(services, log, intervals.ownRecordsMs),
    ...mailboxJobs(services, log, intervals),
    {
      // Entries are committed with their processing unsealed; this chains them shortly after, on one instance at
      // a time (another instance's sealer would only wait for the head's lock: safe, but wasted work).
      name: 'log-seal',
      intervalMs: intervals.logSealMs ?? 250,
      // Long enough that a run sealing a retention sweep's many entries keeps its lease.
      leaseMs: 30_000,
      run: async () => {
        await sealLog(services.database.db);
      },
    },
    {
      name: 'outbox',
      intervalMs: intervals.outboxMs ?? 10_000,
      run: async () => {
        const report = await services.mailDelivery.deliverDue();
        // Quiet when there was nothing to do: the job runs every few seconds.
        if (report.sent + report.retrying + report.failed + report.recovered + report.lost > 0)
          log.info({ job: 'outbox', ...report }, 'outbox delivery');
      },
    },
    {
      // Under its lease like every job: with several instances, one sweeps. A run outlasting its lease is
      // harmless: the sweep is idempotent, each batch deciding afresh what is due.
      name: 'retention',
      intervalMs: intervals.retentionMs ?? 86_400_000,
      run: async () => {
        const report = await services.retention.run();
        log.info(
          { job: 'retention', subjects: report.subjects, ...report.deleted, accessPackages: report.accessPackages },
          'retention sweep',
        );
      },
    },
    {
      // P9: a disclosure waits until its advance notice went out (plus the lead time); then this releases it.
      name: 'disclosures',
      intervalMs: intervals.disclosuresMs ?? 60_000,
      run: async () => {
        const report = await services.disclosures.releases.releaseDue();
        if (report.released + report.cancelled > 0) log.info({ job: 'disclosures', ...report }, 'disclosures released');
      },
    },
    {
      // Files the virus scanner could not check wait in quarantine; once it answers they are released or removed.
      name: 'quarantine',
      intervalMs: intervals.quarantineMs ?? 300_000,
      run: async () => {
        const report = await services.quarantine.rescan();
        if (report.released + report.removed > 0) log.info({ job: 'quarantine', ...report }, 'quarantine scanned again');
        else if (report.stoppedBecause !== null)
          log.error({ job: 'quarantine', ...report }, 'files wait in quarantine: the virus scanner cannot scan');
      },
    },
    {
      // The reminder schedule the business set: a reminder is due by the count already sent, so runs repeat nothing.
      name: 'invoice-reminders',
      intervalMs: intervals.invoiceRemindersMs ?? 3_600_000,
      run: async () => {
        const report = await services.invoiceMail.remindDue();
        if (report.sent + report.skipped > 0) log.info({ job: 'invoice-reminders', ...report }, 'payment reminders');
      },
    },
    {
      // Each reminder once (its key is written with its mail), so a run repeats nothing and two instances neither.
      name: 'reminders',
      intervalMs: intervals.remindersMs ?? 600_000,
      run: async () => {
        const report = await services.reminders.sendDue();
        if (Object.values(report).some((n) => n > 0)) log.info({ job: 'reminders', ...report }, 'reminders');
      },
    },
    {
      // Art. 18(3): a restriction whose lifting was announced is lifted once the notice was delivered plus the lead time.
      name: 'restrictions',
      intervalMs: intervals.restrictionsMs ?? 3_600_000,
      run: async () => {
        const report = await services.restrictions.liftDue();
        if (report.lifted > 0) log.info({ job: 'restrictions', ...report }, 'restrictions lifted');
      },
    },
  ];
}

/**
 * Reads the organisation's mailbox (issue 17) when KLUIS_IMAP_URL is set: a pass on every interval, and at once
 * when the server reports new mail (IDLE). Under the lease one instance reads; should two ever read at once,
 * the record of each mail's UID lets only one take it in.
 */
function mailboxJobs(services: Services, log: JobLog, intervals: JobIntervals): Job[] {
  const reader = services.mailbox.reader;
  if (reader === undefined) return [];
  return [
    {
      name: 'mailbox',
      intervalMs: intervals.mailboxMs ?? 60_000,
      run: async () => {
        const report = await reader.readOnce();
        if (report.failure !== null)
          log.error({ job: 'mailbox', ...report }, 'mailbox pass ended early; the next pass goes on from there');
        else if (report.taken + report.refused + report.recognised > 0) log.info({ job: 'mailbox', ...report }, 'mailbox read');
      },
      bind: (wake) => reader.onNewMail(wake),
      stop: () => reader.close(),
    },
  ];
}

/**
 * A daily encrypted backup (the statement's "kopieën die ook weer beveiligd zijn"), when a recipient is
 * configured; old backups are rotated by createBackup. With PostgreSQL the lease makes one instance back up.
 */
function backupJobs(clock: Clock, log: JobLog, intervals: JobIntervals, backup: BackupConfig | undefined): Job[] {
  if (backup?.backupRecipient === undefined) return [];
  return [
    {
      name: 'backup',
      intervalMs: intervals.backupMs ?? 86_400_000,
      run: async () => {
        const created = await createBackup(backup, clock.now());
        log.info({ job: 'backup', file: created.file, rotated: created.deleted.length }, 'encrypted backup');
      },
    },
  ];
}

/**
 * The self-check (BEVEILIGING: "dat onze veiligheidsmaatregelen regelmatig gecontroleerd worden"), its results
 * kept: daily, and within a minute of a change that affects it (a first dpo, a processor agreement registered,
 * a restart with a backup key), so the start page is never a day behind. It needs the configuration, which
 * `kluis serve` gives. Checking twice is harmless.
 */
function selfCheckJobs(services: Services, log: JobLog, intervals: JobIntervals, config: DoctorConfig | undefined): Job[] {
  if (config === undefined) return [];
  return [
    {
      name: 'self-check',
      intervalMs: intervals.selfCheckPollMs ?? 60_000,
      // A run reads the scanner, the disks and the whole log chain: minutes on a large log.
      leaseMs: 15 * 60_000,
      run: async () => {
        const due = await services.selfChecks.runIfDue(
          SELF_CHECK_ACTOR,
          doctorSettings(config),
          intervals.selfCheckMs ?? 86_400_000,
        );
        if (due === null) return;
        const { run, reason } = due;
        log.info(
          { job: 'self-check', reason, run: run.id, errors: run.errors, warnings: run.warnings, unknowns: run.unknowns },
          'self-check',
        );
      },
    },
  ];
}

import { type BackupConfig, createBackup } from '../backup/backup.ts';
import type { Services } from '../services.ts';
import type { Job, JobLog } from './scheduler.ts';

/** How often each job runs; tests make them short. */
export interface JobIntervals {
  /** Outbox delivery; 10 s by default, so a verification code arrives while the person waits. */
  outboxMs?: number;
  /** The retention sweep; daily by default. */
  retentionMs?: number;
  /** Encrypted backups; daily by default. */
  backupMs?: number;
}

/** The jobs `kluis serve` runs. A module with scheduled work (retention, self-check) adds its job here. */
export function standardJobs(services: Services, log: JobLog, intervals: JobIntervals = {}, backup?: BackupConfig): Job[] {
  return [
    ...backupJobs(log, intervals, backup),
    {
      name: 'outbox',
      intervalMs: intervals.outboxMs ?? 10_000,
      run: async () => {
        const report = await services.mailDelivery.deliverDue();
        // Quiet when there was nothing to do: the job runs every few seconds.
        if (report.sent + report.retrying + report.failed + report.recovered + report.lost > 0) log.info({ job: 'outbox', ...report }, 'outbox delivery');
      },
    },
    {
      // Under its lease like every job: with several instances, one sweeps. A run outlasting its lease is
      // harmless: the sweep is idempotent, each batch deciding afresh what is due.
      name: 'retention',
      intervalMs: intervals.retentionMs ?? 86_400_000,
      run: async () => {
        const report = await services.retention.run();
        log.info({ job: 'retention', subjects: report.subjects, ...report.deleted }, 'retention sweep');
      },
    },
  ];
}

/**
 * A daily encrypted backup (the statement's "kopieën die ook weer beveiligd zijn"), when a recipient is
 * configured and the database is the embedded SQLite file; old backups are rotated by createBackup.
 */
function backupJobs(log: JobLog, intervals: JobIntervals, backup: BackupConfig | undefined): Job[] {
  if (backup?.backupRecipient === undefined || backup.databaseUrl !== undefined) return [];
  return [
    {
      name: 'backup',
      intervalMs: intervals.backupMs ?? 86_400_000,
      run: async () => {
        const created = await createBackup(backup);
        log.info({ job: 'backup', file: created.file, rotated: created.deleted.length }, 'encrypted backup');
      },
    },
  ];
}

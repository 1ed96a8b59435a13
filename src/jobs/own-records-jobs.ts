import type { Services } from '../services.ts';
import type { Job, JobLog } from './scheduler.ts';

/**
 * Art. 5(1)(e) for the records of Kluis's own work (src/retention/own-periods.ts): requests of data subjects
 * after their period, the text of delivered mail, old entries of the processing log. Daily, each under its own
 * lease; each is safe to run twice (what was done is no longer due).
 */
export function ownRecordsJobs(services: Services, log: JobLog, intervalMs = 86_400_000): Job[] {
  return [
    {
      name: 'request-retention',
      intervalMs,
      run: async () => {
        const report = await services.requestRetention.run();
        log.info({ job: 'request-retention', ...report }, 'requests past their retention deleted');
      },
    },
    {
      name: 'mail-texts',
      intervalMs,
      run: async () => {
        const report = await services.mailRetention.run();
        log.info({ job: 'mail-texts', ...report }, 'texts of delivered mail removed');
      },
    },
    {
      name: 'log-retention',
      intervalMs,
      run: async () => {
        const report = await services.logRetention.run();
        log.info({ job: 'log-retention', ...report }, 'processing log pruned');
      },
    },
  ];
}

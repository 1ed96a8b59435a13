import { Command, Option } from 'commander';
import { cliActor } from '../../guard/actor.ts';
import { KluisError } from '../../errors.ts';
import { printTable, reportAndExit, withRuntime } from '../output.ts';

export function retentionCommand(): Command {
  const retention = new Command('retention').description('Retention: delete what has expired, and forecast what will be');

  retention
    .command('run')
    .description('Run the retention sweep now; with --dry-run, list exactly what it would delete')
    .option('--dry-run', 'change nothing; list what the sweep would delete')
    .option('--as-of <date>', 'with --dry-run: what a sweep on this day (YYYY-MM-DD) would delete')
    .action(async (options: { dryRun?: boolean; asOf?: string }) => {
      if (options.asOf !== undefined && options.dryRun !== true)
        reportAndExit(new KluisError('as_of_invalid', 'A sweep runs on today only; --as-of needs --dry-run'));
      const report = await withRuntime(({ services }) =>
        options.asOf === undefined
          ? services.retention.run({ dryRun: options.dryRun === true })
          : services.retention.dryRunFor(cliActor(), { asOf: options.asOf }),
      );
      if (report.dryRun) {
        printTable(report.due.map((d) => ({ type: d.recordType, id: d.id, subject: d.subjectId, rule: d.rule, until: d.until })));
        console.log(
          `Would delete ${report.due.length} record(s) of ${report.subjects} subject(s), and remove ${report.subjectsToRemove.length} subject(s) with nothing left.`,
        );
        if (report.reduced.length > 0) {
          printTable(report.reduced.map((r) => ({ subject: r.subjectId, 'only fiscal records since': r.since })));
          console.log(
            `Would remove the contact details of ${report.reduced.length} subject(s) of whom only fiscal records are left (name and customer reference stay).`,
          );
        }
        if (report.accessPackages > 0)
          console.log(`Would delete ${report.accessPackages} access package(s) whose download link expired.`);
        return;
      }
      const d = report.deleted;
      console.log(
        `Deleted ${d.agreement} agreement(s), ${d.invoice} invoice(s), ${d.case} case(s) with ${d.message} message(s), ${d.consent} consent(s), and ${d.subject} subject(s), of ${report.subjects} subject(s); ${report.accessPackages} access package(s) whose download link expired.`,
      );
      console.log(`Removed the contact details of ${report.reduced.length} subject(s) of whom only fiscal records are left.`);
    });

  retention
    .command('forecast')
    .description('What the sweep will delete in the coming days, per rule and date, and whose contact details it will remove')
    .addOption(new Option('--days <days>', 'how far ahead').choices(['30', '90', '365']).default('30'))
    .option('--as-of <date>', 'read as if today were this day (YYYY-MM-DD); deletes nothing, and the look is logged')
    .action(async (options: { days: string; asOf?: string }) => {
      const forecast = await withRuntime(({ services }) =>
        services.retention.forecast(cliActor(), Number(options.days), { asOf: options.asOf }),
      );
      console.log(`From ${forecast.from} to ${forecast.to}:`);
      printTable(forecast.rules.flatMap((r) => r.dates.map((d) => ({ rule: r.rule, date: d.date, records: d.count }))));
      if (forecast.reductions.total > 0) {
        console.log('Contact details removed, only fiscal records being left:');
        printTable(forecast.reductions.dates.map((d) => ({ date: d.date, subjects: d.count })));
      }
    });

  return retention;
}

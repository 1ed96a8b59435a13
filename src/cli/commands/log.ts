import { Command } from 'commander';
import { cliActor } from '../../guard/actor.ts';
import { sealLog } from '../../guard/log-sealer.ts';
import { longDate } from '../../statement/dates.ts';
import { withRuntime } from '../output.ts';

export function logCommand(): Command {
  const log = new Command('log').description('The processing log');
  log
    .command('verify')
    .description('Check the hash chain of the whole processing log; names the first broken entry')
    .action(async () => {
      const report = await withRuntime(({ services }) => services.processingLog.verify(cliActor()));
      const cp = report.checkpoint;
      // Art. 5(1)(e): older entries may have been pruned; the check then starts at the recorded checkpoint.
      const pruned =
        cp === undefined
          ? ''
          : ` Entries 1 to ${cp.seq}, written before ${longDate(cp.prunedBefore, 'en')}, were pruned after their retention period; the check started from the checkpoint at entry ${cp.seq}.`;
      if (report.ok) {
        console.log(`The processing log is intact: ${report.entries} entries.${pruned}`);
        return;
      }
      if (pruned !== '') console.error(pruned.trim());
      console.error(`The processing log is BROKEN at entry ${report.firstBroken?.seq}: ${report.firstBroken?.problem}`);
      console.error(`${report.entries} entries before it are intact.`);
      process.exitCode = 3;
    });
  log
    .command('seal')
    .description('Chain the entries waiting for the sealer now (a running `kluis serve` does it every quarter second)')
    .action(async () => {
      const report = await withRuntime(({ services }) => sealLog(services.database.db));
      console.log(`Sealed ${report.sealed} entries; the chain ends at entry ${report.head.seq}.`);
    });
  log
    .command('prune')
    .description(
      'Remove the entries past their retention period now (the daily log-retention job does it too), from a recorded checkpoint',
    )
    .option('--batch <n>', 'entries removed per transaction', '5000')
    .action(async (options: { batch: string }) => {
      const batchSize = Number(options.batch);
      if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch must be a whole number of at least 1');
      const report = await withRuntime(({ services }) => services.logRetention.run({ batchSize }));
      console.log(
        `Pruned ${report.pruned} entries written before ${longDate(report.dueBefore, 'en')}.${report.checkpoint === null ? '' : ` The chain now starts after the checkpoint at entry ${report.checkpoint.seq}.`}`,
      );
      if (report.heldFrom !== null)
        console.log(`Entry ${report.heldFrom} and later are kept: they name a person under a legal hold.`);
    });
  return log;
}

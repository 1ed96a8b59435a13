import { Command } from 'commander';
import { cliActor } from '../../guard/actor.ts';
import { withRuntime } from '../output.ts';

export function logCommand(): Command {
  const log = new Command('log').description('The processing log');
  log
    .command('verify')
    .description('Check the hash chain of the whole processing log; names the first broken entry')
    .action(async () => {
      const report = await withRuntime(({ services }) => services.processingLog.verify(cliActor()));
      if (report.ok) {
        console.log(`The processing log is intact: ${report.entries} entries.`);
        return;
      }
      console.error(`The processing log is BROKEN at entry ${report.firstBroken?.seq}: ${report.firstBroken?.problem}`);
      console.error(`${report.entries} entries before it are intact.`);
      process.exitCode = 3;
    });
  return log;
}

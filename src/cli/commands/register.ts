import fs from 'node:fs';
import { Command, Option } from 'commander';
import { cliActor } from '../../guard/actor.ts';
import { withRuntime } from '../output.ts';
import { addRecipientCommands } from './register-recipients.ts';

export function registerCommand(): Command {
  const register = new Command('register').description('The registers: recipients, storage, processing activities (Art. 30)');
  register
    .command('export')
    .description(
      'Write the record of processing activities (Art. 30(1) GDPR), generated from the policy and the register of recipients',
    )
    .addOption(new Option('--format <format>', 'json, csv or html').choices(['json', 'csv', 'html']).default('json'))
    .addOption(new Option('--lang <lang>', 'the language of the CSV and HTML').choices(['nl', 'en']).default('nl'))
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (o: { format: string; lang: string; out?: string }) => {
      const out = await withRuntime(({ services }) =>
        services.registers.exportProcessingActivities(cliActor(), { format: o.format, lang: o.lang }),
      );
      const text = out.format === 'json' ? `${JSON.stringify(out.register, null, 2)}\n` : out.body;
      if (o.out === undefined) {
        process.stdout.write(text);
        return;
      }
      fs.writeFileSync(o.out, text, 'utf8');
      console.error(`Wrote the Art. 30 register (${out.format}) to ${o.out}.`);
    });
  addRecipientCommands(register);
  return register;
}

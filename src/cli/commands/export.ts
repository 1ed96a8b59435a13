import fs from 'node:fs';
import { Command, Option } from 'commander';
import { cliActor } from '../../guard/actor.ts';
import { withRuntime } from '../output.ts';

/** `kluis export`: everything held, for the business's own use or a move to another system. */
export function exportCommand(): Command {
  return new Command('export')
    .description('Write everything held: JSON, or a zip with one CSV per record type (logged as an export)')
    .addOption(new Option('--format <format>', 'json or csv').choices(['json', 'csv']).default('json'))
    .requiredOption('--out <file>', 'where to write it')
    .action(async (o: { format: 'json' | 'csv'; out: string }) => {
      const file = await withRuntime(({ services }) => services.exports.export(cliActor(), o.format));
      fs.writeFileSync(o.out, file.content, { mode: 0o600 });
      console.log(`Wrote ${file.filename} (${file.content.length} bytes) to ${o.out}.`);
    });
}

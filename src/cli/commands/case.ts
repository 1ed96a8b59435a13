import fs from 'node:fs';
import { Command } from 'commander';
import { validationFailed } from '../../errors.ts';
import { cliActor } from '../../guard/actor.ts';
import { MAX_EML_BYTES } from '../../mail/eml.ts';
import { withRuntime } from '../output.ts';

export function caseCommand(): Command {
  const cases = new Command('case').description('Questions, complaints and requests with their messages');
  cases
    .command('import-eml')
    .description(
      'Import a mail (.eml) with its attachments as a message of an open case; from our own address it is recorded as outbound',
    )
    .argument('<file>', 'the .eml file, as saved from the mail program')
    .requiredOption('--case <id>', 'the case id')
    .action(async (file: string, o: { case: string }) => {
      const size = fs.statSync(file).size;
      if (size > MAX_EML_BYTES) throw validationFailed(`${file} is ${size} bytes; the limit is ${MAX_EML_BYTES}`);
      const raw = fs.readFileSync(file);
      const message = await withRuntime(({ services }) => services.caseMailImport.importEml(cliActor(), o.case, raw));
      console.log(
        `Imported "${message.title ?? '(no subject)'}" from ${message.from ?? '?'} as ${message.direction} message ${message.id} of case ${message.caseId}.`,
      );
      if (message.attachments.length > 0) console.log(`Attachments: ${message.attachments.map((a) => a.filename).join(', ')}`);
    });
  return cases;
}

import { Command } from 'commander';
import { loadConfig } from '../../config/env.ts';
import { loadPolicy } from '../../policy/policy.ts';

export function policyCommand(): Command {
  const policy = new Command('policy').description('The processing policy');
  policy
    .command('check')
    .description('Validate the policy file (KLUIS_POLICY, or the file given)')
    .argument('[file]', 'a policy file')
    .action((file?: string) => {
      const path = file ?? loadConfig().policyPath;
      const loaded = loadPolicy(path);
      const d = loaded.document;
      console.log(`${path} is valid: ${Object.keys(d.purposes).length} purposes, ${d.recipients.length} recipients, ${d.retention.length} retention rules, roles ${loaded.roles.join(', ')}.`);
    });
  return policy;
}

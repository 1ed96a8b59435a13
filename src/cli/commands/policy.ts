import fs from 'node:fs';
import { Command } from 'commander';
import { loadConfig } from '../../config/env.ts';
import type { Finding } from '../../policy/linter/finding.ts';
import { lintPolicyText } from '../../policy/linter/lint.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { type Policy, PolicyError, parsePolicy } from '../../policy/policy.ts';
import { registerAsSeeded } from '../../registers/recipient-seed.ts';
import type { Recipient } from '../../registers/recipient.schema.ts';
import { businessToday } from '../../shared/business-day.ts';
import { isoNow, systemClock } from '../../shared/clock.ts';

export function policyCommand(): Command {
  const policy = new Command('policy').description('The processing policy');
  policy
    .command('check')
    .description(
      "Validate and lint the policy file (KLUIS_POLICY, or the file given) against the law and its own register of recipients (the database's, with the file's recipients it would seed); exit 1 on errors, 2 when Kluis could not load the file",
    )
    .argument('[file]', 'a policy file')
    .option('--no-database', 'lint the file alone, without the register of recipients')
    .option('--json', 'print the findings as JSON')
    .action(async (file: string | undefined, o: { database: boolean; json?: boolean }) => {
      const path = file ?? loadConfig().policyPath;
      let text: string;
      try {
        text = fs.readFileSync(path, 'utf8');
      } catch (error) {
        throw new PolicyError(path, [`cannot read the file: ${(error as Error).message}`]);
      }
      const loaded = loadable(text, path);
      // The register is only worth reading for a file Kluis would run with: the file's own, as a start with it would have it.
      const register: Recipient[] | null = loaded !== null && o.database ? await registerOf(loaded.policy) : null;
      // The command runs outside the services, in its own process: it lints on the machine's day.
      const { findings } = lintPolicyText(text, { register, today: businessToday(systemClock.now()) });
      const errors = findings.filter((f) => f.severity === 'error');
      process.exitCode = loaded === null ? 2 : errors.length > 0 ? 1 : 0;
      if (o.json === true) {
        console.log(
          JSON.stringify({ file: path, loadable: loaded !== null, registerChecked: register !== null, findings }, null, 2),
        );
        return;
      }
      report(path, findings, loaded?.summary ?? null, register !== null);
    });
  return policy;
}

/** The policy and its summary when Kluis would load the file, else null. */
function loadable(text: string, path: string): { policy: Policy; summary: string } | null {
  try {
    const p = parsePolicy(text, path);
    const d = p.document;
    return {
      policy: p,
      summary: `${Object.keys(d.purposes).length} purposes, ${d.recipients.length} recipients, ${d.retention.length} retention rules, roles ${p.roles.join(', ')}`,
    };
  } catch (error) {
    if (error instanceof PolicyError) return null;
    throw error;
  }
}

/**
 * The register of recipients the file would run with: the database's, with the file's recipients it would seed,
 * and never the configured policy's (KLUIS_POLICY may be another file). Opens the database without the runtime,
 * which would load and seed that other policy.
 */
async function registerOf(policy: Policy): Promise<Recipient[]> {
  const config = loadConfig();
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    return await registerAsSeeded(database.db, policy, isoNow(systemClock));
  } finally {
    await database.close();
  }
}

function report(path: string, findings: Finding[], summary: string | null, registerChecked: boolean): void {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  if (summary !== null) console.log(`${path} is valid: ${summary}.`);
  else console.log(`Invalid policy ${path}: Kluis will not start with it.`);
  if (!registerChecked && summary !== null) console.log('The register of recipients was not checked (--no-database).');
  for (const [title, group] of [
    ['Errors', errors],
    ['Warnings', warnings],
  ] as const) {
    if (group.length === 0) continue;
    console.log(`\n${title} (${group.length}):`);
    for (const f of group) console.log(`  - ${f.path}: ${f.message}${f.law === null ? '' : ` [${f.law}]`} (${f.id})`);
  }
  const verdict = `${path}: ${errors.length} error${errors.length === 1 ? '' : 's'}, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`;
  if (errors.length > 0) console.error(`\n${verdict}`);
  else console.log(`\n${verdict}`);
}

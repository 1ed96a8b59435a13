import fs from 'node:fs';
import { Command, Option } from 'commander';
import type { Severity } from '../../doctor/check.ts';
import { doctorSettings } from '../../doctor/doctor-settings.ts';
import type { SelfCheckRun } from '../../doctor/self-check.schema.ts';
import { validationFailed } from '../../errors.ts';
import { cliActor } from '../../guard/actor.ts';
import { withRuntime } from '../output.ts';

const LABEL: Record<Severity, string> = { ok: 'ok', warning: 'WARNING', error: 'ERROR', unknown: 'unknown' };

const LANGUAGES = ['en', 'nl'] as const;
type Language = (typeof LANGUAGES)[number];

export function doctorCommand(): Command {
  return new Command('doctor')
    .description('Check the security measures the statement promises (BEVEILIGING) and keep the result; exit 1 when a check finds an error')
    .option('--identity-file <path>', 'also decrypt and check the newest backup with this age identity (never stored)')
    .option('--json', 'print the run as JSON')
    .addOption(new Option('--lang <language>', 'the language of the findings and measures printed').choices(LANGUAGES).default('en'))
    .action(async (o: { identityFile?: string; json?: boolean; lang: Language }) => {
      const identity = o.identityFile === undefined ? undefined : readIdentity(o.identityFile);
      const run = await withRuntime(({ services }, config) => services.selfChecks.run(cliActor(), doctorSettings(config), { source: 'cli', identity }));
      process.exitCode = run.errors > 0 ? 1 : 0;
      if (o.json === true) console.log(JSON.stringify(run, null, 2));
      else report(run, o.lang);
    });
}

function readIdentity(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw validationFailed(`Cannot read the identity file ${file}: ${(error as Error).message}`);
  }
  const line = text.split('\n').map((l) => l.trim()).find((l) => l.startsWith('AGE-SECRET-KEY-1'));
  if (line === undefined) throw validationFailed(`${file} holds no age identity (AGE-SECRET-KEY-1…)`);
  return line;
}

function report(run: SelfCheckRun, lang: Language): void {
  console.log(lang === 'nl' ? `Kluis-zelfcontrole van ${run.startedAt} (bewaard als ${run.id})\n` : `Kluis self-check of ${run.startedAt} (kept as ${run.id})\n`);
  const width = Math.max(...run.checks.map((c) => c.id.length));
  for (const c of run.checks) {
    console.log(`  ${LABEL[c.severity].padEnd(7)}  ${c.id.padEnd(width)}  ${lang === 'nl' ? c.messageNl : c.message}`);
    console.log(`  ${''.padEnd(7)}  ${''.padEnd(width)}  ${lang === 'nl' ? 'maatregel' : 'measure'}: ${c.measure.description[lang]}${c.measure.id === null ? '' : ` (${c.measure.id})`}`);
  }
  const ok = run.checks.length - run.errors - run.warnings - run.unknowns;
  const verdict =
    lang === 'nl'
      ? `\n${run.errors} fout(en), ${run.warnings} waarschuwing(en), ${run.unknowns} onbekend, ${ok} in orde`
      : `\n${run.errors} error(s), ${run.warnings} warning(s), ${run.unknowns} unknown, ${ok} ok`;
  if (run.errors > 0) console.error(verdict);
  else console.log(verdict);
}

import fs from 'node:fs';
import { Command, Option } from 'commander';
import type { Severity } from '../../doctor/check.ts';
import { doctorSettings } from '../../doctor/doctor-settings.ts';
import type { SelfCheckRun } from '../../doctor/self-check.schema.ts';
import { validationFailed } from '../../errors.ts';
import { cliActor } from '../../guard/actor.ts';
import { businessTime } from '../../shared/business-day.ts';
import { letterDate } from '../../mail/letter-words.ts';
import { businessDate } from '../../shared/business-day.ts';
import { withRuntime } from '../output.ts';

const LABEL: Record<Language, Record<Severity, string>> = {
  en: { ok: 'ok', warning: 'WARNING', error: 'ERROR', unknown: 'unknown' },
  nl: { ok: 'in orde', warning: 'LET OP', error: 'FOUT', unknown: 'onbekend' },
};
// The verdict in words (Art. 12(1) asks plain language of what we write; the same holds for what staff read):
// "1 fout, 2 waarschuwingen", never "1 fout(en)".
const COUNTED: Record<Language, Record<Exclude<Severity, 'ok'> | 'ok', [string, string]>> = {
  en: {
    error: ['error', 'errors'],
    warning: ['warning', 'warnings'],
    unknown: ['not checked', 'not checked'],
    ok: ['in order', 'in order'],
  },
  nl: {
    error: ['fout', 'fouten'],
    warning: ['waarschuwing', 'waarschuwingen'],
    unknown: ['niet gecontroleerd', 'niet gecontroleerd'],
    ok: ['in orde', 'in orde'],
  },
};

const LANGUAGES = ['en', 'nl'] as const;
type Language = (typeof LANGUAGES)[number];

export function doctorCommand(): Command {
  return new Command('doctor')
    .description(
      'Check the security measures the statement promises (BEVEILIGING) and keep the result; exit 1 when a check finds an error',
    )
    .option('--identity-file <path>', 'also decrypt and check the newest backup with this age identity (never stored)')
    .option('--json', 'print the run as JSON')
    .addOption(
      new Option('--lang <language>', 'the language of the findings and measures printed').choices(LANGUAGES).default('en'),
    )
    .action(async (o: { identityFile?: string; json?: boolean; lang: Language }) => {
      const identity = o.identityFile === undefined ? undefined : readIdentity(o.identityFile);
      const run = await withRuntime(({ services }, config) =>
        services.selfChecks.run(cliActor(), doctorSettings(config), { source: 'cli', identity }),
      );
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
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith('AGE-SECRET-KEY-1'));
  if (line === undefined) throw validationFailed(`${file} holds no age identity (AGE-SECRET-KEY-1…)`);
  return line;
}

function report(run: SelfCheckRun, lang: Language): void {
  const when = `${letterDate(businessDate(run.startedAt), lang)} ${businessTime(run.startedAt)}`;
  console.log(lang === 'nl' ? `Kluis-zelfcontrole van ${when}\n` : `Kluis self-check of ${when}\n`);
  const width = Math.max(...run.checks.map((c) => c.id.length));
  const labelWidth = Math.max(...Object.values(LABEL[lang]).map((l) => l.length));
  for (const c of run.checks) {
    console.log(
      `  ${LABEL[lang][c.severity].padEnd(labelWidth)}  ${c.id.padEnd(width)}  ${lang === 'nl' ? c.messageNl : c.message}`,
    );
    console.log(
      `  ${''.padEnd(labelWidth)}  ${''.padEnd(width)}  ${lang === 'nl' ? 'maatregel' : 'measure'}: ${c.measure.description[lang]}${c.measure.id === null ? '' : ` (${c.measure.id})`}`,
    );
  }
  const counts: Record<Severity, number> = {
    error: run.errors,
    warning: run.warnings,
    unknown: run.unknowns,
    ok: run.checks.length - run.errors - run.warnings - run.unknowns,
  };
  const parts = (['error', 'warning', 'unknown', 'ok'] as const).map(
    (s) => `${counts[s]} ${COUNTED[lang][s][counts[s] === 1 ? 0 : 1]}`,
  );
  const verdict = `\n${parts.join(', ')}`;
  if (run.errors > 0) console.error(verdict);
  else console.log(verdict);
}

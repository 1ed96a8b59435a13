import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { isKluisError } from '../../errors.ts';
import { cliActor } from '../../guard/actor.ts';
import { type ImportKind, type RowProblem, importKind } from '../../import/import-kinds.ts';
import { withRuntime } from '../output.ts';

const line = (p: RowProblem) => `  line ${p.row}, column ${p.column}: ${p.message}`;

/** `kluis import`: organisations, persons, contact persons or past invoices from CSV (persons from vCard too). */
export function importCommand(): Command {
  return new Command('import')
    .description(
      'Import organisations, persons, contact persons or invoices issued before (one row per line) from a CSV file (UTF-8 or Windows-1252, comma or semicolon), persons from vCard too; importing a file again changes nothing',
    )
    .argument('<file>', 'the CSV or vCard file')
    .addOption(new Option('--kind <kind>', 'what the file holds').choices(importKind.options).makeOptionMandatory())
    .option('--dry-run', 'check every row and say what would happen; write nothing')
    .option('--skip-bad-rows', 'import the good rows and leave the bad ones out (without it a bad row stops the import)')
    .action(async (file: string, o: { kind: ImportKind; dryRun?: boolean; skipBadRows?: boolean }) => {
      const content = fs.readFileSync(file);
      try {
        const result = await withRuntime(({ services }) =>
          services.imports.run(
            cliActor(),
            { filename: path.basename(file), content },
            { kind: o.kind, dryRun: o.dryRun === true, skipBadRows: o.skipBadRows === true },
          ),
        );
        const { counts } = result;
        console.log(`${result.filename}: ${counts.rows} rows read (${result.encoding}, separator "${result.separator}").`);
        if (result.ignoredColumns.length > 0) console.log(`Columns not read: ${result.ignoredColumns.join(', ')}.`);
        for (const r of result.rows) for (const p of r.problems) console.log(line(p));
        console.log(
          result.dryRun
            ? `Dry run: ${counts.create} would be created, ${counts.unchanged} imported before (unchanged), ${counts.bad} with problems. Nothing was written.`
            : `Imported: ${result.created} created in ${result.batches} batch(es), ${counts.unchanged} unchanged, ${counts.bad} bad row(s) skipped. Source: "${result.source}".`,
        );
      } catch (error) {
        if (isKluisError(error) && error.code === 'import_bad_rows' && Array.isArray(error.details)) {
          for (const p of error.details as RowProblem[]) console.error(line(p));
        }
        throw error;
      }
    });
}

import { Command, Option } from 'commander';
import { runMailboxBenchmark } from './mailbox-intake.ts';

// `npm run bench:mailbox -- --db both --mails 1000`: the mailbox part of `npm run bench` alone.
const program = new Command('npm run bench:mailbox --')
  .description(
    'Time taking mail in from a real Dovecot against fetching the same mail without processing; writes its section of BENCHMARKS.md',
  )
  .addOption(new Option('--db <dialect>', 'database to measure').choices(['sqlite', 'postgres', 'both']).default('sqlite'))
  .option('--mails <n>', 'mails in the mailbox', (v: string) => Number(v.replace(/k$/i, '000')), 1000)
  .action(async (options: { db: 'sqlite' | 'postgres' | 'both'; mails: number }) => {
    const dialects = options.db === 'both' ? (['sqlite', 'postgres'] as const) : ([options.db] as const);
    await runMailboxBenchmark(
      [...dialects],
      options.mails,
      process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      (m) => console.log(m),
    );
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? `error: ${error.message}` : error);
  process.exit(1);
});

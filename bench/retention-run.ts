import { Command, Option } from 'commander';
import { runRetentionBenchmark } from './retention-sweep.ts';

// `npm run bench:retention -- --db both --records 1M`: the retention part of `npm run bench` alone.
const program = new Command('npm run bench:retention --')
  .description(
    'Time the retention sweep against a raw SQL DELETE of the same rows, and the forecast; writes its section of BENCHMARKS.md',
  )
  .addOption(new Option('--db <dialect>', 'database to measure').choices(['sqlite', 'postgres', 'both']).default('sqlite'))
  .option('--records <n>', 'expired records', (v: string) => Number(v.replace(/k$/i, '000').replace(/m$/i, '000000')), 1_000_000)
  .action(async (options: { db: 'sqlite' | 'postgres' | 'both'; records: number }) => {
    const dialects = options.db === 'both' ? (['sqlite', 'postgres'] as const) : ([options.db] as const);
    await runRetentionBenchmark(
      [...dialects],
      options.records,
      process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      (m) => console.log(m),
    );
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? `error: ${error.message}` : error);
  process.exit(1);
});

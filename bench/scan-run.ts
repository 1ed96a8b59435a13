import { Command, Option } from 'commander';
import { runScanBenchmark } from './scan-upload.ts';

// `npm run bench:scan -- --db both`: the virus scanner part of `npm run bench` alone.
const program = new Command('npm run bench:scan --')
  .description(
    'Time storing a 1 MB attachment with and without a real clamd; writes its section of BENCHMARKS.md (skipped without clamd)',
  )
  .addOption(new Option('--db <dialect>', 'database to measure').choices(['sqlite', 'postgres', 'both']).default('both'))
  .action(async (options: { db: 'sqlite' | 'postgres' | 'both' }) => {
    const dialects = options.db === 'both' ? (['sqlite', 'postgres'] as const) : ([options.db] as const);
    await runScanBenchmark([...dialects], process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', (m) =>
      console.log(m),
    );
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? `error: ${error.message}` : error);
  process.exit(1);
});

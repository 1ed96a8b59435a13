import { Command, Option } from 'commander';
import { runImportBenchmark } from './import.ts';

// `npm run bench:import -- --db both`: the import part of `npm run bench` alone.
const program = new Command('npm run bench:import --')
  .description(
    'Time an import of 10,000 organisations and 20,000 contact persons against a raw bulk insert; writes its section of BENCHMARKS.md',
  )
  .addOption(new Option('--db <dialect>', 'database to measure').choices(['sqlite', 'postgres', 'both']).default('both'))
  .action(async (options: { db: 'sqlite' | 'postgres' | 'both' }) => {
    const dialects = options.db === 'both' ? (['sqlite', 'postgres'] as const) : ([options.db] as const);
    await runImportBenchmark([...dialects], process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', (m) =>
      console.log(m),
    );
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? `error: ${error.message}` : error);
  process.exit(1);
});

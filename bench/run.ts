import { Command } from 'commander';
import { runBenchmark } from './benchmark.ts';
import { addBenchOptions, benchOptionsOf } from './options.ts';

// `npm run bench -- --subjects 10k --duration 5`; `kluis bench` takes the same options.
const program = addBenchOptions(new Command('npm run bench --'))
  .description('Measure the customer page against a bare Fastify route and raw SQL; writes bench/results.json and BENCHMARKS.md')
  .action(async (_options, command: Command) => {
    await runBenchmark(benchOptionsOf(command));
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? `error: ${error.message}` : error);
  process.exit(1);
});

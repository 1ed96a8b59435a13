import { Command } from 'commander';
import { addBenchOptions, benchOptionsOf } from '../../../bench/options.ts';

/** `kluis bench`: the same benchmark, with the same options, as `npm run bench`. */
export function benchCommand(): Command {
  return addBenchOptions(new Command('bench'))
    .description(
      'Measure the customer page against a bare Fastify route and raw SQL; writes bench/results.json and BENCHMARKS.md',
    )
    .action(async (_options, command: Command) => {
      // Loaded only when asked for: the benchmark needs autocannon, a development dependency that an
      // installation for production does not have.
      const { runBenchmark } = await import('../../../bench/benchmark.ts');
      await runBenchmark(benchOptionsOf(command));
    });
}

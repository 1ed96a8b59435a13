import { Command } from 'commander';

export function benchCommand(): Command {
  return new Command('bench').description('Run the benchmark (see BENCHMARKS.md)').action(async () => {
    throw new Error('not built yet');
  });
}

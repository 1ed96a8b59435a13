import { type Command, InvalidArgumentError, Option } from 'commander';

export interface BenchOptions {
  db: 'sqlite' | 'postgres' | 'both';
  /** The main scale: the view, the bare route and raw SQL are compared here. */
  subjects: number;
  /** More scales at which the view is measured, for the scaling target. */
  scales: number[];
  duration: number;
  warmup: number;
  connections: number;
  profile: boolean;
  /** Expired records the retention sweep deletes (issue 5). */
  retentionRecords: number;
  /** Mails in the mailbox the intake takes in (issue 17). */
  mailboxMails: number;
  note?: string | undefined;
}

/** Adds the benchmark's options to a command; `npm run bench` and `kluis bench` share them this way. */
export function addBenchOptions(command: Command): Command {
  return command
    .addOption(new Option('--db <dialect>', 'database to measure').choices(['sqlite', 'postgres', 'both']).default('sqlite'))
    .option('--subjects <n>', 'subjects in the data set (10k and 1M are understood)', count, 100_000)
    .option(
      '--scales <list>',
      'also measure the customer page at these scales, e.g. 10000,1000000',
      (v: string) => v.split(',').map(count),
      [],
    )
    .option('--duration <seconds>', 'seconds measured per route', count, 10)
    .option('--warmup <seconds>', 'seconds of load before measuring', (v: string) => (v === '0' ? 0 : count(v)), 3)
    .option('--connections <n>', 'concurrent HTTP connections', count, 50)
    .option('--retention-records <n>', 'expired records for the retention sweep benchmark', count, 1_000_000)
    .option('--mailbox-mails <n>', 'mails in the mailbox for the intake benchmark (needs Dovecot)', count, 1000)
    .option('--profile', 'write CPU profiles of the server processes to bench/data/profiles/', false)
    .option('--note <text>', 'a remark to print with the results, such as "machine busy"');
}

/** The parsed options of a command built with addBenchOptions. */
export function benchOptionsOf(command: Command): BenchOptions {
  return command.opts<BenchOptions>();
}

const SUFFIXES: Record<string, number> = { k: 1e3, m: 1e6 };

function count(value: string): number {
  const match = /^(\d+)(k|m)?$/i.exec(value.trim());
  const n = match === null ? NaN : Number(match[1]) * (SUFFIXES[match[2]?.toLowerCase() ?? ''] ?? 1);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new InvalidArgumentError('expected a positive whole number, such as 2000, 10k or 1M');
  return n;
}

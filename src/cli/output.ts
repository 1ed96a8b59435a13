import { ConfigError, loadConfig, type Config } from '../config/env.ts';
import { isKluisError } from '../errors.ts';
import { PolicyError } from '../policy/policy.ts';
import { openRuntime, type Runtime } from '../runtime.ts';

/** Prints an error the way a person at a terminal wants it, and sets the exit code. */
export function reportAndExit(error: unknown): never {
  if (error instanceof ConfigError || error instanceof PolicyError) {
    console.error(error.message);
    process.exit(2);
  }
  if (isKluisError(error)) {
    console.error(`error [${error.code}]: ${error.message}`);
    if (Array.isArray(error.details)) for (const d of error.details) console.error(`  - ${JSON.stringify(d)}`);
    process.exit(1);
  }
  console.error(error instanceof Error ? `error: ${error.message}` : error);
  process.exit(1);
}

/** Runs a command against the configured database and closes it afterwards, whatever happens. */
export async function withRuntime<T>(work: (runtime: Runtime, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const runtime = await openRuntime(config);
  try {
    return await work(runtime, config);
  } finally {
    await runtime.close();
  }
}

export function printTable(rows: Record<string, string | number>[]): void {
  if (rows.length === 0) {
    console.log('(none)');
    return;
  }
  const columns = Object.keys(rows[0] ?? {});
  const width = (c: string) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length));
  const widths = columns.map(width);
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(line(columns));
  for (const r of rows) console.log(line(columns.map((c) => String(r[c] ?? ''))));
}

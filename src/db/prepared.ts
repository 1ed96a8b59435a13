import pg from 'pg';

/**
 * The statements PostgreSQL prepares once per connection instead of parsing and planning at every call: the hot
 * paths' texts (src/db/precompiled.ts registers each query it compiles for PostgreSQL, the processing log its
 * append). Measured on a page view: PostgreSQL's own work was two thirds of the machine's CPU, spread over a
 * dozen small statements, each parsed, analysed and planned anew (BENCHMARKS.md, issue 21). Only registered
 * texts are prepared: they are fixed and few, while a query built at each call (a list of ids of varying length)
 * would leave a new prepared statement on every connection each time.
 */
const names = new Map<string, string>();

/** Has PostgreSQL prepare this exact text on each connection at its first use. */
export function prepareOnEachConnection(text: string): void {
  if (!names.has(text)) names.set(text, `kluis_${names.size + 1}`);
}

// A prepared statement this connection can no longer use: its result type changed under it (a migration that
// changed a column's type: "cached plan must not change result type"), or the server no longer has it (a pooler
// in transaction mode, a DEALLOCATE).
const BROKEN = new Set(['0A000', '26000']);

/**
 * A pg client that runs a registered text as a named prepared statement. Kysely calls `query(text, values)`;
 * everything else passes unchanged. A statement is prepared per connection and planned again by PostgreSQL
 * when a table it reads changes (a migration, a restore). One that breaks on a connection fails that one call
 * and is sent unprepared on that connection from then on.
 */
export class PreparingClient extends pg.Client {
  private readonly unprepared = new Set<string>();

  // @ts-expect-error pg's overloads cannot be overridden one by one; this forwards every form unchanged.
  override query(config: unknown, values?: unknown, callback?: unknown): unknown {
    const name = typeof config === 'string' ? names.get(config) : undefined;
    if (name === undefined || !Array.isArray(values) || callback !== undefined || this.unprepared.has(config as string))
      return (super.query as (...args: unknown[]) => unknown)(config, values, callback);
    return (super.query({ name, text: config as string, values }) as Promise<unknown>).catch((error: unknown) => {
      if (BROKEN.has((error as { code?: string }).code ?? '')) this.unprepared.add(config as string);
      throw error;
    });
  }
}

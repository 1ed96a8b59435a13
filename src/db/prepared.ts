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

/**
 * A pg client that runs a registered text as a named prepared statement. Kysely calls `query(text, values)`;
 * everything else passes unchanged. A statement is prepared per connection and planned again by PostgreSQL
 * when a table it reads changes (a migration, a restore).
 */
export class PreparingClient extends pg.Client {
  // @ts-expect-error pg's overloads cannot be overridden one by one; this forwards every form unchanged.
  override query(config: unknown, values?: unknown, callback?: unknown): unknown {
    const name = typeof config === 'string' ? names.get(config) : undefined;
    if (name !== undefined && Array.isArray(values) && callback === undefined)
      return super.query({ name, text: config as string, values });
    return (super.query as (...args: unknown[]) => unknown)(config, values, callback);
  }
}

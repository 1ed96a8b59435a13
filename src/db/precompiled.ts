import type { Compilable, CompiledQuery, KyselyPlugin, QueryResult } from 'kysely';
import { PostgresAdapter } from 'kysely';
import { prepareOnEachConnection } from './prepared.ts';
import { admitCompiled, shapeOf, type QueryShape } from './query-gate.ts';

/** What a Kysely instance or transaction offers that this needs. */
interface QueryRunner {
  getExecutor(): { adapter: object; plugins: readonly KyselyPlugin[] };
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

const marker = (i: number) => `\u0000precompiled-argument-${i}\u0000`;

/**
 * A query that is built and compiled once per dialect, then run with new argument values.
 *
 * Kysely builds and compiles every query anew, which costs about as much as SQLite takes to run a small
 * indexed query. The hottest paths (the customer page, the session check, the processing-log append) use
 * this instead. The builder's arguments must end up as bound parameters, each exactly once (no LIKE
 * patterns or identifiers made from them); the first compilation checks that and throws otherwise.
 */
export function precompiled<E extends QueryRunner, Args extends unknown[], R>(build: (db: E, ...args: Args) => Compilable<R>) {
  const byDialect = new Map<unknown, { compiled: CompiledQuery<R>; slots: (number | undefined)[]; shape: QueryShape }>();

  const prepare = (db: E, arity: number) => {
    const dialect = db.getExecutor().adapter.constructor;
    let entry = byDialect.get(dialect);
    if (entry === undefined) {
      const markers = Array.from({ length: arity }, (_, i) => marker(i));
      const compiled = build(db, ...(markers as Args)).compile();
      // For each parameter, the argument it comes from (undefined: a constant of the query itself).
      const slots = compiled.parameters
        .map((p) => (typeof p === 'string' ? markers.indexOf(p) : -1))
        .map((i) => (i === -1 ? undefined : i));
      for (let i = 0; i < arity; i += 1) {
        if (slots.filter((s) => s === i).length !== 1)
          throw new Error(`precompiled: argument ${i} is not bound exactly once in ${compiled.sql}`);
      }
      // Fixed text, run at every call: worth a prepared statement on PostgreSQL (prepared.ts).
      if (db.getExecutor().adapter instanceof PostgresAdapter) prepareOnEachConnection(compiled.sql);
      entry = { compiled, slots, shape: shapeOf(compiled.query) };
      byDialect.set(dialect, entry);
    }
    return entry;
  };

  /** Runs the query with these arguments and returns its rows. */
  return async (db: E, ...args: Args): Promise<R[]> => {
    const { compiled, slots, shape } = prepare(db, args.length);
    // Compiled once, the query passes the plugins once: the door (query-gate.ts) is asked again every time.
    admitCompiled(db, shape);
    const parameters = compiled.parameters.map((p, i) => {
      const slot = slots[i];
      return slot === undefined ? p : args[slot];
    });
    const result = await db.executeQuery<R>({ ...compiled, parameters });
    return result.rows;
  };
}

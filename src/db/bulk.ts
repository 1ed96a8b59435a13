import { CompiledQuery, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import { admitCompiled } from './query-gate.ts';
import type { DB } from './types.ts';
import type { Executor } from './executor.ts';

// Set-at-a-time statements for the retention sweep and the processing log's bulk append, which handle
// hundreds of thousands of rows. On PostgreSQL with ONE parameter however many rows (an array, a jsonb
// document): one round trip, no list of thousands of parameters built and bound per call. On SQLite a lookup
// list is a JSON document for json_each, but rows are inserted as multi-row VALUES: measured faster there than
// json_each, whose `->>` parses each row's JSON once per column.

export const isPostgres = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The ids as a subquery for `where column in (…)`. */
export function idsIn(db: Executor, ids: readonly string[]): RawBuilder<string> {
  return isPostgres(db)
    ? sql<string>`(select unnest(${[...ids]}::text[]))`
    : sql<string>`(select value from json_each(${JSON.stringify(ids)}))`;
}

/** A column of a bulk insert, with its PostgreSQL type (SQLite takes the JSON value's own type). */
export interface BulkColumn {
  name: string;
  pgType: 'text' | 'bigint' | 'integer';
}

/** Inserts the rows (objects keyed by column name) in one statement. */
export async function insertRows(
  db: Executor,
  table: keyof DB,
  columns: readonly BulkColumn[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = sql.join(columns.map((c) => sql.ref(c.name)));
  if (isPostgres(db)) {
    // One array a column, unnested together: parsed faster than a jsonb document of the rows.
    const arrays = sql.join(columns.map((c) => sql`${rows.map((row) => row[c.name] ?? null)}::${sql.raw(c.pgType)}[]`));
    await sql`insert into ${sql.table(table)} (${names}) select * from unnest(${arrays})`.execute(db);
    return;
  }
  // About 2,000 values a statement: far below SQLite's parameter limit, and measured as fast as larger chunks.
  // The text is written here rather than built as Kysely nodes, one per value: building and compiling those
  // took longer than SQLite took to insert the rows. Table and column names come from our code, never input.
  const chunk = Math.max(1, Math.floor(2000 / columns.length));
  // A compiled query passes no plugin: the door (query-gate.ts) is asked once for the whole insert.
  admitCompiled(db, { tables: new Set([table]), raw: [], writes: true });
  const quoted = `insert into "${table}" (${columns.map((c) => `"${c.name}"`).join(', ')}) values `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const slice = rows.slice(i, i + chunk);
    const parameters = slice.flatMap((row) => columns.map((c) => row[c.name] ?? null));
    await db.executeQuery(CompiledQuery.raw(`${quoted}${Array(slice.length).fill(tuple).join(', ')}`, parameters));
  }
}

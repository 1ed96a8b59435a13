import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/db/types.ts';
import { type Batch, RECORD_TABLES, type RecordTable } from './generate.ts';

// Bulk loaders for the generated fixture (see generate.ts): straight into the tables, one transaction per
// batch. Table and column names come from the generator's own constants, never from input; values are bound.

type Row = Record<string, SQLInputValue>;
// Rows per INSERT statement: one call into SQLite per 50 rows instead of per row roughly halves load time.
const ROWS_PER_INSERT = 50;

/** Writes batches into a SQLite file opened for bulk loading. */
export function sqliteWriter(db: DatabaseSync): (batch: Batch) => void {
  const statements = new Map<string, StatementSync>();
  const statement = (table: RecordTable, columns: string[], rows: number) => {
    const key = `${table}:${rows}`;
    let s = statements.get(key);
    if (s === undefined) {
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      s = db.prepare(`insert into ${table} (${columns.join(', ')}) values ${Array(rows).fill(tuple).join(', ')}`);
      statements.set(key, s);
    }
    return s;
  };
  return (batch) => {
    db.exec('begin');
    for (const table of RECORD_TABLES) {
      const rows = batch[table] as Row[];
      if (rows.length === 0) continue;
      const columns = Object.keys(rows[0] ?? {});
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const chunk = rows.slice(i, i + ROWS_PER_INSERT);
        const values: SQLInputValue[] = [];
        for (const row of chunk) for (const c of columns) values.push(row[c] ?? null);
        statement(table, columns, chunk.length).run(...values);
      }
    }
    db.exec('commit');
  };
}

// unnest() takes one typed array per column; everything not listed here is text.
const PG_TYPES: Record<string, string> = {
  total_excl_cents: 'int8',
  vat_cents: 'int8',
  total_incl_cents: 'int8',
  position: 'int4',
  quantity: 'float8',
  unit_price_cents: 'int8',
  vat_rate: 'int4',
  amount_cents: 'int8',
  size_bytes: 'int4',
  content: 'bytea',
};

/** Writes batches into PostgreSQL, one `insert … select from unnest(arrays)` per table: a handful of parameters per batch. */
export function postgresWriter(db: Kysely<DB>): (batch: Batch) => Promise<void> {
  return (batch) =>
    db.transaction().execute(async (trx) => {
      for (const table of RECORD_TABLES) {
        const rows = batch[table] as Row[];
        if (rows.length === 0) continue;
        const columns = Object.keys(rows[0] ?? {});
        const arrays = columns.map((c) => sql`${rows.map((r) => r[c] ?? null)}::${sql.raw(PG_TYPES[c] ?? 'text')}[]`);
        await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`.execute(
          trx,
        );
      }
    });
}

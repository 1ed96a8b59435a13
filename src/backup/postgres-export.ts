import { gunzipSync, gzipSync } from 'fflate';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.ts';
import { BackupError } from './backup-error.ts';

/**
 * The app's own export of a PostgreSQL database (issue 5, point 6; `pg_dump` is not on every machine and
 * would need the same key handling anyway): every table of the schema, read in one REPEATABLE READ
 * transaction so the copy is one consistent moment, as gzip-compressed JSON lines: a header line per table
 * (`{"table", "columns"}`) followed by one array of values per row. Binary values (attachments, access
 * packages) travel as `{"$b64": …}`. The migrations table goes too: it says which schema the rows fit.
 */
export interface TableDump {
  table: string;
  columns: string[];
  rows: unknown[][];
}

export interface PostgresExport {
  tables: TableDump[];
  migrations: string[];
  ledgerSeq: number;
  ledgerAt: string | null;
  processingLogSeq: number;
}

// Kysely's lock row is state of a running migration, not data.
const SKIPPED = new Set(['kysely_migration_lock']);

const encode = (value: unknown): unknown => (Buffer.isBuffer(value) ? { $b64: value.toString('base64') } : value);
const decode = (value: unknown): unknown =>
  value !== null && typeof value === 'object' && '$b64' in value && typeof value.$b64 === 'string'
    ? Buffer.from(value.$b64, 'base64')
    : value;

export async function exportPostgres(db: Kysely<DB>): Promise<PostgresExport> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const names = await sql<{ table_name: string }>`
        select table_name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(trx);
      const tables: TableDump[] = [];
      for (const { table_name: table } of names.rows) {
        if (SKIPPED.has(table)) continue;
        const columns = (
          await sql<{ column_name: string }>`
            select column_name from information_schema.columns
            where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(trx)
        ).rows.map((c) => c.column_name);
        const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(trx);
        tables.push({ table, columns, rows: rows.rows.map((r) => columns.map((c) => encode(r[c]))) });
      }
      const column = (table: string, name: string) => {
        const t = tables.find((x) => x.table === table);
        const i = t?.columns.indexOf(name) ?? -1;
        return t === undefined || i < 0 ? [] : t.rows.map((r) => r[i]);
      };
      const migrations = (column('kysely_migration', 'name') as string[]).sort();
      const ledgerSeqs = column('erasure_ledger', 'seq').map(Number);
      const ledgerSeq = ledgerSeqs.length === 0 ? 0 : Math.max(...ledgerSeqs);
      const ledgerAt = (column('erasure_ledger', 'at') as string[]).sort().at(-1) ?? null;
      const processingLogSeq = Number(column('processing_log_head', 'seq')[0] ?? 0);
      return { tables, migrations, ledgerSeq, ledgerAt, processingLogSeq };
    });
}

export function packExport(dump: PostgresExport): Uint8Array {
  const lines: string[] = [];
  for (const t of dump.tables) {
    lines.push(JSON.stringify({ table: t.table, columns: t.columns }));
    for (const row of t.rows) lines.push(JSON.stringify(row));
  }
  return gzipSync(Buffer.from(lines.join('\n'), 'utf8'));
}

export function unpackExport(bytes: Uint8Array): TableDump[] {
  let text: string;
  try {
    text = Buffer.from(gunzipSync(bytes)).toString('utf8');
  } catch {
    throw new BackupError('backup_damaged', 'The PostgreSQL export inside the backup is not readable.');
  }
  const tables: TableDump[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const value: unknown = JSON.parse(line);
    if (Array.isArray(value)) {
      const current = tables.at(-1);
      if (current === undefined) throw new BackupError('backup_damaged', 'The PostgreSQL export has rows before any table.');
      current.rows.push(value.map(decode));
    } else if (value !== null && typeof value === 'object' && 'table' in value && 'columns' in value) {
      tables.push({ table: String(value.table), columns: value.columns as string[], rows: [] });
    } else {
      throw new BackupError('backup_damaged', 'The PostgreSQL export holds a line that is neither a table nor a row.');
    }
  }
  return tables;
}

// Rows per insert: a few hundred keeps every insert far below the parameter limits of both dialects.
const ROWS_PER_INSERT = 200;

/**
 * Loads exported rows into a database whose schema already fits them (migrated to the export's migrations):
 * a scratch SQLite file to verify a backup, or a staging PostgreSQL schema to restore one, in one
 * transaction. SQLite defers its foreign keys to the commit; PostgreSQL's are not deferrable, so tables go
 * parents first (from the catalog) and a credit invoice after the invoice it credits.
 */
export async function loadTables(db: Kysely<DB>, tables: TableDump[], options: { sqlite: boolean }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    let order = tables.map((t) => t.table);
    if (options.sqlite) {
      await sql`pragma defer_foreign_keys = on`.execute(trx);
    } else {
      const edges = await sql<{ child: string; parent: string }>`
        select c.relname as child, p.relname as parent from pg_constraint k
        join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
        where k.contype = 'f' and k.connamespace = current_schema()::regnamespace`.execute(trx);
      order = parentsFirst(order, edges.rows);
    }
    for (const name of order) {
      const t = tables.find((x) => x.table === name);
      if (t === undefined || t.table === 'kysely_migration') continue;
      // Singleton rows the migrations create (the log head) are replaced by the exported ones.
      await sql`delete from ${sql.table(t.table)}`.execute(trx);
      const credit = t.table === 'invoices' ? t.columns.indexOf('credit_for_id') : -1;
      const rows = credit < 0 ? t.rows : [...t.rows].sort((a, b) => Number(a[credit] !== null) - Number(b[credit] !== null));
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const values = rows
          .slice(i, i + ROWS_PER_INSERT)
          .map((row) => sql`(${sql.join(row.map((v) => sql`${options.sqlite && typeof v === 'boolean' ? Number(v) : v}`))})`);
        await sql`insert into ${sql.table(t.table)} (${sql.join(t.columns.map((c) => sql.ref(c)))}) values ${sql.join(values)}`.execute(
          trx,
        );
      }
    }
  });
}

/** A topological order of the tables: every table after the tables its foreign keys point to. */
function parentsFirst(names: string[], edges: { child: string; parent: string }[]): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (done.has(name) || path.has(name)) return;
    path.add(name);
    for (const e of edges) if (e.child === name && e.parent !== name) visit(e.parent, path);
    done.add(name);
    order.push(name);
  };
  for (const name of names) visit(name, new Set());
  return order.filter((n) => names.includes(n));
}

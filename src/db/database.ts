import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { NodeSqliteDatabase } from './node-sqlite.ts';
import { ensurePrivateDatabaseFile, ensurePrivateDirectory } from './private-files.ts';
import type { DB } from './types.ts';
import { PreparingClient } from './prepared.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Where the data lives, for messages and the self-check: a file path or a URL without password. */
  location: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL URL; when absent, the embedded SQLite file under dataDir is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL only: the schema to use (tests isolate themselves this way). */
  schema?: string;
  /** PostgreSQL only: the pool size. */
  poolSize?: number;
}

// int8 (bigint, count(*)) arrives as a string by default; our counters stay far below 2^53.
const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (value: string) => Number(value) : (pg.types.getTypeParser(oid, format) as (value: string) => unknown),
};

/** Opens the database named by the configuration: PostgreSQL when a URL is given, SQLite otherwise. */
/** The URL without its libpq `options` parameter, which would otherwise win over a schema named here. */
function withoutOptions(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.delete('options');
  return url.toString();
}

export function openDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl !== undefined) {
    const pool = new pg.Pool({
      connectionString: options.schema === undefined ? options.databaseUrl : withoutOptions(options.databaseUrl),
      max: options.poolSize ?? 10,
      types: pgTypes,
      // The hot paths' statements prepared once per connection (prepared.ts).
      Client: PreparingClient as typeof pg.Client,
      // Queries issued together on one connection (the customer page's nine reads, Promise.all) go out at once
      // and PostgreSQL answers them in order: one round trip instead of nine. Each still ends with its own Sync,
      // so one that fails fails alone, as before. Kluis uses no cursors, which pipelining cannot carry.
      pipeline: true,
      // A schema of its own (tests, benchmarks). Parallel query is off there: PostgreSQL's parallel workers were
      // seen failing with "schema does not exist" while other schemas were created and dropped side by side.
      ...(options.schema === undefined
        ? {}
        : { options: `-c search_path=${options.schema} -c max_parallel_workers_per_gather=0` }),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', location: redactUrl(options.databaseUrl), close: () => db.destroy() };
  }
  // The database and SQLite's -wal/-shm files (created with the database file's mode) are the owner's alone.
  ensurePrivateDirectory(options.dataDir);
  const file = path.join(options.dataDir, 'kluis.sqlite');
  ensurePrivateDatabaseFile(file);
  const sqlite = new NodeSqliteDatabase(file);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}

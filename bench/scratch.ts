import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type Database, type Dialect, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { DATA_DIR } from './datasets.ts';

/** A database of the bench's own, migrated, and the way to remove it once measured. */
export interface Scratch {
  database: Database;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one measurement: a SQLite file under bench/data, or a schema of its own on the
 * PostgreSQL server (so a run never touches another's rows). `name` says which bench made it.
 */
export async function scratchDatabase(dialect: Dialect, databaseUrl: string, name: string, poolSize = 2): Promise<Scratch> {
  const unique = `${name}_${randomBytes(4).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dataDir = path.join(DATA_DIR, unique);
    const database = openDatabase({ dataDir });
    await migrateToLatest(database.db);
    return {
      database,
      drop: async () => {
        await database.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `kluis_bench_${unique}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = openDatabase({ databaseUrl, dataDir: DATA_DIR, schema, poolSize });
  await migrateToLatest(database.db);
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, type Dialect, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

/** The dialects this run tests on: SQLite always, PostgreSQL when the global setup found one. */
export const DIALECTS: Dialect[] = inject('postgresUrl') === null ? ['sqlite'] : ['sqlite', 'postgres'];

export interface TestDatabase extends Database {
  /** Removes the file or schema. */
  drop(): Promise<void>;
  dataDir: string;
  databaseUrl: string | undefined;
  schema: string | undefined;
}

/** A fresh, migrated database of its own: a SQLite file in a temp dir, or a PostgreSQL schema. */
export async function openTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-test-'));
  if (dialect === 'sqlite') {
    const database = openDatabase({ dataDir });
    await migrateToLatest(database.db);
    return {
      ...database,
      dataDir,
      databaseUrl: undefined,
      schema: undefined,
      drop: async () => {
        await database.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const url = inject('postgresUrl');
  if (url === null) throw new Error('PostgreSQL is not available in this run');
  const schema = `kluis_test_${inject('testRunId')}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = openDatabase({ databaseUrl: url, dataDir, schema, poolSize: 5 });
  await migrateToLatest(database.db);
  return {
    ...database,
    dataDir,
    databaseUrl: url,
    schema,
    // The schema is dropped once, after the whole run (global-setup.ts): dropping it here, while other files
    // migrate, races PostgreSQL's catalog queries (Kysely's introspection resolves every schema's tables).
    drop: async () => {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A second connection to the same database, as another Kluis instance would open it; close it yourself. */
export function openSecondInstance(database: TestDatabase): Database {
  return database.databaseUrl === undefined
    ? openDatabase({ dataDir: database.dataDir })
    : openDatabase({
        databaseUrl: database.databaseUrl,
        dataDir: database.dataDir,
        ...(database.schema === undefined ? {} : { schema: database.schema }),
        poolSize: 5,
      });
}

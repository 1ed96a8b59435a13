import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { type Dialect, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { GENERATOR_VERSION, Generator, RECORD_TABLES } from './generate.ts';
import { postgresWriter, sqliteWriter } from './writers.ts';

export const DATA_DIR = path.resolve(import.meta.dirname, 'data');
const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../src/db/migrations');
const BATCH = 5000;

/** Where a data set lives: a SQLite data directory, or a PostgreSQL schema of its own. */
export type Target = { dialect: 'sqlite'; dataDir: string } | { dialect: 'postgres'; databaseUrl: string; schema: string };

export interface Dataset {
  target: Target;
  subjects: number;
  /** Seconds spent generating, or null when a cached data set was reused. */
  generatedSeconds: number | null;
  subjectIds(): Promise<string[]>;
  /** Removes the working copy or drops the schema. */
  dispose: () => Promise<void>;
}

export type Log = (message: string) => void;

export function prepareDataset(dialect: Dialect, subjects: number, databaseUrl: string, log: Log): Promise<Dataset> {
  return dialect === 'sqlite' ? sqliteDataset(subjects, log) : postgresDataset(subjects, databaseUrl, log);
}

/**
 * A working copy of a cached SQLite data set, generated on first use. The copy is thrown away after the
 * run, so sessions and log entries written by one run never reach the next.
 */
async function sqliteDataset(subjects: number, log: Log): Promise<Dataset> {
  const cacheDir = path.join(DATA_DIR, `sqlite-${subjects}-${cacheKey()}`);
  let generatedSeconds: number | null = null;
  if (!fs.existsSync(path.join(cacheDir, 'kluis.sqlite'))) generatedSeconds = await generateSqlite(cacheDir, subjects, log);
  else log(`reusing ${path.relative(process.cwd(), cacheDir)}`);
  const dataDir = fs.mkdtempSync(path.join(DATA_DIR, 'run-'));
  const file = path.join(dataDir, 'kluis.sqlite');
  fs.copyFileSync(path.join(cacheDir, 'kluis.sqlite'), file, fs.constants.COPYFILE_FICLONE);
  return {
    target: { dialect: 'sqlite', dataDir },
    subjects,
    generatedSeconds,
    subjectIds: async () => {
      const db = new DatabaseSync(file, { readOnly: true });
      try {
        return db
          .prepare('select id from subjects')
          .all()
          .map((r) => String(r.id));
      } finally {
        db.close();
      }
    },
    dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

// A cached data set is valid for one generator version and one set of (frozen, dated) migrations.
function cacheKey(): string {
  const migrations = fs.readdirSync(MIGRATIONS_DIR).sort().join('\n');
  return `v${GENERATOR_VERSION}-${createHash('sha256').update(migrations).digest('hex').slice(0, 8)}`;
}

/** Removes a SQLite data set this process was still building, after an interruption. */
export function removeUnfinishedBuilds(): void {
  if (!fs.existsSync(DATA_DIR)) return;
  for (const name of fs.readdirSync(DATA_DIR)) {
    if (name.endsWith(`.build-${process.pid}`)) fs.rmSync(path.join(DATA_DIR, name), { recursive: true, force: true });
  }
}

async function generateSqlite(cacheDir: string, subjects: number, log: Log): Promise<number> {
  const started = performance.now();
  // Built beside the cache and renamed at the end, so an interrupted run leaves no half data set behind.
  const buildDir = `${cacheDir}.build-${process.pid}`;
  fs.rmSync(buildDir, { recursive: true, force: true });
  const database = openDatabase({ dataDir: buildDir });
  await migrateToLatest(database.db);
  await database.close();
  const db = new DatabaseSync(path.join(buildDir, 'kluis.sqlite'));
  // Bulk-load settings: nothing here needs to survive a crash, the build directory is simply redone.
  // A rollback journal instead of WAL: pages appended to the file need no journal at all (node:sqlite's
  // defensive mode refuses journal_mode = OFF). Multi-row inserts keep a statement journal, in memory here.
  db.exec(
    'PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576; PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = MEMORY',
  );
  const write = sqliteWriter(db);
  const generator = new Generator();
  for (let done = 0; done < subjects; done += BATCH) {
    write(generator.batch(Math.min(BATCH, subjects - done)));
    if ((done / BATCH) % 20 === 19) log(`  ${done + BATCH} of ${subjects} subjects`);
    // Let a Ctrl-C through between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  // The app opens its file in WAL mode; leave it that way.
  db.exec('PRAGMA journal_mode = WAL');
  db.close();
  fs.renameSync(buildDir, cacheDir);
  const seconds = (performance.now() - started) / 1000;
  log(`generated ${subjects} subjects for SQLite in ${seconds.toFixed(1)} s`);
  return seconds;
}

/** A fresh schema of its own, filled with the generated data, dropped by dispose(). */
async function postgresDataset(subjects: number, databaseUrl: string, log: Log): Promise<Dataset> {
  const started = performance.now();
  const schema = `kluis_bench_${randomBytes(6).toString('hex')}`;
  await admin(databaseUrl, `create schema ${schema}`);
  const dispose = () => admin(databaseUrl, `drop schema if exists ${schema} cascade`);
  try {
    const database = openDatabase({ databaseUrl, dataDir: DATA_DIR, schema, poolSize: 2 });
    try {
      await migrateToLatest(database.db);
      const write = postgresWriter(database.db);
      const generator = new Generator();
      for (let done = 0; done < subjects; done += BATCH) {
        await write(generator.batch(Math.min(BATCH, subjects - done)));
        if ((done / BATCH) % 20 === 19) log(`  ${done + BATCH} of ${subjects} subjects`);
      }
      // A database that has been running a while has statistics; a freshly loaded one must be analyzed.
      await admin(databaseUrl, `analyze ${RECORD_TABLES.join(', ')}`, schema);
    } finally {
      await database.close();
    }
  } catch (error) {
    await dispose();
    throw error;
  }
  const seconds = (performance.now() - started) / 1000;
  log(`generated ${subjects} subjects for PostgreSQL (schema ${schema}) in ${seconds.toFixed(1)} s`);
  return {
    target: { dialect: 'postgres', databaseUrl, schema },
    subjects,
    generatedSeconds: seconds,
    subjectIds: async () => (await admin(databaseUrl, 'select id from subjects', schema)).map((r) => String(r.id)),
    dispose: async () => void (await dispose()),
  };
}

async function admin(databaseUrl: string, statement: string, schema?: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(statement)).rows;
  } finally {
    await client.end();
  }
}

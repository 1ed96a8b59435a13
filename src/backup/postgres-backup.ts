import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { openDatabase } from '../db/database.ts';
import { migrateTo, migrateToLatest } from '../db/migrate.ts';
import type { DB } from '../db/types.ts';
import { cliActor } from '../guard/actor.ts';
import { BackupError } from './backup-error.ts';
import type { BackupManifest } from './backup-format.ts';
import { loadTables, unpackExport } from './postgres-export.ts';
import { type ReplaySummary, assertReplayable, ledgerAfter, replayLedger } from './replay-ledger.ts';
import { type CopyCheck, checkCopy, openKysely } from './sqlite-copy.ts';

/** The newest migration a backup was made under; refuses a backup made by a newer Kluis. */
function lastMigration(manifest: BackupManifest): string {
  const last = [...manifest.migrations].sort().at(-1);
  if (last === undefined) throw new BackupError('backup_damaged', 'The backup names no migrations.');
  return last;
}

async function rebuild(db: Kysely<DB>, manifest: BackupManifest): Promise<void> {
  try {
    await migrateTo(db, lastMigration(manifest));
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      'backup_newer_than_code',
      `The backup cannot be rebuilt by this version of Kluis: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`,
    );
  }
}

/**
 * Checks a PostgreSQL export the way a SQLite backup is checked: its rows go into a scratch SQLite file
 * migrated to the same schema, which then gets the integrity check, the expected tables and the log chain.
 * No PostgreSQL is needed to verify a backup.
 */
export async function checkPostgresExport(manifest: BackupManifest, bytes: Uint8Array, scratch: string): Promise<CopyCheck> {
  const file = path.join(scratch, 'verify-export.sqlite');
  const db = openKysely(file);
  try {
    await rebuild(db, manifest);
    try {
      await loadTables(db, unpackExport(bytes), { sqlite: true });
    } catch (error) {
      if (error instanceof BackupError) throw error;
      throw new BackupError(
        'backup_damaged',
        `The rows of the backup do not fit its schema: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  } finally {
    await db.destroy();
  }
  return checkCopy(file, new Date(manifest.createdAt));
}

export interface PostgresRestore {
  migrated: string[];
  replayed: ReplaySummary;
}

/**
 * Replaces the PostgreSQL schema Kluis uses with the backup. Everything is built in a staging schema next
 * to it first (the backup's schema, its rows, the newer migrations, and every deletion the current erasure
 * ledger made after the backup); only then, in one transaction, the live schema makes way: the staging
 * schema takes its name and the old one is dropped, with the data erased since. Any failure before that
 * drops the staging schema and leaves the live one as it was.
 */
export async function restorePostgres(
  databaseUrl: string,
  dataDir: string,
  manifest: BackupManifest,
  bytes: Uint8Array,
  backupName: string,
  at: string,
): Promise<PostgresRestore> {
  const tables = unpackExport(bytes);
  const live = openDatabase({ databaseUrl, dataDir, poolSize: 2 });
  try {
    const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(live.db)).rows[0]?.schema;
    if (schema === undefined) throw new BackupError('backup_damaged', 'The database has no current schema to restore into.');
    const staging = `${schema.slice(0, 40)}_restore_${randomBytes(4).toString('hex')}`;
    await sql`create schema ${sql.id(staging)}`.execute(live.db);
    try {
      const stage = openDatabase({ databaseUrl, dataDir, schema: staging, poolSize: 2 });
      let result: PostgresRestore;
      try {
        const current = (await sql<{ schema: string }>`select current_schema() as schema`.execute(stage.db)).rows[0]?.schema;
        if (current !== staging) throw new Error(`The staging connection landed in schema ${current ?? 'none'}, not ${staging}`);
        await rebuild(stage.db, manifest);
        await loadTables(stage.db, tables, { sqlite: false });
        await resetSequences(stage.db);
        const migrated = await migrateToLatest(stage.db);
        // The current ledger, read from the live schema just before it is replaced.
        const after = await ledgerAfter(live.db, manifest.ledgerSeq);
        assertReplayable(after);
        const replayed = await replayLedger(stage.db, after, cliActor(), backupName, at);
        result = { migrated, replayed };
      } finally {
        await stage.close();
      }
      const old = `${schema.slice(0, 40)}_replaced_${randomBytes(4).toString('hex')}`;
      await live.db.transaction().execute(async (trx) => {
        await sql`alter schema ${sql.id(schema)} rename to ${sql.id(old)}`.execute(trx);
        await sql`alter schema ${sql.id(staging)} rename to ${sql.id(schema)}`.execute(trx);
        // The replaced schema holds what was erased since the backup: it goes in the same transaction.
        await sql`drop schema ${sql.id(old)} cascade`.execute(trx);
      });
      return result;
    } catch (error) {
      await sql`drop schema if exists ${sql.id(staging)} cascade`.execute(live.db);
      throw error;
    }
  } finally {
    await live.close();
  }
}

/** Sequences (the erasure ledger's) continue after the loaded rows, not from 1. */
async function resetSequences(db: Kysely<DB>): Promise<void> {
  const serials = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and column_default like 'nextval(%'`.execute(db);
  for (const { table_name: table, column_name: column } of serials.rows) {
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
      db,
    );
  }
}

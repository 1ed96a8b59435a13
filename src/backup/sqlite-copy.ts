import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync, backup } from 'node:sqlite';
import { Kysely, SqliteDialect } from 'kysely';
import { NodeSqliteDatabase } from '../db/node-sqlite.ts';
import { ensurePrivateDirectory } from '../db/private-files.ts';
import type { DB } from '../db/types.ts';
import { verifyChain, type ChainReport } from '../guard/verify-chain.ts';
import { BackupError } from './backup-error.ts';

/** Tables a Kluis database must hold for a copy to count as one. */
export const EXPECTED_TABLES = ['kysely_migration', 'subjects', 'processing_log', 'processing_log_head', 'erasure_ledger'];

/** A consistent copy of the live database through SQLite's online backup, while the server may keep running. */
export async function snapshot(liveFile: string, target: string): Promise<void> {
  const source = new DatabaseSync(liveFile, { readOnly: true });
  try {
    source.exec('PRAGMA busy_timeout = 5000');
    await backup(source, target);
  } finally {
    source.close();
  }
}

export interface CopyFacts {
  migrations: string[];
  ledgerSeq: number;
  ledgerAt: string | null;
  processingLogSeq: number;
}

/** Reads the facts of the manifest from the copy itself, so they describe exactly what was copied. */
export function factsOf(file: string): CopyFacts {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const migrations = (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map(
      (r) => r.name,
    );
    const ledger = db.prepare('select max(seq) as seq, max(at) as at from erasure_ledger').get() as {
      seq: number | null;
      at: string | null;
    };
    const head = db.prepare('select seq from processing_log_head').get() as { seq: number } | undefined;
    return { migrations, ledgerSeq: Number(ledger.seq ?? 0), ledgerAt: ledger.at, processingLogSeq: Number(head?.seq ?? 0) };
  } finally {
    db.close();
  }
}

export interface CopyCheck {
  integrity: string;
  missingTables: string[];
  chain: ChainReport;
}

/**
 * Opens a restored copy: SQLite's integrity check, the expected tables, and the processing log's chain. `madeAt`:
 * when the copy was made; entries it caught before the sealer reached them are held to the bound at that moment.
 */
export async function checkCopy(file: string, madeAt: Date): Promise<CopyCheck> {
  let integrity: string;
  let missingTables: string[];
  const raw = new DatabaseSync(file);
  try {
    integrity = (raw.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const present = new Set(
      (raw.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name),
    );
    missingTables = EXPECTED_TABLES.filter((t) => !present.has(t));
  } catch (error) {
    throw new BackupError(
      'backup_damaged',
      `The backup does not open as a SQLite database: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    raw.close();
  }
  if (integrity !== 'ok' || missingTables.length > 0) return { integrity, missingTables, chain: { ok: false, entries: 0 } };
  const db = openKysely(file);
  try {
    return { integrity, missingTables, chain: await verifyChain(db, madeAt) };
  } finally {
    await db.destroy();
  }
}

export function openKysely(file: string): Kysely<DB> {
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: new NodeSqliteDatabase(file) }) });
}

/**
 * Refuses when another process has the database open (a running `kluis serve`): an exclusive lock,
 * without waiting, fails while any other connection holds the file.
 */
export function assertNotInUse(file: string): void {
  if (!fs.existsSync(file)) return;
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA busy_timeout = 0');
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch {
    throw new BackupError(
      'backup_database_in_use',
      `The database ${file} is in use: stop the server (kluis serve) and every other kluis process, then restore again.`,
    );
  } finally {
    db.close();
  }
}

/** Writes bytes to a new file readable by the owner only. */
export function writePrivate(file: string, bytes: Uint8Array): void {
  ensurePrivateDirectory(path.dirname(file), 'backup directory');
  fs.writeFileSync(file, bytes, { mode: 0o600, flag: 'wx' });
  fs.chmodSync(file, 0o600);
}

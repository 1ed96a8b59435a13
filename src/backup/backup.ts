import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/env.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { cliActor } from '../guard/actor.ts';
import type { Kysely } from 'kysely';
import { openDatabase } from '../db/database.ts';
import { ensurePrivateDirectory } from '../db/private-files.ts';
import type { DB } from '../db/types.ts';
import type { Actor } from '../guard/actor.ts';
import { logAdministration } from '../guard/admin-log.ts';
import { BackupError } from './backup-error.ts';
import { backupName, manifestPath, rotate } from './backup-files.ts';
import { type BackupManifest, open, seal } from './backup-format.ts';
import { checkPostgresExport, restorePostgres } from './postgres-backup.ts';
import { exportPostgres, packExport } from './postgres-export.ts';
import { type ReplaySummary, assertReplayable, ledgerAfter, replayLedger } from './replay-ledger.ts';
import { type CopyCheck, assertNotInUse, checkCopy, factsOf, openKysely, snapshot, writePrivate } from './sqlite-copy.ts';

export type BackupConfig = Pick<Config, 'dataDir' | 'databaseUrl' | 'backupRecipient' | 'backupDir' | 'backupKeep'>;

export const liveFile = (config: Pick<Config, 'dataDir'>) => path.join(config.dataDir, 'kluis.sqlite');

/** A scratch folder readable by the owner only, removed after the work. */
async function withScratch<T>(base: string, work: (dir: string) => Promise<T>): Promise<T> {
  if (base === os.tmpdir()) fs.mkdirSync(base, { recursive: true });
  else ensurePrivateDirectory(base);
  const dir = fs.mkdtempSync(path.join(base, '.kluis-backup-'));
  try {
    return await work(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface Created {
  file: string;
  manifest: BackupManifest;
  deleted: string[];
}

/**
 * Copies the live database consistently, encrypts it to the configured recipient, and rotates old backups:
 * SQLite through its online backup, PostgreSQL through the app's own export (postgres-export.ts).
 */
export async function createBackup(config: BackupConfig, now: Date): Promise<Created> {
  const recipient = config.backupRecipient;
  if (recipient === undefined)
    throw new BackupError(
      'backup_no_recipient',
      'Set KLUIS_BACKUP_RECIPIENT to the age recipient (age1…) from `kluis backup keygen` first.',
    );
  if (config.databaseUrl !== undefined) return createPostgresBackup(config, config.databaseUrl, recipient, now);
  const live = liveFile(config);
  if (!fs.existsSync(live)) throw new BackupError('backup_damaged', `There is no database at ${live} to back up.`);
  // The plaintext copy lives only in a private scratch folder next to the data, and is removed at once.
  return withScratch(config.dataDir, async (scratch) => {
    const copy = path.join(scratch, 'copy.sqlite');
    await snapshot(live, copy);
    const manifest: BackupManifest = {
      format: 'kluis-backup',
      version: 1,
      createdAt: now.toISOString(),
      dialect: 'sqlite',
      ...factsOf(copy),
    };
    const sealed = await seal(manifest, fs.readFileSync(copy), recipient);
    const database = openDatabase({ dataDir: config.dataDir });
    try {
      return await keep(config, database.db, manifest, sealed, now);
    } finally {
      await database.close();
    }
  });
}

/** Who makes backups, in the log: `kluis backup create` and the scheduled job alike. */
const BACKUP_ACTOR: Actor = { kind: 'system', id: 'backup', role: 'dpo' };

/**
 * Writes the sealed backup and its manifest, rotates old ones, and logs the copy: a backup reads every
 * person's data, so it is accounted for in the processing log like any other reading (Art. 5(2)).
 */
async function keep(
  config: BackupConfig,
  db: Kysely<DB>,
  manifest: BackupManifest,
  sealed: Uint8Array,
  now: Date,
): Promise<Created> {
  const file = path.join(config.backupDir, backupName(now, manifest.dialect));
  writePrivate(file, sealed);
  writePrivate(manifestPath(file), Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  await db.transaction().execute((trx) =>
    logAdministration(trx, BACKUP_ACTOR, {
      at: now.toISOString(),
      operation: 'export',
      recordType: 'backup',
      records: [`backup:${path.basename(file)}`],
      reason: `encrypted copy of the whole database (${manifest.dialect}; processing log up to #${manifest.processingLogSeq}, erasure ledger up to #${manifest.ledgerSeq})`,
    }),
  );
  return { file, manifest, deleted: rotate(config.backupDir, config.backupKeep) };
}

async function createPostgresBackup(config: BackupConfig, databaseUrl: string, recipient: string, now: Date): Promise<Created> {
  const database = openDatabase({ databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  try {
    const { tables, ...facts } = await exportPostgres(database.db);
    const manifest: BackupManifest = {
      format: 'kluis-backup',
      version: 1,
      createdAt: now.toISOString(),
      dialect: 'postgres',
      ...facts,
    };
    const sealed = await seal(manifest, packExport({ tables, ...facts }), recipient);
    return await keep(config, database.db, manifest, sealed, now);
  } finally {
    await database.close();
  }
}

export interface Verified extends CopyCheck {
  ok: boolean;
  manifest: BackupManifest;
}

async function decryptTo(file: string, identity: string, target: string): Promise<BackupManifest> {
  const { manifest, database } = await open(fs.readFileSync(file), identity);
  if (manifest.dialect !== 'sqlite')
    throw new BackupError(
      'backup_wrong_dialect',
      'This is a backup of a PostgreSQL database; restore it with DATABASE_URL set to that database.',
    );
  writePrivate(target, database);
  return manifest;
}

const passes = (check: CopyCheck) => check.integrity === 'ok' && check.missingTables.length === 0 && check.chain.ok;

/** Decrypts into a private scratch file and checks it opens, holds our tables, and its log chain holds. */
export async function verifyBackup(file: string, identity: string): Promise<Verified> {
  return withScratch(os.tmpdir(), async (scratch) => {
    const { manifest, database } = await open(fs.readFileSync(file), identity);
    if (manifest.dialect === 'postgres') {
      const check = await checkPostgresExport(manifest, database, scratch);
      return { ...check, manifest, ok: passes(check) };
    }
    const copy = path.join(scratch, 'verify.sqlite');
    writePrivate(copy, database);
    const check = await checkCopy(copy, new Date(manifest.createdAt));
    return { ...check, manifest, ok: passes(check) };
  });
}

export interface Restored {
  manifest: BackupManifest;
  migrated: string[];
  replayed: ReplaySummary;
}

/**
 * Replaces the SQLite database with the backup. Everything happens on a copy first (decrypt, check,
 * migrate, re-apply the erasures of the current ledger made after the backup); only then is the live file
 * swapped, in one rename. Refuses while another process has the database open.
 */
export async function restoreBackup(
  config: BackupConfig,
  file: string,
  identity: string,
  options: { yes: boolean; now: Date },
): Promise<Restored> {
  if (!options.yes)
    throw new BackupError(
      'backup_confirmation_required',
      'A restore replaces the whole database: run it again with --yes to confirm.',
    );
  if (config.databaseUrl !== undefined) return restoreToPostgres(config, config.databaseUrl, file, identity, options.now);
  const live = liveFile(config);
  assertNotInUse(live);
  return withScratch(config.dataDir, async (scratch) => {
    const copy = path.join(scratch, 'restore.sqlite');
    const manifest = await decryptTo(file, identity, copy);
    const check = await checkCopy(copy, new Date(manifest.createdAt));
    if (check.integrity !== 'ok' || check.missingTables.length > 0 || !check.chain.ok) {
      throw new BackupError(
        'backup_damaged',
        `The backup fails its checks (integrity: ${check.integrity}; missing tables: ${check.missingTables.join(', ') || 'none'}; log chain: ${check.chain.ok ? 'ok' : 'broken'}). Nothing was changed.`,
      );
    }
    // The current ledger, read before anything is replaced.
    let after: Awaited<ReturnType<typeof ledgerAfter>> = [];
    if (fs.existsSync(live)) {
      const current = openKysely(live);
      try {
        after = await ledgerAfter(current, manifest.ledgerSeq);
      } finally {
        await current.destroy();
      }
    }
    assertReplayable(after);
    const restored = openKysely(copy);
    let migrated: string[];
    let replayed: ReplaySummary;
    try {
      migrated = await migrateToLatest(restored);
      replayed = await replayLedger(restored, after, cliActor(), path.basename(file), options.now.toISOString());
    } finally {
      await restored.destroy();
    }
    assertNotInUse(live);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${live}${suffix}`, { force: true });
    fs.renameSync(copy, live);
    fs.chmodSync(live, 0o600);
    return { manifest, migrated, replayed };
  });
}

/** The PostgreSQL restore: checked on a scratch copy first, then rebuilt beside the live schema (postgres-backup.ts). */
async function restoreToPostgres(
  config: BackupConfig,
  databaseUrl: string,
  file: string,
  identity: string,
  now: Date,
): Promise<Restored> {
  const { manifest, database } = await open(fs.readFileSync(file), identity);
  if (manifest.dialect !== 'postgres')
    throw new BackupError('backup_wrong_dialect', 'This is a backup of a SQLite database; restore it without DATABASE_URL.');
  const check = await withScratch(os.tmpdir(), (scratch) => checkPostgresExport(manifest, database, scratch));
  if (!passes(check)) {
    throw new BackupError(
      'backup_damaged',
      `The backup fails its checks (missing tables: ${check.missingTables.join(', ') || 'none'}; log chain: ${check.chain.ok ? 'ok' : 'broken'}). Nothing was changed.`,
    );
  }
  const { migrated, replayed } = await restorePostgres(
    databaseUrl,
    config.dataDir,
    manifest,
    database,
    path.basename(file),
    now.toISOString(),
  );
  return { manifest, migrated, replayed };
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/env.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { cliActor } from '../guard/actor.ts';
import { BackupError, postgresUnsupported } from './backup-error.ts';
import { backupName, manifestPath, rotate } from './backup-files.ts';
import { type BackupManifest, open, seal } from './backup-format.ts';
import { type ReplaySummary, assertReplayable, ledgerAfter, replayLedger } from './replay-ledger.ts';
import { type CopyCheck, assertNotInUse, checkCopy, factsOf, openKysely, snapshot, writePrivate } from './sqlite-copy.ts';

export type BackupConfig = Pick<Config, 'dataDir' | 'databaseUrl' | 'backupRecipient' | 'backupDir' | 'backupKeep'>;

export const liveFile = (config: Pick<Config, 'dataDir'>) => path.join(config.dataDir, 'kluis.sqlite');

function sqliteOnly(config: BackupConfig): void {
  if (config.databaseUrl !== undefined) throw postgresUnsupported();
}

/** A scratch folder readable by the owner only, removed after the work. */
async function withScratch<T>(base: string, work: (dir: string) => Promise<T>): Promise<T> {
  fs.mkdirSync(base, { recursive: true, mode: 0o700 });
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

/** Copies the live database consistently, encrypts it to the configured recipient, and rotates old backups. */
export async function createBackup(config: BackupConfig, now = new Date()): Promise<Created> {
  sqliteOnly(config);
  const recipient = config.backupRecipient;
  if (recipient === undefined) throw new BackupError('backup_no_recipient', 'Set KLUIS_BACKUP_RECIPIENT to the age recipient (age1…) from `kluis backup keygen` first.');
  const live = liveFile(config);
  if (!fs.existsSync(live)) throw new BackupError('backup_damaged', `There is no database at ${live} to back up.`);
  // The plaintext copy lives only in a private scratch folder next to the data, and is removed at once.
  return withScratch(config.dataDir, async (scratch) => {
    const copy = path.join(scratch, 'copy.sqlite');
    await snapshot(live, copy);
    const manifest: BackupManifest = { format: 'kluis-backup', version: 1, createdAt: now.toISOString(), dialect: 'sqlite', ...factsOf(copy) };
    const sealed = await seal(manifest, fs.readFileSync(copy), recipient);
    const file = path.join(config.backupDir, backupName(now));
    writePrivate(file, sealed);
    writePrivate(manifestPath(file), Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    return { file, manifest, deleted: rotate(config.backupDir, config.backupKeep) };
  });
}

export interface Verified extends CopyCheck {
  ok: boolean;
  manifest: BackupManifest;
}

async function decryptTo(file: string, identity: string, target: string): Promise<BackupManifest> {
  const { manifest, database } = await open(fs.readFileSync(file), identity);
  writePrivate(target, database);
  return manifest;
}

/** Decrypts into a private scratch file and checks it opens, holds our tables, and its log chain holds. */
export async function verifyBackup(file: string, identity: string): Promise<Verified> {
  return withScratch(os.tmpdir(), async (scratch) => {
    const copy = path.join(scratch, 'verify.sqlite');
    const manifest = await decryptTo(file, identity, copy);
    const check = await checkCopy(copy);
    return { ...check, manifest, ok: check.integrity === 'ok' && check.missingTables.length === 0 && check.chain.ok };
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
export async function restoreBackup(config: BackupConfig, file: string, identity: string, options: { yes: boolean }): Promise<Restored> {
  sqliteOnly(config);
  if (!options.yes) throw new BackupError('backup_confirmation_required', 'A restore replaces the whole database: run it again with --yes to confirm.');
  const live = liveFile(config);
  assertNotInUse(live);
  return withScratch(config.dataDir, async (scratch) => {
    const copy = path.join(scratch, 'restore.sqlite');
    const manifest = await decryptTo(file, identity, copy);
    const check = await checkCopy(copy);
    if (check.integrity !== 'ok' || check.missingTables.length > 0 || !check.chain.ok) {
      throw new BackupError('backup_damaged', `The backup fails its checks (integrity: ${check.integrity}; missing tables: ${check.missingTables.join(', ') || 'none'}; log chain: ${check.chain.ok ? 'ok' : 'broken'}). Nothing was changed.`);
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
      replayed = await replayLedger(restored, after, cliActor(), path.basename(file));
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

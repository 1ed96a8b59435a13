import fs from 'node:fs';
import { Command } from 'commander';
import { loadConfig } from '../../config/env.ts';
import { createBackup, restoreBackup, verifyBackup } from '../../backup/backup.ts';
import { BackupError } from '../../backup/backup-error.ts';
import { newKeyPair } from '../../backup/backup-format.ts';
import { isoNow, systemClock } from '../../shared/clock.ts';

/** Backup errors carry a stable code; everything else goes to the usual report. */
async function run(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(`error [${error.code}]: ${error.message}`);
    process.exitCode = 1;
  }
}

function readIdentity(file: string | undefined): string {
  if (file === undefined)
    throw new BackupError('backup_wrong_key', 'Name the file holding the age identity with --identity-file PATH.');
  const line = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith('AGE-SECRET-KEY-1'));
  if (line === undefined) throw new BackupError('backup_wrong_key', `${file} holds no age identity (AGE-SECRET-KEY-1…).`);
  return line;
}

export function backupCommand(): Command {
  const backup = new Command('backup').description('Encrypted backups of the database, SQLite or PostgreSQL (age)');
  backup
    .command('keygen')
    .description('Make a new age key pair; prints the private identity once, Kluis never stores it')
    .action(async () => {
      const { identity, recipient } = await newKeyPair();
      // The command's own process, outside the services: the machine's time.
      console.log(`# created: ${isoNow(systemClock)}`);
      console.log(`# public key: ${recipient}`);
      console.log(identity);
      console.error('');
      console.error(
        'Store the three lines above (the identity) OFFLINE, e.g. in a password manager or on paper: it is shown only',
      );
      console.error('this once and is needed to verify and restore backups. Kluis does not keep it.');
      console.error(`Then configure the server with: KLUIS_BACKUP_RECIPIENT=${recipient}`);
    });
  backup
    .command('create')
    .description('Back up the database, encrypted to KLUIS_BACKUP_RECIPIENT, and keep the newest KLUIS_BACKUP_KEEP')
    .action(() =>
      run(async () => {
        // A command runs outside the services, on the machine's time.
        const created = await createBackup(loadConfig(), systemClock.now());
        console.log(`Backup written: ${created.file}`);
        console.log(
          `  migrations: ${created.manifest.migrations.length}, erasure ledger up to #${created.manifest.ledgerSeq}, processing log up to #${created.manifest.processingLogSeq}`,
        );
        for (const f of created.deleted) console.log(`  deleted old backup: ${f}`);
      }),
    );
  backup
    .command('verify')
    .description('Decrypt a backup and check that it opens, holds our tables and its processing log chain holds')
    .argument('<file>', 'the backup file (.sqlite.age or .postgres.age)')
    .option('--identity-file <path>', 'file holding the age identity (AGE-SECRET-KEY-1…)')
    .action((file: string, opts: { identityFile?: string }) =>
      run(async () => {
        const v = await verifyBackup(file, readIdentity(opts.identityFile));
        console.log(
          `Backup of ${v.manifest.createdAt} (${v.manifest.dialect}, ${v.manifest.migrations.length} migrations, erasure ledger up to #${v.manifest.ledgerSeq})`,
        );
        console.log(`  integrity: ${v.integrity}`);
        console.log(`  tables: ${v.missingTables.length === 0 ? 'all present' : `missing ${v.missingTables.join(', ')}`}`);
        console.log(
          `  processing log: ${v.chain.ok ? `intact, ${v.chain.entries} entries` : `BROKEN${v.chain.firstBroken === undefined ? '' : ` at entry ${v.chain.firstBroken.seq}: ${v.chain.firstBroken.problem}`}`}`,
        );
        if (!v.ok) throw new BackupError('backup_damaged', 'The backup fails its checks.');
        console.log('The backup is good.');
      }),
    );
  backup
    .command('restore')
    .description('Replace the database with a backup (server stopped) and re-apply every erasure made since')
    .argument('<file>', 'the backup file (.sqlite.age or .postgres.age)')
    .option('--identity-file <path>', 'file holding the age identity (AGE-SECRET-KEY-1…)')
    .option('--yes', 'confirm that the whole database is replaced')
    .action((file: string, opts: { identityFile?: string; yes?: boolean }) =>
      run(async () => {
        const config = loadConfig();
        if (opts.yes !== true)
          throw new BackupError(
            'backup_confirmation_required',
            'A restore replaces the whole database: run it again with --yes to confirm.',
          );
        const r = await restoreBackup(config, file, readIdentity(opts.identityFile), { yes: true, now: systemClock.now() });
        console.log(`Restored the backup of ${r.manifest.createdAt}.`);
        console.log(`  migrations applied since: ${r.migrated.length}`);
        console.log(
          `  deletions re-applied from the erasure ledger: ${r.replayed.entries} (${r.replayed.erasures} erasure, ${r.replayed.retention} retention, ${r.replayed.subjects} subject(s))`,
        );
      }),
    );
  return backup;
}

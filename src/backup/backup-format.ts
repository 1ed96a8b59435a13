import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { BackupError } from './backup-error.ts';

/** What a backup says about itself; no personal data, so it is also written next to the file in clear. */
export interface BackupManifest {
  format: 'kluis-backup';
  version: 1;
  createdAt: string;
  /** sqlite: the database file follows; postgres: the app's own export (postgres-export.ts). */
  dialect: 'sqlite' | 'postgres';
  /** The migrations applied in the copy, oldest first. */
  migrations: string[];
  /** The erasure ledger's high-water mark in the copy: a restore replays the current ledger after it. */
  ledgerSeq: number;
  ledgerAt: string | null;
  processingLogSeq: number;
}

// The plaintext inside the age file: a magic line, the manifest as one JSON line, then the SQLite file or
// the PostgreSQL export.
const MAGIC = 'KLUIS-BACKUP 1\n';

export async function newKeyPair(): Promise<{ identity: string; recipient: string }> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

export async function seal(manifest: BackupManifest, database: Uint8Array, recipient: string): Promise<Uint8Array> {
  const head = Buffer.from(`${MAGIC}${JSON.stringify(manifest)}\n`, 'utf8');
  const e = new Encrypter();
  e.addRecipient(recipient);
  return e.encrypt(Buffer.concat([head, database]));
}

/** Decrypts and splits a backup; a wrong key, a foreign or tampered file each get their own clear error. */
export async function open(
  ciphertext: Uint8Array,
  identity: string,
): Promise<{ manifest: BackupManifest; database: Uint8Array }> {
  if (!Buffer.from(ciphertext.subarray(0, 21)).toString('latin1').startsWith('age-encryption.org/v1')) {
    throw new BackupError('backup_not_ours', 'This file is not an age-encrypted Kluis backup.');
  }
  const d = new Decrypter();
  try {
    d.addIdentity(identity.trim());
  } catch {
    throw new BackupError('backup_wrong_key', 'The identity file holds no valid age identity (AGE-SECRET-KEY-1…).');
  }
  let plain: Uint8Array;
  try {
    plain = await d.decrypt(ciphertext);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/no identity matched/i.test(message))
      throw new BackupError('backup_wrong_key', 'The identity does not open this backup (wrong key).');
    throw new BackupError('backup_damaged', `The backup cannot be decrypted: it was damaged or tampered with (${message}).`);
  }
  const buffer = Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength);
  if (buffer.subarray(0, MAGIC.length).toString('utf8') !== MAGIC)
    throw new BackupError('backup_not_ours', 'The file decrypts, but is not a Kluis backup.');
  const end = buffer.indexOf(0x0a, MAGIC.length);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(buffer.subarray(MAGIC.length, end).toString('utf8')) as BackupManifest;
  } catch {
    throw new BackupError('backup_damaged', 'The backup manifest is not readable.');
  }
  if (manifest.format !== 'kluis-backup' || manifest.version !== 1)
    throw new BackupError('backup_not_ours', 'The backup manifest is of an unknown format.');
  return { manifest, database: buffer.subarray(end + 1) };
}

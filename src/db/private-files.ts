import fs from 'node:fs';
import path from 'node:path';

/**
 * BEVEILIGING, "de toegang tot uw persoonsgegevens afgeschermd" (Art. 32(1)(b) AVG): the data directory, the
 * backup directory and every file Kluis keeps in them are the owner's alone. Directories are 0700, files 0600,
 * whatever the umask; one that already exists more open is tightened at start, or Kluis refuses to start.
 */
export class DataDirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirectoryError';
  }
}

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;
const octal = (mode: number) => `0${(mode & 0o7777).toString(8)}`;

// The files SQLite keeps next to a database: its write-ahead log, shared memory index and rollback journal.
// SQLite creates them with the database file's own mode, so a private database file keeps them private.
export const SQLITE_COMPANIONS = ['-wal', '-shm', '-journal'] as const;

/**
 * Creates the directory (and any missing parent) readable by the owner only, or tightens an existing one to
 * 0700. Refuses, with what to do, a path that cannot hold files (under /proc or /sys: Node's recursive mkdir
 * would retry there for ever), a shared directory (sticky bit, such as /tmp), or one Kluis may not chmod.
 */
export function ensurePrivateDirectory(dir: string, what = 'data directory'): void {
  const target = path.resolve(dir);
  const missing: string[] = [];
  for (let current = target; !exists(current); current = path.dirname(current)) {
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  for (const each of missing) {
    try {
      fs.mkdirSync(each, { mode: PRIVATE_DIR });
    } catch (error) {
      if (codeOf(error) === 'EEXIST' && fs.statSync(each).isDirectory()) continue;
      throw new DataDirectoryError(
        `The ${what} ${target} cannot be created (${codeOf(error) ?? String(error)} at ${each}): choose a directory on a normal file system (KLUIS_DATA_DIR, KLUIS_BACKUP_DIR).`,
      );
    }
  }
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) throw new DataDirectoryError(`The ${what} ${target} is not a directory.`);
  if ((stat.mode & 0o7777) === PRIVATE_DIR) return;
  if ((stat.mode & 0o1000) !== 0) {
    throw new DataDirectoryError(
      `The ${what} ${target} is a shared directory (${octal(stat.mode)}, sticky): give Kluis a directory of its own.`,
    );
  }
  try {
    fs.chmodSync(target, PRIVATE_DIR);
  } catch (error) {
    throw new DataDirectoryError(
      `The ${what} ${target} can be entered by others (${octal(stat.mode)}) and Kluis cannot change that (${codeOf(error) ?? String(error)}): run chmod 700 ${target} as its owner.`,
    );
  }
}

/** Creates the file empty and 0600 when it is missing, and tightens it to 0600 when it exists more open. */
export function ensurePrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_RDWR, PRIVATE_FILE));
  tighten(file);
}

/** A SQLite database file and the files SQLite keeps next to it, private before SQLite opens them. */
export function ensurePrivateDatabaseFile(file: string): void {
  ensurePrivateFile(file);
  for (const suffix of SQLITE_COMPANIONS) if (exists(file + suffix)) tighten(file + suffix);
}

function tighten(file: string): void {
  const mode = fs.statSync(file).mode & 0o777;
  if ((mode & ~PRIVATE_FILE) === 0) return;
  try {
    fs.chmodSync(file, mode & PRIVATE_FILE);
  } catch (error) {
    throw new DataDirectoryError(
      `The file ${file} can be read by others (${octal(mode)}) and Kluis cannot change that (${codeOf(error) ?? String(error)}): run chmod 600 ${file} as its owner.`,
    );
  }
}

function exists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

const codeOf = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

import fs from 'node:fs';
import path from 'node:path';

const NAME = /^kluis-(.+)\.(sqlite|postgres)\.age$/;

/** kluis-2026-11-25T02-32-23-123Z.sqlite.age (or .postgres.age): sorts by time as text. */
export function backupName(at: Date, dialect: 'sqlite' | 'postgres' = 'sqlite'): string {
  return `kluis-${at.toISOString().replaceAll(':', '-').replace('.', '-')}.${dialect}.age`;
}

export const manifestPath = (file: string) => file.replace(/\.(sqlite|postgres)\.age$/, '.json');

/** The backups in the folder, oldest first. */
export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Keeps the newest `keep` backups (and their manifests) and deletes the rest; returns what it deleted. */
export function rotate(dir: string, keep: number): string[] {
  const all = listBackups(dir);
  const old = all.slice(0, Math.max(0, all.length - keep));
  for (const file of old) {
    fs.rmSync(file, { force: true });
    fs.rmSync(manifestPath(file), { force: true });
  }
  return old;
}

/** The newest backup in the folder and when it was made, for the self-check ("copies … are kept"); null when none. */
export function newestBackup(dir: string, now: Date): { file: string; createdAt: string; ageHours: number } | null {
  const file = listBackups(dir).at(-1);
  if (file === undefined) return null;
  let createdAt = fs.statSync(file).mtime.toISOString();
  try {
    createdAt = (JSON.parse(fs.readFileSync(manifestPath(file), 'utf8')) as { createdAt?: string }).createdAt ?? createdAt;
  } catch {
    // No readable manifest: the file's own time is the best we know.
  }
  return { file, createdAt, ageHours: Math.round(((now.getTime() - Date.parse(createdAt)) / 3_600_000) * 10) / 10 };
}

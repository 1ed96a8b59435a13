import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { TestDatabase } from './databases.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/kluis.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `kluis` CLI in a child process against the test database. */
export function runCli(database: TestDatabase | undefined, args: string[], options: { input?: string; env?: Record<string, string> } = {}): CliResult {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  Object.assign(env, options.env);
  if (database !== undefined) {
    env.KLUIS_DATA_DIR = database.dataDir;
    if (database.databaseUrl !== undefined) {
      // The test's own schema, through libpq's options parameter.
      const url = new URL(database.databaseUrl);
      url.searchParams.set('options', `-c search_path=${database.schema ?? 'public'}`);
      env.DATABASE_URL = url.toString();
    }
  }
  const result = spawnSync(process.execPath, [BIN, ...args], { env, input: options.input ?? '', encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import type { TestDatabase } from './databases.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/kluis.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `kluis` CLI in a child process against the test database. */
export function runCli(
  database: TestDatabase | undefined,
  args: string[],
  options: { input?: string; env?: Record<string, string> } = {},
): CliResult {
  const env = cliEnv(database, options.env);
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The same, without blocking this process: needed when the CLI talks to a server the test runs in-process
 * (the test SMTP server), which cannot answer while spawnSync holds the event loop.
 */
export function runCliAsync(
  database: TestDatabase | undefined,
  args: string[],
  options: { env?: Record<string, string> } = {},
): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: cliEnv(database, options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The environment of a child `kluis` process on the test database: its data dir, its own PostgreSQL schema, nothing of the developer's. */
export function cliEnv(database: TestDatabase | undefined, extra: Record<string, string> | undefined): Record<string, string> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), LOG_LEVEL: 'silent' };
  // A test never reaches the developer's own database or mail server.
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  delete env.MAIL_FROM;
  delete env.KLUIS_CLAMD_URL;
  delete env.KLUIS_IMAP_URL;
  delete env.KLUIS_DKIM_KEY_FILE;
  Object.assign(env, extra);
  if (database !== undefined) {
    env.KLUIS_DATA_DIR = database.dataDir;
    if (database.databaseUrl !== undefined) {
      // The test's own schema, through libpq's options parameter.
      const url = new URL(database.databaseUrl);
      url.searchParams.set('options', `-c search_path=${database.schema ?? 'public'} -c max_parallel_workers_per_gather=0`);
      env.DATABASE_URL = url.toString();
    }
  }
  return env;
}

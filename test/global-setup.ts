import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import {
  PREREQUISITES,
  type Prerequisite,
  chromiumRuns,
  clamdRuns,
  dovecotRuns,
  everythingRequired,
  findPostgres,
} from './prerequisites.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    /** Names this run's PostgreSQL schemas, so the teardown drops only its own. */
    testRunId: string;
    /** Which parts from outside npm this run has (test/prerequisites.ts); tests that need a missing one are skipped. */
    prerequisites: Record<Prerequisite['key'], boolean>;
  }
}

/**
 * Decides once per run which tests can run: PostgreSQL (KLUIS_TEST_DATABASE_URL, else a local trust-auth server),
 * Chromium for the browser tests, clamd for the virus scanner's and Dovecot for the mailbox's. A missing part skips its tests and ends the run with one line saying what was not
 * tested and how to enable it; KLUIS_TEST_REQUIRE_ALL=1 (set by .ci/run) makes a missing part fail the run instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await findPostgres();
  const available: Record<Prerequisite['key'], boolean> = {
    postgres: postgres.url !== null,
    chromium: chromiumRuns(),
    clamd: clamdRuns(),
    dovecot: dovecotRuns(),
  };
  const missing = Object.values(PREREQUISITES).filter((p) => !available[p.key]);
  if (missing.length > 0 && everythingRequired()) {
    const reasons = missing.map(
      (p) => `${p.key}: ${p.key === 'postgres' ? postgres.reason : 'not found or does not run'} (enable: ${p.enable})`,
    );
    throw new Error(`KLUIS_TEST_REQUIRE_ALL=1 but the run lacks:\n  ${reasons.join('\n  ')}`);
  }
  project.provide('postgresUrl', postgres.url);
  project.provide('prerequisites', available);
  const runId = randomBytes(3).toString('hex');
  project.provide('testRunId', runId);
  return async () => {
    if (postgres.url !== null) await dropRunSchemas(postgres.url, runId);
    // After the summary: one line per part that was missing, what it left untested and the command that enables it.
    for (const p of missing) console.warn(`skipped: ${p.untested}, because ${p.key} is missing. Enable: ${p.enable}`);
  };
}

/** Each test file works in a schema of its own; they are dropped here, after every file has finished. */
async function dropRunSchemas(url: string, runId: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const schemas = await client.query<{ nspname: string }>(
      `select nspname from pg_namespace where nspname like 'kluis\\_test\\_${runId}\\_%'`,
    );
    for (const { nspname } of schemas.rows) await client.query(`drop schema if exists "${nspname}" cascade`);
  } finally {
    await client.end();
  }
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    /** Names this run's PostgreSQL schemas, so the teardown drops only its own. */
    testRunId: string;
  }
}

/**
 * Decides once per run whether the PostgreSQL tests run. KLUIS_TEST_DATABASE_URL names the server;
 * KLUIS_TEST_REQUIRE_POSTGRES=1 (set by .ci/run) turns an unreachable server into a failure.
 */
export default async function setup(project: TestProject): Promise<undefined | (() => Promise<void>)> {
  const url = process.env.KLUIS_TEST_DATABASE_URL;
  const required = process.env.KLUIS_TEST_REQUIRE_POSTGRES === '1';
  let reachable = false;
  if (url !== undefined && url !== '') {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      reachable = true;
    } catch (error) {
      console.warn(`PostgreSQL at ${url} does not answer: ${(error as Error).message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  if (!reachable && required) throw new Error('KLUIS_TEST_REQUIRE_POSTGRES=1 but PostgreSQL does not answer at KLUIS_TEST_DATABASE_URL');
  if (!reachable) console.warn('\n  skipped: no PostgreSQL (set KLUIS_TEST_DATABASE_URL to run every test on PostgreSQL too)\n');
  project.provide('postgresUrl', reachable ? (url ?? null) : null);
  const runId = randomBytes(3).toString('hex');
  project.provide('testRunId', runId);
  if (!reachable || url === undefined) return undefined;
  // Each test file works in a schema of its own; they are dropped here, after every file has finished.
  return async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const schemas = await client.query<{ nspname: string }>(`select nspname from pg_namespace where nspname like 'kluis\\_test\\_${runId}\\_%'`);
      for (const { nspname } of schemas.rows) await client.query(`drop schema if exists "${nspname}" cascade`);
    } finally {
      await client.end();
    }
  };
}

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { type Database, openDatabase } from './database.ts';
import { onOneConnection } from './pinned.ts';

/**
 * Issue 21: a read-only processing's reads share one connection of the pool and go to PostgreSQL together (pg's
 * pipeline mode). Each is answered to the query that asked, one that fails fails alone, and the connection goes
 * back to the pool only once every read on it was answered.
 */
describe.skipIf(!DIALECTS.includes('postgres'))('one pooled connection shared by reads issued together', () => {
  let test: TestDatabase;
  let one: Database;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    // One connection in the pool: the next borrower gets the very connection the reads used.
    one = openDatabase({
      databaseUrl: test.databaseUrl,
      dataDir: test.dataDir,
      ...(test.schema === undefined ? {} : { schema: test.schema }),
      poolSize: 1,
    });
  });
  afterAll(async () => {
    await one.close();
    await test.drop();
  });

  it('answers each of the reads issued at once with its own rows, on one backend', async () => {
    const answers = await onOneConnection(one.db, (pinned) =>
      Promise.all(
        Array.from({ length: 9 }, (_, i) =>
          sql<{ n: number; backend: number }>`select ${i}::int as n, pg_backend_pid() as backend`.execute(pinned),
        ),
      ),
    );
    expect(answers.map((a) => a.rows[0]?.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(answers.map((a) => a.rows[0]?.backend)).size).toBe(1);
  });

  it('fails a read alone, and gives the connection back only when the reads still running are answered', async () => {
    let slowAnswered = false;
    const failed = onOneConnection(one.db, (pinned) =>
      // Answered in order: the failure first, which rejects the whole work while the slow read still runs.
      Promise.all([
        sql`select 1 / 0`.execute(pinned),
        sql`select pg_sleep(0.3)`.execute(pinned).then(() => {
          slowAnswered = true;
        }),
      ]),
    );
    await expect(failed).rejects.toThrow(/division by zero/);
    // Released only after the slow read was answered: the next borrower waits for nothing on the wire.
    expect(slowAnswered).toBe(true);
    const next = await sql<{ ok: number }>`select 1 as ok`.execute(one.db);
    expect(next.rows[0]?.ok).toBe(1);
  });

  it('refuses a transaction on the shared connection', async () => {
    await expect(onOneConnection(one.db, (pinned) => pinned.transaction().execute(() => Promise.resolve()))).rejects.toThrow(
      /not available on a connection pinned for reading/,
    );
  });
});

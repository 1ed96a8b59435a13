import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv } from '../../test/cli.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../test/databases.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/kluis.js');
const SUBJECTS = 40;

/**
 * Issue 5, point 7: two `kluis serve` processes share one PostgreSQL database; the retention sweep runs on
 * exactly one of them (the job lease), and once the holder crashed and its lease expired, another takes over.
 */
describe.skipIf(!DIALECTS.includes('postgres'))('two instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  const children: ChildProcess[] = [];

  /** Starts `kluis serve` on a free port; resolves once it listens. */
  function serve(): Promise<ChildProcess> {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...cliEnv(database, { PORT: '0', LOG_LEVEL: 'silent' }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Kluis is listening')) resolve(child);
      });
      child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('exit', (code) => reject(new Error(`kluis serve exited with ${code}: ${out}`)));
    });
  }

  const sweeps = () =>
    database.db
      .selectFrom('processing_log')
      .select('seq')
      .where('actor_id', '=', 'retention-sweep')
      .where('record_type', '=', 'retention')
      .execute();
  const waitFor = async (what: () => Promise<boolean>, ms = 20_000) => {
    const end = Date.now() + ms;
    while (!(await what())) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  /** Subjects whose agreements ended long ago, inserted directly; the first sweep computes their dates. */
  async function expiredSubjects(n: number): Promise<void> {
    const at = '2019-01-01T00:00:00.000Z';
    const ids = Array.from({ length: n }, () => randomUUID());
    await database.db
      .insertInto('subjects')
      .values(
        ids.map((id) => ({
          id,
          reference: `K-${id.slice(0, 13)}`,
          first_name: 'Test',
          last_name: 'Persoon',
          language: 'nl',
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    await database.db
      .insertInto('agreements')
      .values(
        ids.map((subject_id) => ({
          id: randomUUID(),
          subject_id,
          kind: 'agreement',
          title: 'Onderhoud',
          status: 'ended',
          start_date: '2019-01-01',
          end_date: '2020-01-01',
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    await database.db.deleteFrom('retention_basis').execute();
  }

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await database.drop();
  });

  it('sweeps on exactly one of two instances, and on another once the holder crashed and its lease expired', async () => {
    await expiredSubjects(SUBJECTS);
    const [first, second] = await Promise.all([serve(), serve()]);
    await waitFor(async () => (await sweeps()).length > 0);
    // Both started their jobs at once; give the loser time to have tried (and lost) the lease.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await sweeps()).toHaveLength(1);
    expect(await database.db.selectFrom('agreements').select('id').execute()).toEqual([]);
    // Each subject went entirely, once: one ledger row each, standing for its agreement too.
    const ledger = await database.db.selectFrom('erasure_ledger').select(['record_type', 'records_with']).execute();
    expect(ledger).toEqual(Array.from({ length: SUBJECTS }, () => ({ record_type: 'subject', records_with: 1 })));

    // The holder crashes: its lease stays until it expires (three intervals, here set to have passed).
    const lease = await database.db
      .selectFrom('job_leases')
      .select(['holder', 'expires_at'])
      .where('name', '=', 'retention')
      .executeTakeFirstOrThrow();
    first?.kill('SIGKILL');
    second?.kill('SIGKILL');
    await expiredSubjects(SUBJECTS);
    const third = await serve();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await sweeps()).toHaveLength(1);
    expect(
      (await database.db.selectFrom('job_leases').select('holder').where('name', '=', 'retention').executeTakeFirstOrThrow())
        .holder,
    ).toBe(lease.holder);

    await database.db
      .updateTable('job_leases')
      .set({ expires_at: '2000-01-01T00:00:00.000Z' })
      .where('name', '=', 'retention')
      .execute();
    third.kill('SIGKILL');
    await serve();
    await waitFor(async () => (await sweeps()).length === 2);
    expect(await database.db.selectFrom('agreements').select('id').execute()).toEqual([]);
    expect(
      (await database.db.selectFrom('job_leases').select('holder').where('name', '=', 'retention').executeTakeFirstOrThrow())
        .holder,
    ).not.toBe(lease.holder);
  }, 180_000); // four kluis processes, each a start of Node: minutes when the machine is busy
});

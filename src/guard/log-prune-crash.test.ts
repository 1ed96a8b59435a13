import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { openTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { newestCheckpoint } from './log-checkpoint.ts';
import { appendEntries } from './processing-log.repository.ts';
import { sealLog } from './log-sealer.ts';
import { verifyChain } from './verify-chain.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/kluis.js');
const OLD_ENTRIES = 10_000;
const KILLS = 4;

/**
 * Art. 5(1)(e) and 5(2): `kluis log prune` killed (SIGKILL) at random moments leaves whole batches only: the log
 * always starts just after the newest checkpoint and verifies from it; a last run finishes the job.
 */
describe('pruning the processing log killed at random points (SQLite)', () => {
  let database: TestDatabase;

  /** Entries of 2015, long past the eight years after their year, chained like any others; then a few of today. */
  async function generate(): Promise<void> {
    const entry = (at: string, subject: string) => ({
      entry: {
        at,
        actor_kind: 'user',
        actor_id: 'u1',
        actor_role: 'staff',
        operation: 'consult',
        purpose: 'contract',
        record_type: 'subject',
        subject_ids: JSON.stringify([subject]),
        records: JSON.stringify([`subject:${subject}`]),
        outcome: 'allowed' as const,
        reason: null,
      },
      subjectIds: [subject],
    });
    const subjects = Array.from({ length: 50 }, () => randomUUID());
    for (let i = 0; i < OLD_ENTRIES; i += 2000) {
      const items = Array.from({ length: 2000 }, (_, j) =>
        entry(`2015-06-01T10:00:${String((i + j) % 60).padStart(2, '0')}.000Z`, subjects[(i + j) % subjects.length] ?? ''),
      );
      await database.db.transaction().execute((trx) => appendEntries(trx, items));
    }
    await database.db.transaction().execute((trx) =>
      appendEntries(
        trx,
        subjects.slice(0, 5).map((s) => entry(new Date().toISOString(), s)),
      ),
    );
    // Written and sealed long ago, as a running server's sealer would have.
    await sealLog(database.db);
  }

  const checkpointSeq = async () => (await newestCheckpoint(database.db))?.seq ?? 0;

  /** The chain verifies from the newest checkpoint, which ends just before the first entry left. */
  async function check(): Promise<number> {
    const report = await verifyChain(database.db, new Date());
    expect(report.ok, JSON.stringify(report.firstBroken)).toBe(true);
    const first = await database.db.selectFrom('processing_log').select('seq').orderBy('seq').limit(1).executeTakeFirstOrThrow();
    const cp = await checkpointSeq();
    expect(Number(first.seq)).toBe(cp + 1);
    return cp;
  }

  /** Starts `kluis log prune` and kills it `ms` after its first batch committed, unless it ended first. */
  async function runAndKill(ms: number): Promise<boolean> {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      LOG_LEVEL: 'silent',
      KLUIS_DATA_DIR: database.dataDir,
    };
    delete env.DATABASE_URL;
    const before = await checkpointSeq();
    const child = spawn(process.execPath, [BIN, 'log', 'prune', '--batch', '100'], { env, stdio: 'ignore' });
    let exited = false;
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        exited = true;
        resolve({ code, signal });
      });
    });
    while (!exited && (await checkpointSeq()) === before) await new Promise((r) => setTimeout(r, 10));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    const { code, signal } = await ended;
    clearTimeout(timer);
    if (signal === null && code !== 0) throw new Error(`log prune exited with ${code}`);
    return signal === 'SIGKILL';
  }

  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
    await generate();
  });
  afterAll(async () => database.drop());

  it(`leaves whole batches after ${KILLS} kills, the chain verifiable from the checkpoint, and a last run finishes`, async () => {
    let kills = 0;
    let midway = 0;
    for (let i = 0; i < KILLS * 3 && kills < KILLS; i += 1) {
      const before = await check();
      if (before >= OLD_ENTRIES) break;
      const killed = await runAndKill(Math.floor(Math.random() * 150));
      const after = await check();
      if (killed) kills += 1;
      if (killed && after > before && after < OLD_ENTRIES) midway += 1;
    }
    expect(midway, 'kills that landed between batches').toBeGreaterThan(0);

    const last = runCli(database, ['log', 'prune', '--batch', '100']);
    expect(last.status, last.stderr).toBe(0);
    // Every entry of 2015 is gone; today's remain, with the entry of each batch that records its checkpoint.
    const old = await database.db.selectFrom('processing_log').select('seq').where('at', '<', '2016-01-01').execute();
    expect(old).toEqual([]);
    expect(await check()).toBeGreaterThanOrEqual(OLD_ENTRIES);
    const verify = runCli(database, ['log', 'verify']);
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(
      /The processing log is intact: \d+ entries\. Entries 1 to \d+, written before 1 January \d{4}, were pruned/,
    );
  }, 240_000);
});

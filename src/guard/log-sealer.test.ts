import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv } from '../../test/cli.ts';
import { DIALECTS, openSecondInstance, openTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { startTestApp } from '../../test/harness.ts';
import type { Database } from '../db/database.ts';
import { Scheduler } from '../jobs/scheduler.ts';
import { cliActor } from './actor.ts';
import { GENESIS_HASH } from './chain.ts';
import { SEAL_BOUND_MS, sealLog } from './log-sealer.ts';
import { appendEntries, appendEntry, getHead } from './processing-log.repository.ts';
import { verifyChain } from './verify-chain.ts';
import { systemClock } from '../shared/clock.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/kluis.js');
const FIXTURE = path.resolve(import.meta.dirname, '../../test/support/log-append.fixture.ts');

const entry = (subject: string, actor = 'u1') => ({
  at: new Date().toISOString(),
  actor_kind: 'user',
  actor_id: actor,
  actor_role: 'staff',
  operation: 'consult',
  purpose: 'contract',
  record_type: 'subject',
  subject_ids: JSON.stringify([subject]),
  records: JSON.stringify([`subject:${subject}`]),
  outcome: 'allowed' as const,
  reason: null,
});

const append = (database: Database, subject: string, actor?: string) =>
  database.db.transaction().execute((trx) => appendEntry(trx, entry(subject, actor), [subject]));

/**
 * Issue 21: entries are committed with their processing, unsealed, and chained shortly after by the sealer. The
 * chain still holds every entry in the order of its number, a crash between an append and its sealing loses
 * nothing, an entry left unsealed too long is reported, and two instances appending and sealing at once make one
 * verifiable log.
 */
describe.each(DIALECTS)('sealing the processing log, on %s', (dialect) => {
  let database: TestDatabase;
  const rows = () =>
    database.db.selectFrom('processing_log').select(['seq', 'prev_hash', 'hash', 'actor_id']).orderBy('seq').execute();

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => database.drop());

  it('commits an entry unsealed with its processing, and chains them in the order of their numbers', async () => {
    const seqs: number[] = [];
    for (let i = 0; i < 5; i += 1) seqs.push(await append(database, `s${i}`));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect((await rows()).map((r) => r.hash)).toEqual(['', '', '', '', '']);
    expect(await verifyChain(database.db, new Date())).toEqual({ ok: true, entries: 0, unsealed: 5 });

    const report = await sealLog(database.db);
    expect(report.sealed).toBe(5);
    const sealed = await rows();
    expect(sealed.map((r) => Number(r.seq))).toEqual(seqs);
    // Each links to the one before it, the first to genesis; the head is the last.
    expect(sealed.map((r) => r.prev_hash)).toEqual([GENESIS_HASH, ...sealed.slice(0, -1).map((r) => r.hash)]);
    expect(await getHead(database.db)).toEqual({ seq: seqs.at(-1), hash: sealed.at(-1)?.hash });
    expect(await verifyChain(database.db, new Date())).toEqual({ ok: true, entries: 5 });
    expect((await sealLog(database.db)).sealed).toBe(0);
  });

  it('reports an entry left unsealed longer than the bound once a sealer job ran here, naming it', async () => {
    const seq = await append(database, 'late');
    const later = new Date(Date.now() + SEAL_BOUND_MS + 1000);
    // Only ever used by commands (each seals as it ends): no window was promised.
    expect(await verifyChain(database.db, later)).toMatchObject({ ok: true, unsealed: 1 });
    // A `kluis serve` ran its sealer here and died, leaving its lease (a clean stop seals and gives the lease up).
    const scheduler = new Scheduler(database.db, [{ name: 'log-seal', intervalMs: 3_600_000, run: async () => undefined }], {
      clock: systemClock,
    });
    expect(await scheduler.tick('log-seal')).toBe('ran');
    const report = await verifyChain(database.db, later);
    expect(report.ok).toBe(false);
    expect(report.firstBroken?.seq).toBe(seq);
    expect(report.firstBroken?.problem).toContain('still not sealed');
    await sealLog(database.db);
    expect((await verifyChain(database.db, later)).ok).toBe(true);
  });

  it('finds an entry that was not sealed though later ones were (committed below the head)', async () => {
    await append(database, 'x');
    await sealLog(database.db);
    const last = (await rows()).at(-1);
    if (last === undefined) throw new Error('no entries');
    await database.db.updateTable('processing_log').set({ prev_hash: '', hash: '' }).where('seq', '=', last.seq).execute();
    expect((await verifyChain(database.db, new Date())).firstBroken).toMatchObject({
      seq: Number(last.seq),
      problem: expect.stringContaining('not sealed') as string,
    });
    await database.db
      .updateTable('processing_log')
      .set({ prev_hash: last.prev_hash, hash: last.hash })
      .where('seq', '=', last.seq)
      .execute();
    expect((await verifyChain(database.db, new Date())).ok).toBe(true);
  });

  it.skipIf(dialect !== 'postgres')(
    'never seals past a number drawn by a transaction still open, and crosses the numbers of one rolled back',
    async () => {
      await sealLog(database.db);
      const other = openSecondInstance(database);
      try {
        let commit: () => void = () => undefined;
        const open = new Promise<void>((resolve) => (commit = resolve));
        let drawn = 0;
        const pending = other.db.transaction().execute(async (trx) => {
          drawn = await appendEntry(trx, entry('open'), ['open']);
          await open;
        });
        while (drawn === 0) await new Promise((r) => setTimeout(r, 5));
        const after = await append(database, 'after');
        expect(after).toBeGreaterThan(drawn);
        // The later entry is committed, but the open transaction's number comes before it: it waits.
        const first = await sealLog(database.db);
        expect(first.head.seq).toBe(drawn - 1);
        expect(await verifyChain(database.db, new Date())).toMatchObject({ ok: true, unsealed: 1 });
        commit();
        await pending;
        expect((await sealLog(database.db)).head.seq).toBe(after);
        const sealed = await rows();
        expect(sealed.slice(-2).map((r) => [Number(r.seq), r.actor_id])).toEqual([
          [drawn, 'u1'],
          [after, 'u1'],
        ]);

        // A number drawn by a transaction that rolled back is a gap the chain does not need.
        await other.db
          .transaction()
          .execute(async (trx) => {
            await appendEntry(trx, entry('rolled-back'), ['rolled-back']);
            throw new Error('the processing failed');
          })
          .catch(() => undefined);
        const next = await append(database, 'next');
        expect((await sealLog(database.db)).head.seq).toBe(next);
        expect(await verifyChain(database.db, new Date())).toMatchObject({ ok: true });
        expect(
          await database.db.selectFrom('processing_log').select('seq').where('subject_ids', '=', '["rolled-back"]').execute(),
        ).toEqual([]);
      } finally {
        await other.close();
      }
    },
  );

  it('loses nothing when the appending process is killed between its commit and any sealing, nor when the sealer is killed', async () => {
    for (let round = 0; round < 3; round += 1) {
      const committed = await runAppenderAndKill(database, 20 + Math.floor(Math.random() * 30));
      // Every entry the killed process saw committed is there, unsealed; what it had not committed is not.
      const present = new Set((await rows()).map((r) => Number(r.seq)));
      expect(committed.filter((seq) => !present.has(seq))).toEqual([]);
      expect((await verifyChain(database.db, new Date())).ok).toBe(true);
    }
    // Many entries, and `kluis log seal` killed while it chains them: whole batches only, the chain verifies.
    for (let i = 0; i < 5; i += 1) {
      await database.db.transaction().execute((trx) =>
        appendEntries(
          trx,
          Array.from({ length: 4000 }, (_, j) => ({ entry: entry(`bulk-${j % 50}`), subjectIds: [`bulk-${j % 50}`] })),
        ),
      );
    }
    for (let kill = 0; kill < 3; kill += 1) {
      const before = (await getHead(database.db)).seq;
      await runAndKill(
        spawn(process.execPath, [BIN, 'log', 'seal'], { env: cliEnv(database, undefined), stdio: 'ignore' }),
        200 + Math.floor(Math.random() * 800),
      );
      expect((await getHead(database.db)).seq).toBeGreaterThanOrEqual(before);
      const report = await verifyChain(database.db, new Date());
      expect(report.ok, JSON.stringify(report.firstBroken)).toBe(true);
    }
    await sealLog(database.db);
    const all = await rows();
    expect(all.filter((r) => r.hash === '')).toEqual([]);
    expect(await verifyChain(database.db, new Date())).toEqual({ ok: true, entries: all.length });
  }, 180_000);

  it('gives one verifiable log when two instances append, roll back and seal at the same time', async () => {
    // The second instance is a process of its own (SQLite's driver blocks its thread while it waits for the write
    // lock, so two instances in one process would wait for each other); on PostgreSQL a third pool seals too.
    const other = dialect === 'postgres' ? openSecondInstance(database) : undefined;
    try {
      await sealLog(database.db);
      const child = startAppender(database);
      let committed = 0;
      let sealing = true;
      const unexpected: unknown[] = [];
      const appender = async (name: string) => {
        for (let i = 0; i < 40; i += 1) {
          const fail = i % 10 === 3;
          for (let attempt = 1; ; attempt += 1) {
            try {
              await database.db.transaction().execute(async (trx) => {
                await appendEntry(trx, entry(`${name}-${i % 5}`, name), [`${name}-${i % 5}`]);
                if (fail) throw new Error('the processing failed');
              });
              committed += 1;
              break;
            } catch (error) {
              if (fail && error instanceof Error && error.message === 'the processing failed') break;
              // SQLite gives its write lock to whoever asks first after a commit, so the child, which appends without a
              // pause, can keep this instance waiting past busy_timeout on a busy machine (CI: 71 of 72 once). Such a
              // transaction did nothing and is tried again, as a caller would; anything else is a failure of the log.
              if (isBusy(error) && attempt < 5) continue;
              unexpected.push(error);
              break;
            }
          }
        }
      };
      const sealer = async (instance: Database) => {
        while (sealing) {
          // The sealer job meets the same busy lock, and seals in its next run (the log-seal job does the same).
          await sealLog(instance.db).catch((error: unknown) => {
            if (!isBusy(error)) throw error;
          });
          await new Promise((r) => setTimeout(r, 5));
        }
      };
      while (child.committed.length < 10) await new Promise((r) => setTimeout(r, 5));
      const sealers = [sealer(database), ...(other === undefined ? [] : [sealer(other)])];
      await Promise.all([appender('a1'), appender('a2')]);
      await runAndKill(child.process, 0, child.exited);
      sealing = false;
      await Promise.all(sealers);
      await sealLog(database.db);
      expect(unexpected).toEqual([]);
      expect(committed).toBe(2 * 36);
      const all = await rows();
      // Every entry of this instance that committed is there, and none of those rolled back; of the killed child,
      // every one it reported (a SIGKILL may lose its last lines, not its commits).
      expect(all.filter((r) => r.actor_id === 'a1' || r.actor_id === 'a2')).toHaveLength(committed);
      const present = new Set(all.map((r) => Number(r.seq)));
      expect(child.committed.filter((seq) => !present.has(seq))).toEqual([]);
      expect(all.filter((r) => r.actor_id === 'child').length).toBeGreaterThanOrEqual(child.committed.length);
      expect(all.filter((r) => r.hash === '')).toEqual([]);
      expect(await verifyChain(database.db, new Date())).toEqual({ ok: true, entries: all.length });
    } finally {
      await other?.close();
    }
  }, 120_000);
});

describe.each(DIALECTS)('a processing and its log entry, on %s', (dialect) => {
  it('commit together: a processing that fails leaves neither its work nor an entry; one that succeeds leaves both', async () => {
    const t = await startTestApp(dialect);
    try {
      const subject = await newSubject(t);
      const entries = () =>
        t.database.db
          .selectFrom('processing_log')
          .select(['seq', 'operation'])
          .where('subject_ids', 'like', `%${subject.id}%`)
          .execute();
      const before = await entries();
      await expect(
        t.services.guard.process(
          { actor: cliActor(), operation: 'modify', recordType: 'subject', subjectId: subject.id },
          async (ctx) => {
            await ctx.trx.updateTable('subjects').set({ first_name: 'Veranderd' }).where('id', '=', subject.id).execute();
            ctx.touch('subject', subject.id, subject.id);
            throw new Error('the work failed after writing');
          },
        ),
      ).rejects.toThrow('the work failed');
      expect(
        (await t.database.db.selectFrom('subjects').select('first_name').where('id', '=', subject.id).executeTakeFirstOrThrow())
          .first_name,
      ).not.toBe('Veranderd');
      expect(await entries()).toEqual(before);

      await t.services.guard.process(
        { actor: cliActor(), operation: 'modify', recordType: 'subject', subjectId: subject.id },
        async (ctx) => {
          await ctx.trx.updateTable('subjects').set({ first_name: 'Veranderd' }).where('id', '=', subject.id).execute();
          ctx.touch('subject', subject.id, subject.id);
        },
      );
      expect(
        (await t.database.db.selectFrom('subjects').select('first_name').where('id', '=', subject.id).executeTakeFirstOrThrow())
          .first_name,
      ).toBe('Veranderd');
      expect((await entries()).length).toBe(before.length + 1);
      await sealLog(t.database.db);
      expect((await verifyChain(t.database.db, new Date())).ok).toBe(true);
    } finally {
      await t.close();
    }
  });
});

/** Starts the appending child (log-append.fixture.ts): a second instance writing entries it never seals. */
/** SQLite's "database is locked" (SQLITE_BUSY): the write lock was not free within busy_timeout. */
function isBusy(error: unknown): boolean {
  const e = error as { message?: unknown; errstr?: unknown; errcode?: unknown };
  return e.errcode === 5 || /database is locked/i.test(`${String(e.message)} ${String(e.errstr)}`);
}

function startAppender(database: TestDatabase): { process: ChildProcess; committed: number[]; exited: Promise<void> } {
  const args =
    database.databaseUrl === undefined ? [database.dataDir] : [database.dataDir, database.databaseUrl, database.schema ?? ''];
  const child = spawn(process.execPath, [FIXTURE, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const committed: number[] = [];
  readline.createInterface({ input: child.stdout }).on('line', (line) => committed.push(Number(line)));
  // 'close', not 'exit': by then every line the child wrote before it died has been read.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return { process: child, committed, exited };
}

/** Runs the appending child until it has committed `atLeast` entries, kills it at a random moment, and returns what it committed. */
async function runAppenderAndKill(database: TestDatabase, atLeast: number): Promise<number[]> {
  const child = startAppender(database);
  while (child.committed.length < atLeast && child.process.exitCode === null) await new Promise((r) => setTimeout(r, 5));
  await runAndKill(child.process, Math.floor(Math.random() * 20), child.exited);
  if (child.committed.length < atLeast) throw new Error('the appending child ended before it was killed');
  return child.committed;
}

async function runAndKill(
  child: ChildProcess,
  ms: number,
  exited = new Promise<void>((resolve) => child.once('exit', () => resolve())),
): Promise<void> {
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  await exited;
  clearTimeout(timer);
}

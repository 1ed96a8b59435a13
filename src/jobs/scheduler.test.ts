import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { DIALECTS, openSecondInstance, openTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { getLease } from './lease.repository.ts';
import { type Job, Scheduler } from './scheduler.ts';
import { systemClock } from '../shared/clock.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A job that counts its runs per instance and notices two runs at once. */
function countingJob(name: string, intervalMs: number, leaseMs: number) {
  const runs: string[] = [];
  let active = 0;
  let overlapped = false;
  const jobFor = (instance: string): Job => ({
    name,
    intervalMs,
    leaseMs,
    run: async () => {
      active += 1;
      if (active > 1) overlapped = true;
      runs.push(instance);
      await sleep(5);
      active -= 1;
    },
  });
  return { runs, jobFor, overlapped: () => overlapped };
}

describe.each(DIALECTS)('scheduled jobs on %s', (dialect) => {
  let database: TestDatabase;
  let other: Database;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    other = openSecondInstance(database);
  });
  afterAll(async () => {
    await other.close();
    await database.drop();
  });

  it('runs a job on one instance only while its lease holds, and on the other once it expired', async () => {
    // A lease of a second: room for a loaded machine between the ticks that must find it held.
    const job = countingJob('lease-window', 60_000, 1_000);
    const a = new Scheduler(database.db, [job.jobFor('a')], { clock: systemClock, instanceId: 'a' });
    const b = new Scheduler(other.db, [job.jobFor('b')], { clock: systemClock, instanceId: 'b' });

    expect(await a.tick('lease-window')).toBe('ran');
    expect(await b.tick('lease-window')).toBe('not_leased');
    // The holder renews its own lease.
    expect(await a.tick('lease-window')).toBe('ran');
    expect((await getLease(database.db, 'lease-window'))?.holder).toBe('a');

    await sleep(1_100);
    expect(await b.tick('lease-window')).toBe('ran');
    expect(await a.tick('lease-window')).toBe('not_leased');
    expect(job.runs).toEqual(['a', 'a', 'b']);
  });

  it('lets exactly one of two instances take a free lease they race for', async () => {
    for (let i = 0; i < 10; i += 1) {
      const job = countingJob(`race-${i}`, 60_000, 60_000);
      const a = new Scheduler(database.db, [job.jobFor('a')], { clock: systemClock, instanceId: 'a' });
      const b = new Scheduler(other.db, [job.jobFor('b')], { clock: systemClock, instanceId: 'b' });
      const results = await Promise.all([a.tick(`race-${i}`), b.tick(`race-${i}`)]);
      expect(results.toSorted()).toEqual(['not_leased', 'ran']);
      expect(job.runs).toHaveLength(1);
    }
  });

  it('runs on its interval on one of two started instances, and hands over when that one stops', async () => {
    const job = countingJob('interval', 40, 5_000);
    const a = new Scheduler(database.db, [job.jobFor('a')], { clock: systemClock, instanceId: 'a' });
    const b = new Scheduler(other.db, [job.jobFor('b')], { clock: systemClock, instanceId: 'b' });
    a.start();
    await sleep(20);
    b.start();
    try {
      await sleep(400);
      expect(job.runs.length).toBeGreaterThanOrEqual(3);
      expect(new Set(job.runs)).toEqual(new Set(['a']));

      // A stopping instance gives its lease up: the other takes the job at its next tick. That tick may come
      // before the lease is read here, so the lease is free or b's; a's would have held for 5 s.
      await a.stop();
      expect((await getLease(database.db, 'interval'))?.holder).not.toBe('a');
      const before = job.runs.length;
      await sleep(200);
      expect(job.runs.slice(before).length).toBeGreaterThanOrEqual(1);
      expect(new Set(job.runs.slice(before))).toEqual(new Set(['b']));
      expect(job.overlapped()).toBe(false);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('keeps running after a job fails, and waits for a run in progress when stopped', async () => {
    let runs = 0;
    let finished = false;
    const s = new Scheduler(
      database.db,
      [
        {
          name: 'flaky',
          intervalMs: 20,
          run: async () => {
            runs += 1;
            if (runs === 1) throw new Error('first run fails');
            await sleep(50);
            finished = true;
          },
        },
      ],
      { clock: systemClock },
    );
    expect(await s.tick('flaky')).toBe('failed');
    s.start();
    await sleep(30);
    await s.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(finished).toBe(true);
    const after = runs;
    await sleep(60);
    expect(runs).toBe(after);
  });
});

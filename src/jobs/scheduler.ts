import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { acquireLease, releaseLease } from './lease.repository.ts';
import type { Clock } from '../shared/clock.ts';

/** A piece of work that runs on an interval, on one instance at a time. */
export interface Job {
  name: string;
  intervalMs: number;
  /**
   * How long a run keeps other instances off the job; 3 × the interval by default. The holder renews it on
   * every run, so it keeps the job while it lives; another instance takes over once it has expired. A job
   * must be safe to run twice should a run outlast its lease (the outbox claims each message for that).
   */
  leaseMs?: number;
  run(): Promise<void>;
  /** Given, when the scheduler starts, a way to run the job now (still under its lease): new mail in the mailbox. */
  bind?(wake: () => void): void;
  /** Ends what the job holds between runs (the mailbox's connection); called when the scheduler stops. */
  stop?(): Promise<void>;
}

/** The part of a pino logger the scheduler uses (Fastify's `app.log` fits). */
export interface JobLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const SILENT: JobLog = { info: () => undefined, error: () => undefined };

export type TickResult = 'ran' | 'failed' | 'not_leased' | 'busy';

/**
 * Runs named jobs on their intervals, each under a lease row in `job_leases`, so several instances sharing
 * one PostgreSQL run each job on one of them (docs/design.md: state lives in the database only).
 */
export class Scheduler {
  readonly instanceId: string;
  private readonly db: Kysely<DB>;
  private readonly jobs: Job[];
  private readonly log: JobLog;
  private readonly clock: Clock;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<TickResult>>();
  private started = false;

  constructor(db: Kysely<DB>, jobs: Job[], options: { clock: Clock; instanceId?: string; log?: JobLog }) {
    this.db = db;
    this.clock = options.clock;
    this.jobs = jobs;
    this.instanceId = options.instanceId ?? `kluis-${randomBytes(6).toString('hex')}`;
    this.log = options.log ?? SILENT;
  }

  /** Starts every job: a first run at once, then one per interval (counted from the end of the last run). */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const job of this.jobs) {
      job.bind?.(() => this.wake(job.name));
      this.schedule(job, 0);
    }
  }

  /** Runs the job as soon as it is free, instead of at its next interval; a run in progress is left to finish. */
  wake(name: string): void {
    const job = this.jobs.find((j) => j.name === name);
    if (!this.started || job === undefined || this.running.has(name)) return;
    clearTimeout(this.timers.get(name));
    this.schedule(job, 0);
  }

  /** Stops the timers, waits for runs in progress and gives the leases up. */
  async stop(): Promise<void> {
    this.started = false;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled(this.running.values());
    for (const job of this.jobs)
      await job.stop?.().catch((error: unknown) => this.log.error({ job: job.name, err: error }, 'could not stop the job'));
    for (const job of this.jobs) {
      await releaseLease(this.db, job.name, this.instanceId).catch((error: unknown) =>
        this.log.error({ job: job.name, err: error }, 'could not release the job lease'),
      );
    }
  }

  /** One run of the job if this instance gets the lease; the timers call it, tests may too. */
  async tick(name: string): Promise<TickResult> {
    const job = this.jobs.find((j) => j.name === name);
    if (job === undefined) throw new Error(`No job named ${name}`);
    const current = this.running.get(name);
    if (current !== undefined) return 'busy';
    const run = this.runUnderLease(job);
    this.running.set(name, run);
    try {
      return await run;
    } finally {
      this.running.delete(name);
    }
  }

  private schedule(job: Job, delayMs: number): void {
    const timer = setTimeout(() => {
      void this.tick(job.name).finally(() => {
        if (this.started) this.schedule(job, job.intervalMs);
      });
    }, delayMs);
    // The server keeps the process alive; a forgotten scheduler must not.
    timer.unref();
    this.timers.set(job.name, timer);
  }

  private async runUnderLease(job: Job): Promise<TickResult> {
    const now = this.clock.now();
    const leaseMs = job.leaseMs ?? job.intervalMs * 3;
    let leased: boolean;
    try {
      leased = await acquireLease(
        this.db,
        job.name,
        this.instanceId,
        now.toISOString(),
        new Date(now.getTime() + leaseMs).toISOString(),
      );
    } catch (error) {
      this.log.error({ job: job.name, err: error }, 'could not take the job lease');
      return 'failed';
    }
    if (!leased) return 'not_leased';
    try {
      await job.run();
      return 'ran';
    } catch (error) {
      this.log.error({ job: job.name, err: error }, 'job failed');
      return 'failed';
    }
  }
}

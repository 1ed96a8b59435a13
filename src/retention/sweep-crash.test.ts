import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { openTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { POLICY_PATH } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { ProcessingLogService } from '../guard/processing-log.service.ts';
import { loadPolicy } from '../policy/policy.ts';
import { systemClock } from '../shared/clock.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/kluis.js');
const SUBJECTS = 500;
const KILLS = 20;

interface Fixture {
  subjectId: string;
  agreements: string[];
  caseId: string;
  messages: string[];
}

/**
 * Issue 5, point 4: a sweep killed (SIGKILL) at random moments leaves every subject untouched or fully
 * processed, the log chain intact and every deletion logged; a last run finishes the job.
 */
describe('the retention sweep killed at random points (SQLite)', () => {
  let database: TestDatabase;
  const fixtures: Fixture[] = [];
  const log = () => new ProcessingLogService(database.db, loadPolicy(POLICY_PATH), systemClock);

  /** Subjects whose every record expired years ago, by direct inserts. */
  async function generate(n: number): Promise<void> {
    const at = '2019-01-01T00:00:00.000Z';
    const created: Fixture[] = [];
    for (let i = 0; i < n; i++)
      created.push({
        subjectId: randomUUID(),
        agreements: [randomUUID(), randomUUID()],
        caseId: randomUUID(),
        messages: [randomUUID(), randomUUID()],
      });
    const db = database.db;
    await db
      .insertInto('subjects')
      .values(
        created.map((f) => ({
          id: f.subjectId,
          reference: `K-${f.subjectId.slice(0, 13)}`,
          first_name: 'Test',
          last_name: 'Persoon',
          language: 'nl',
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    await db
      .insertInto('agreements')
      .values(
        created.flatMap((f) =>
          f.agreements.map((id) => ({
            id,
            subject_id: f.subjectId,
            kind: 'agreement',
            title: 'Onderhoud',
            status: 'ended',
            start_date: '2019-01-01',
            end_date: '2020-01-01',
            created_at: at,
            updated_at: at,
          })),
        ),
      )
      .execute();
    await db
      .insertInto('cases')
      .values(
        created.map((f) => ({
          id: f.caseId,
          subject_id: f.subjectId,
          kind: 'question',
          title: 'Vraag',
          reference: `Z-${f.caseId.slice(0, 13)}`,
          status: 'closed',
          opened_at: at,
          closed_at: '2020-01-01T00:00:00.000Z',
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    await db
      .insertInto('messages')
      .values(
        created.flatMap((f) =>
          f.messages.map((id) => ({
            id,
            case_id: f.caseId,
            subject_id: f.subjectId,
            channel: 'email',
            direction: 'inbound',
            occurred_at: at,
            body: 'Hallo',
            created_at: at,
          })),
        ),
      )
      .execute();
    // Rows inserted behind the guard carry no retention dates: have the next run compute them all again.
    await db.deleteFrom('retention_basis').execute();
    fixtures.push(...created);
  }

  /** Every subject untouched or done; every deletion in the ledger and in the log; the chain intact. Returns how many are done. */
  async function check(): Promise<number> {
    const db = database.db;
    const ids = (table: 'subjects' | 'agreements' | 'cases' | 'messages') =>
      db
        .selectFrom(table)
        .select('id')
        .execute()
        .then((r) => new Set(r.map((x) => x.id)));
    const [subjects, agreements, cases, messages] = await Promise.all([
      ids('subjects'),
      ids('agreements'),
      ids('cases'),
      ids('messages'),
    ]);
    const ledger = new Set(
      (await db.selectFrom('erasure_ledger').select(['record_type', 'record_id']).execute()).map(
        (r) => `${r.record_type}:${r.record_id}`,
      ),
    );
    const logged = new Set(
      (
        await db
          .selectFrom('processing_log')
          .select('records')
          .where('actor_id', '=', 'retention-sweep')
          .where('operation', '=', 'erase')
          .execute()
      ).flatMap((r) => JSON.parse(r.records) as string[]),
    );
    let done = 0;
    for (const f of fixtures) {
      const present = [
        subjects.has(f.subjectId),
        ...f.agreements.map((a) => agreements.has(a)),
        cases.has(f.caseId),
        ...f.messages.map((m) => messages.has(m)),
      ];
      const records = [
        `subject:${f.subjectId}`,
        ...f.agreements.map((a) => `agreement:${a}`),
        `case:${f.caseId}`,
        ...f.messages.map((m) => `message:${m}`),
      ];
      if (present.every(Boolean)) {
        expect(
          records.filter((r) => ledger.has(r) || logged.has(r)),
          `untouched subject ${f.subjectId} has ledger or log entries`,
        ).toEqual([]);
      } else {
        expect(present.some(Boolean), `half-deleted subject ${f.subjectId}`).toBe(false);
        // A subject that went entirely has one ledger row, which a restore replays with all it had.
        expect(ledger.has(`subject:${f.subjectId}`), `ledger of ${f.subjectId}`).toBe(true);
        expect(
          records.filter((r) => !logged.has(r)),
          `log of ${f.subjectId}`,
        ).toEqual([]);
        done += 1;
      }
    }
    const chain = await log().verify(cliActor());
    expect(chain.ok, JSON.stringify(chain.firstBroken)).toBe(true);
    return done;
  }

  /** The newest log entry's sequence number: the sweep has committed a batch once it moves. */
  const lastSeq = async () =>
    Number(
      (
        await database.db
          .selectFrom('processing_log')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .executeTakeFirst()
      )?.seq ?? 0,
    );

  /**
   * Starts `kluis retention run` and kills it `ms` after its first batch commits (or, with `fromStart`,
   * after its start), unless it ended first. Returns whether it was killed, and how long it ran after its
   * first commit.
   */
  async function runAndKill(ms: number, fromStart = false): Promise<{ killed: boolean; sweepMs: number }> {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      LOG_LEVEL: 'silent',
      KLUIS_DATA_DIR: database.dataDir,
      KLUIS_RETENTION_BATCH: '200',
    };
    delete env.DATABASE_URL;
    const seq = await lastSeq();
    const child = spawn(process.execPath, [BIN, 'retention', 'run'], { env, stdio: 'ignore' });
    let exited = false;
    let firstCommit = 0;
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        exited = true;
        resolve({ code, signal });
      });
    });
    if (!fromStart) {
      while (!exited && (await lastSeq()) === seq) await new Promise((r) => setTimeout(r, 2));
      firstCommit = Date.now();
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    const { code, signal } = await ended;
    clearTimeout(timer);
    if (signal === null && code !== 0) throw new Error(`sweep exited with ${code}`);
    return { killed: signal === 'SIGKILL', sweepMs: Date.now() - firstCommit };
  }

  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
    await generate(SUBJECTS);
  });
  afterAll(async () => database.drop());

  it('the CLI dry run lists what is due and changes nothing; the forecast counts it', async () => {
    const dry = runCli(database, ['retention', 'run', '--dry-run']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(
      `Would delete ${SUBJECTS * 3} record(s) of ${SUBJECTS} subject(s), and remove ${SUBJECTS} subject(s)`,
    );
    expect(dry.stdout).toContain(fixtures[0]?.agreements[0]);
    expect(await check()).toBe(0);
    const forecast = runCli(database, ['retention', 'forecast', '--days', '90']);
    expect(forecast.status, forecast.stderr).toBe(0);
    expect(forecast.stdout).toMatch(/contract-two-years.*1000/);
    expect(forecast.stdout).toMatch(/correspondence-two-years.*500/);
    expect(runCli(database, ['retention', 'forecast', '--days', '7']).status).not.toBe(0);
  });

  it(`leaves every subject untouched or done after ${KILLS} kills, and a last run finishes`, async () => {
    // How long a whole run takes here after its first commit, so the kills land across it.
    const { killed, sweepMs } = await runAndKill(120_000);
    expect(killed).toBe(false);
    expect(await check()).toBe(SUBJECTS);
    await generate(SUBJECTS);

    let kills = 0;
    let midway = 0;
    let iterations = 0;
    while (kills < KILLS && iterations < KILLS * 4) {
      iterations += 1;
      const before = fixtures.length - (await check());
      // Most kills land inside the sweep; some before its first commit.
      const run =
        Math.random() < 0.2
          ? await runAndKill(Math.floor(Math.random() * 300), true)
          : await runAndKill(Math.floor(Math.random() * sweepMs));
      if (run.killed) kills += 1;
      const done = await check();
      if (process.env.CRASH_DEBUG !== undefined) console.log(`kill ${kills}/${iterations}: ${done}/${fixtures.length}`);
      if (run.killed && done < fixtures.length && fixtures.length - done < before) midway += 1;
      // The sweep got through before the kill: fresh expired data for the next kill.
      if (done === fixtures.length) await generate(SUBJECTS);
    }
    // Kills that left a sweep part done: the case this test is about.
    expect(midway).toBeGreaterThan(0);
    expect(kills).toBeGreaterThanOrEqual(KILLS);

    const last = runCli(database, ['retention', 'run']);
    expect(last.status, last.stderr).toBe(0);
    expect(await check()).toBe(fixtures.length);
    expect(await database.db.selectFrom('subjects').select('id').execute()).toEqual([]);
    // Each of the 20+ runs starts a Node process: 60-90 s on two cores while the rest of the suite runs beside it.
  }, 240_000);
});

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
const SUBJECTS = 400;
const KILLS = 6;

/**
 * Issue 15, item 7: the reduction of persons of whom only invoices are left (P3; Art. 5(1)(c), (e) GDPR) is
 * crash-safe like the rest of the sweep: a run killed (SIGKILL) at random moments leaves every person untouched
 * or reduced with their ledger rows and log entry, never half, the chain intact; a last run finishes the job.
 */
describe('the reduction of contact details killed at random points (SQLite)', () => {
  let database: TestDatabase;
  const subjects: { id: string; address: string }[] = [];
  let number = 0;

  /** Persons with contact details and one invoice, its order completed in May 2024: reduced since May 2026. */
  async function generate(n: number): Promise<void> {
    const at = '2024-06-01T00:00:00.000Z';
    const created = Array.from({ length: n }, () => ({ id: randomUUID(), address: randomUUID() }));
    const db = database.db;
    await db
      .insertInto('subjects')
      .values(
        created.map((f, i) => ({
          id: f.id,
          reference: `K-${f.id.slice(0, 13)}`,
          first_name: 'Test',
          last_name: `Persoon ${i}`,
          email: `p${i}-${f.id.slice(0, 8)}@example.nl`,
          phone: '+31 30 123 4567',
          language: 'nl',
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    await db
      .insertInto('subject_addresses')
      .values(
        created.map((f) => ({
          id: f.address,
          subject_id: f.id,
          kind: 'postal',
          street: 'Oudegracht 1',
          postal_code: '3511 AA',
          city: 'Utrecht',
          country: 'NL',
          created_at: at,
        })),
      )
      .execute();
    await db
      .insertInto('invoices')
      .values(
        created.map((f) => {
          number += 1;
          const billing = {
            billing_name: 'Test Persoon',
            billing_street: 'Oudegracht 1',
            billing_postal_code: '3511 AA',
            billing_city: 'Utrecht',
            billing_country: 'NL',
          };
          return {
            id: randomUUID(),
            subject_id: f.id,
            number: `2024-${String(number).padStart(5, '0')}`,
            status: 'issued',
            issue_date: '2024-06-01',
            completed_on: '2024-05-01',
            ...billing,
            currency: 'EUR',
            total_excl_cents: 1000,
            vat_cents: 210,
            total_incl_cents: 1210,
            created_at: at,
            updated_at: at,
          };
        }),
      )
      .execute();
    // Rows inserted behind the guard carry no dates: have the next run compute them all again.
    await db.deleteFrom('retention_basis').execute();
    subjects.push(...created);
  }

  /** Every person untouched or reduced, with ledger rows and a log entry; the chain intact. Returns how many are reduced. */
  async function check(): Promise<number> {
    const db = database.db;
    const rows = new Map((await db.selectFrom('subjects').select(['id', 'email', 'phone']).execute()).map((r) => [r.id, r]));
    const addresses = new Set((await db.selectFrom('subject_addresses').select('id').execute()).map((a) => a.id));
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
          .where('record_type', '=', 'subject')
          .execute()
      ).flatMap((r) => JSON.parse(r.records) as string[]),
    );
    let reduced = 0;
    for (const f of subjects) {
      const row = rows.get(f.id);
      expect(row, `subject ${f.id} is kept for its invoice`).toBeDefined();
      const traces = [
        ledger.has(`subject_contact_details:${f.id}`),
        ledger.has(`subject_address:${f.address}`),
        logged.has(`subject:${f.id}`),
        logged.has(`subject_address:${f.address}`),
      ];
      if (row?.email !== null) {
        expect([row?.phone, addresses.has(f.address)], `untouched ${f.id}`).toEqual(['+31 30 123 4567', true]);
        expect(traces, `untouched subject ${f.id} has ledger or log entries`).toEqual([false, false, false, false]);
      } else {
        expect([row.phone, addresses.has(f.address)], `half-reduced subject ${f.id}`).toEqual([null, false]);
        expect(traces, `ledger and log of ${f.id}`).toEqual([true, true, true, true]);
        reduced += 1;
      }
    }
    const chain = await new ProcessingLogService(db, loadPolicy(POLICY_PATH), systemClock).verify(cliActor());
    expect(chain.ok, JSON.stringify(chain.firstBroken)).toBe(true);
    return reduced;
  }

  const lastSeq = async () =>
    Number(
      (
        await database.db
          .selectFrom('processing_log')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .executeTakeFirst()
      )?.seq ?? 0,
    );

  /** Starts `kluis retention run` and kills it `ms` after its first batch commits, unless it ended first. */
  async function runAndKill(ms: number): Promise<{ killed: boolean; sweepMs: number }> {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      LOG_LEVEL: 'silent',
      KLUIS_DATA_DIR: database.dataDir,
      KLUIS_RETENTION_BATCH: '50',
    };
    delete env.DATABASE_URL;
    const seq = await lastSeq();
    const child = spawn(process.execPath, [BIN, 'retention', 'run'], { env, stdio: 'ignore' });
    let exited = false;
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        exited = true;
        resolve({ code, signal });
      });
    });
    while (!exited && (await lastSeq()) === seq) await new Promise((r) => setTimeout(r, 2));
    const firstCommit = Date.now();
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

  it('the CLI dry run and forecast name the persons whose contact details go, and change nothing', async () => {
    const dry = runCli(database, ['retention', 'run', '--dry-run']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(
      `Would remove the contact details of ${SUBJECTS} subject(s) of whom only fiscal records are left`,
    );
    expect(dry.stdout).toContain(subjects[0]?.id);
    const forecast = runCli(database, ['retention', 'forecast']);
    expect(forecast.status, forecast.stderr).toBe(0);
    expect(forecast.stdout).toContain('Contact details removed, only fiscal records being left:');
    expect(forecast.stdout).toMatch(new RegExp(`\\d{4}-\\d{2}-\\d{2}\\s+${SUBJECTS}`));
    expect(await check()).toBe(0);
  });

  it(`leaves every person untouched or reduced after ${KILLS} kills, and a last run finishes`, async () => {
    const { killed, sweepMs } = await runAndKill(120_000);
    expect(killed).toBe(false);
    expect(await check()).toBe(SUBJECTS);
    await generate(SUBJECTS);

    let kills = 0;
    let midway = 0;
    for (let i = 0; i < KILLS * 4 && kills < KILLS; i++) {
      const before = subjects.length - (await check());
      const run = await runAndKill(Math.floor(Math.random() * sweepMs));
      if (run.killed) kills += 1;
      const done = await check();
      if (run.killed && done < subjects.length && subjects.length - done < before) midway += 1;
      if (done === subjects.length) await generate(SUBJECTS);
    }
    expect(midway).toBeGreaterThan(0);

    const last = runCli(database, ['retention', 'run']);
    expect(last.status, last.stderr).toBe(0);
    expect(await check()).toBe(subjects.length);
  }, 240_000);
});

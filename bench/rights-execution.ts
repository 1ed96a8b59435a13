import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Kysely } from 'kysely';
import { type Database, type Dialect, openDatabase } from '../src/db/database.ts';
import type { DB, RightsRequestRow } from '../src/db/types.ts';
import type { Actor } from '../src/guard/actor.ts';
import { loadPolicy } from '../src/policy/policy.ts';
import type { RightExecutor } from '../src/rights/executors/executor.ts';
import { createExecutors } from '../src/rights/executors/index.ts';
import type { RequestKind } from '../src/shared/request-kind.ts';
import { createServices } from '../src/services.ts';
import { DATA_DIR, type Target } from './datasets.ts';
import { type Batch, Generator, RECORD_TABLES, SEED } from './generate.ts';
import { postgresWriter, sqliteWriter } from './writers.ts';

// The Speed target for requests of data subjects: the access package of a person with about 200
// records, and an erasure, timed in the benchmark's own process (no HTTP: the decision runs the executor
// inside its own transaction, and that is what is timed here).

/** Heavy subjects timed per scale, and the ones before them whose figures are dropped (JIT, caches). */
export const TIMED = 30;
export const WARMUP = 3;

const POLICY_PATH = path.resolve(import.meta.dirname, '../policy/sen-ict.yaml');
/** The dpo who decides; a user id that needs no account (the log only records it). */
const DPO: Actor = { kind: 'user', id: 'benchmark-dpo', role: 'dpo' };

export interface ExecutionTiming {
  medianMs: number;
  p90Ms: number;
  maxMs: number;
}

export interface RightsRun {
  dialect: Dialect;
  /** Subjects in the data set before the heavy ones were added. */
  subjects: number;
  /** Heavy subjects timed (after WARMUP untimed ones). */
  timed: number;
  /** Rows per heavy subject, its own row, lines and attachments included (the mean). */
  recordsPerSubject: number;
  /** Of the timed erasures, how many kept issued invoices (the rest deleted the subject entirely). */
  erasuresKeeping: number;
  access: ExecutionTiming;
  erasure: ExecutionTiming;
}

/**
 * Adds WARMUP + TIMED heavy subjects to the data set (a working copy or a schema of its own) and times, for
 * each, the access executor and then the erasure executor, each on a request as the decision leaves it, in
 * a transaction of its own like the decision's, commit included. The figures of the first WARMUP are dropped.
 */
export async function measureRightsExecution(target: Target, subjects: number): Promise<RightsRun> {
  const batch = new Generator({ seed: SEED + 1, prefix: 'H' }).heavyBatch(WARMUP + TIMED);
  await writeFixture(target, batch);
  const ids = batch.subjects.map((s) => s.id);
  const keepsInvoices = new Set(batch.invoices.filter((i) => i.status === 'issued').map((i) => i.subject_id));

  const database: Database =
    target.dialect === 'sqlite'
      ? openDatabase({ dataDir: target.dataDir })
      : openDatabase({ databaseUrl: target.databaseUrl, dataDir: DATA_DIR, schema: target.schema, poolSize: 2 });
  try {
    const services = createServices(database, loadPolicy(POLICY_PATH));
    const executors = createExecutors({ guard: services.guard, policy: services.policy });
    const access: number[] = [];
    const erasure: number[] = [];
    let erasuresKeeping = 0;
    for (const [i, subjectId] of ids.entries()) {
      const accessMs = await timed(
        database.db,
        executor(executors, 'access'),
        await decidedRequest(database.db, 'access', subjectId),
      );
      const erasureMs = await timed(
        database.db,
        executor(executors, 'erasure'),
        await decidedRequest(database.db, 'erasure', subjectId),
      );
      // The figures mean nothing unless the erasure did its work: the fiscal records kept and the rest gone, or everything gone.
      await checkDone(database.db, subjectId, keepsInvoices.has(subjectId));
      if (i < WARMUP) continue;
      access.push(accessMs.ms);
      erasure.push(erasureMs.ms);
      if (erasureMs.kept > 0) erasuresKeeping += 1;
    }
    return {
      dialect: target.dialect,
      subjects,
      timed: TIMED,
      recordsPerSubject: Math.round((RECORD_TABLES.reduce((n, t) => n + batch[t].length, 0) / ids.length) * 10) / 10,
      erasuresKeeping,
      access: stats(access),
      erasure: stats(erasure),
    };
  } finally {
    await database.close();
  }
}

/** The heavy subjects go in the way the data set did: the generator's fixture path, around the guard (see generate.ts). */
async function writeFixture(target: Target, batch: Batch): Promise<void> {
  if (target.dialect === 'sqlite') {
    const db = new DatabaseSync(path.join(target.dataDir, 'kluis.sqlite'));
    try {
      db.exec('PRAGMA foreign_keys = ON');
      sqliteWriter(db)(batch);
    } finally {
      db.close();
    }
    return;
  }
  const database = openDatabase({ databaseUrl: target.databaseUrl, dataDir: DATA_DIR, schema: target.schema, poolSize: 1 });
  try {
    await postgresWriter(database.db)(batch);
  } finally {
    await database.close();
  }
}

function executor(executors: Map<RequestKind, RightExecutor>, kind: RequestKind): RightExecutor {
  const found = executors.get(kind);
  if (found === undefined) throw new Error(`no executor for ${kind}`);
  return found;
}

async function timed(
  db: Kysely<DB>,
  rightExecutor: RightExecutor,
  request: RightsRequestRow,
): Promise<{ ms: number; kept: number }> {
  const started = performance.now();
  const outcome = await db.transaction().execute((trx) => rightExecutor.execute(trx, request, DPO));
  return { ms: performance.now() - started, kept: outcome.kept.length };
}

let requestCount = 0;

/** A request as the workflow leaves it once the dpo granted it: verified against the subject, status 'decided'. */
async function decidedRequest(db: Kysely<DB>, kind: RequestKind, subjectId: string): Promise<RightsRequestRow> {
  requestCount += 1;
  const now = new Date().toISOString();
  const id = randomUUID();
  await db
    .insertInto('rights_requests')
    .values({
      id,
      reference: `V-BENCH-${String(process.pid)}-${String(requestCount)}-${id.slice(0, 8)}`,
      kind,
      channel: 'portal',
      language: requestCount % 4 === 0 ? 'en' : 'nl',
      received_at: now,
      due_on: now.slice(0, 10),
      requester_name: 'Benchmark',
      requester_email: null,
      details: 'Benchmark request',
      subject_id: subjectId,
      status: 'decided',
      verification_method: 'email_code',
      verified_at: now,
      decision: 'granted',
      decided_at: now,
      decided_by: DPO.id,
      created_by: 'portal',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return db.selectFrom('rights_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function checkDone(db: Kysely<DB>, subjectId: string, keeps: boolean): Promise<void> {
  const subject = await db.selectFrom('subjects').select(['id', 'email']).where('id', '=', subjectId).executeTakeFirst();
  const invoices = await db.selectFrom('invoices').select('id').where('subject_id', '=', subjectId).execute();
  const cases = await db.selectFrom('cases').select('id').where('subject_id', '=', subjectId).execute();
  const ok = keeps
    ? subject !== undefined && subject.email === null && invoices.length > 0 && cases.length === 0
    : subject === undefined && invoices.length === 0;
  if (!ok)
    throw new Error(`the erasure of heavy subject ${subjectId} did not do what it should; the figures would be meaningless`);
}

function stats(samples: number[]): ExecutionTiming {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2 === 1 ? (sorted[Math.floor(middle)] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  const round = (x: number) => Math.round(x * 100) / 100;
  return { medianMs: round(median), p90Ms: round(at(0.9)), maxMs: round(sorted.at(-1) ?? 0) };
}

import fs from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../src/db/database.ts';
import type { DB } from '../src/db/types.ts';
import { sealLog } from '../src/guard/log-sealer.ts';
import { verifyChain } from '../src/guard/verify-chain.ts';
import { loadPolicy } from '../src/policy/policy.ts';
import { retentionFingerprint } from '../src/retention/retain-until.ts';
import { createServices } from '../src/services.ts';
import type { Log } from './datasets.ts';
import { scratchDatabase } from './scratch.ts';

// Issue 5's Speed targets: a sweep of N expired records (with their log entries) reaches at least half the
// throughput of a raw SQL DELETE of the same rows, measured here in the same run on the same data set,
// built twice; and the forecast over those N records answers in under a second.

const POLICY_PATH = path.resolve(import.meta.dirname, '../policy/sen-ict.yaml');
/** Agreements per subject: a customer with a few ended contracts. */
const PER_SUBJECT = 4;
const TODAY = '2026-11-25';

export interface RetentionRun {
  dialect: Dialect;
  records: number;
  subjects: number;
  rawDeleteSeconds: number;
  rawRecordsPerSecond: number;
  sweepSeconds: number;
  sweepRecordsPerSecond: number;
  /** Sweep throughput as a share of the raw DELETE's. */
  share: number;
  /** Processing-log entries the sweep wrote (one per subject, one summary). */
  logEntries: number;
  /** Issue 21: chaining the sweep's entries afterwards (the log-seal job's work, off the sweep's path), and the share with it counted. */
  sealSeconds?: number;
  shareWithSeal?: number;
  logVerified?: boolean;
  forecastMs: number;
  forecastRecords: number;
}

/** Subjects whose agreements all ended in 2020, retention dates stored, as the guard would have left them. */
async function generate(db: Kysely<DB>, dialect: Dialect, subjects: number): Promise<void> {
  const at = '2019-01-01T00:00:00.000Z';
  if (dialect === 'sqlite') {
    await sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < ${subjects - 1})
      insert into subjects (id, reference, first_name, last_name, language, created_at, updated_at)
      select printf('s%09d', i), printf('K-%09d', i), 'Test', 'Persoon', 'nl', ${at}, ${at} from n`.execute(db);
    await sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < ${subjects - 1}), k(j) as (select 0 union all select j + 1 from k where j < ${PER_SUBJECT - 1})
      insert into agreements (id, subject_id, kind, title, status, start_date, end_date, created_at, updated_at, retain_until, retain_rule)
      select printf('a%09d-%d', i, j), printf('s%09d', i), 'agreement', 'Onderhoud', 'ended', '2019-01-01', '2020-01-01', ${at}, ${at}, '2022-01-01', 'contract-two-years' from n, k`.execute(
      db,
    );
  } else {
    await sql`insert into subjects (id, reference, first_name, last_name, language, created_at, updated_at)
      select format('s%s', lpad(i::text, 9, '0')), format('K-%s', lpad(i::text, 9, '0')), 'Test', 'Persoon', 'nl', ${at}, ${at} from generate_series(0, ${subjects - 1}) i`.execute(
      db,
    );
    await sql`insert into agreements (id, subject_id, kind, title, status, start_date, end_date, created_at, updated_at, retain_until, retain_rule)
      select format('a%s-%s', lpad(i::text, 9, '0'), j), format('s%s', lpad(i::text, 9, '0')), 'agreement', 'Onderhoud', 'ended', '2019-01-01', '2020-01-01', ${at}, ${at}, '2022-01-01', 'contract-two-years'
      from generate_series(0, ${subjects - 1}) i, generate_series(0, ${PER_SUBJECT - 1}) j`.execute(db);
    await sql`analyze`.execute(db);
  }
  const fingerprint = retentionFingerprint(loadPolicy(POLICY_PATH));
  await db.insertInto('retention_basis').values({ id: 1, fingerprint, computed_at: at }).execute();
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const count = async (db: Kysely<DB>, table: 'agreements' | 'subjects' | 'processing_log') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Builds the data set twice: once deleted by raw SQL, once swept; and times the forecast before the sweep. */
export async function measureRetention(dialect: Dialect, records: number, databaseUrl: string, log: Log): Promise<RetentionRun> {
  const subjects = Math.ceil(records / PER_SUBJECT);
  const total = subjects * PER_SUBJECT;

  const raw = await scratchDatabase(dialect, databaseUrl, 'retention');
  let rawDeleteSeconds: number;
  try {
    await generate(raw.database.db, dialect, subjects);
    const start = process.hrtime.bigint();
    await raw.database.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('agreements').where('retain_until', '<=', TODAY).execute();
      await trx.deleteFrom('subjects').execute();
    });
    rawDeleteSeconds = seconds(start);
    if ((await count(raw.database.db, 'agreements')) !== 0) throw new Error('the raw DELETE left rows');
  } finally {
    await raw.drop();
  }
  log(`  raw SQL DELETE of ${total} records and ${subjects} subjects: ${rawDeleteSeconds.toFixed(2)} s`);

  const swept = await scratchDatabase(dialect, databaseUrl, 'retention');
  try {
    const { db } = swept.database;
    await generate(db, dialect, subjects);
    const services = createServices(swept.database, loadPolicy(POLICY_PATH));
    const forecastStart = process.hrtime.bigint();
    const forecast = await services.retention.forecast({ kind: 'system', id: 'benchmark', role: 'dpo' }, 365, { asOf: TODAY });
    const forecastMs = seconds(forecastStart) * 1000;
    const forecastRecords = forecast.rules.reduce((n, r) => n + r.total, 0);
    if (forecastRecords !== total) throw new Error(`the forecast counted ${forecastRecords} records, not ${total}`);
    const logBefore = await count(db, 'processing_log');
    const start = process.hrtime.bigint();
    const report = await services.retention.run({ today: TODAY });
    const sweepSeconds = seconds(start);
    if (
      report.deleted.agreement !== total ||
      report.deleted.subject !== subjects ||
      (await count(db, 'agreements')) !== 0 ||
      (await count(db, 'subjects')) !== 0
    ) {
      throw new Error(`the sweep did not delete everything: ${JSON.stringify(report.deleted)}`);
    }
    const logEntries = (await count(db, 'processing_log')) - logBefore;
    const rawRecordsPerSecond = Math.round(total / rawDeleteSeconds);
    const sweepRecordsPerSecond = Math.round(total / sweepSeconds);
    const sealStart = process.hrtime.bigint();
    await sealLog(db);
    const sealSeconds = seconds(sealStart);
    const logVerified = (await verifyChain(db, new Date())).ok;
    log(
      `  retention sweep of the same: ${sweepSeconds.toFixed(2)} s, ${logEntries} log entries; sealing them after: ${sealSeconds.toFixed(2)} s, log ${logVerified ? 'verified' : 'BROKEN'}; forecast ${forecastMs.toFixed(0)} ms`,
    );
    return {
      dialect,
      records: total,
      subjects,
      rawDeleteSeconds: Math.round(rawDeleteSeconds * 100) / 100,
      rawRecordsPerSecond,
      sweepSeconds: Math.round(sweepSeconds * 100) / 100,
      sweepRecordsPerSecond,
      share: Math.round((sweepRecordsPerSecond / rawRecordsPerSecond) * 1000) / 1000,
      logEntries,
      sealSeconds: Math.round(sealSeconds * 100) / 100,
      shareWithSeal: Math.round((total / (sweepSeconds + sealSeconds) / rawRecordsPerSecond) * 1000) / 1000,
      logVerified,
      forecastMs: Math.round(forecastMs),
      forecastRecords,
    };
  } finally {
    await swept.drop();
  }
}

const MIN_SHARE_OF_RAW = 0.5;
const MAX_FORECAST_MS = 1000;
const START = '<!-- bench:retention -->';
const END = '<!-- /bench:retention -->';

/** Measures every dialect and writes bench/retention-results.json and its section of BENCHMARKS.md. */
export async function runRetentionBenchmark(
  dialects: Dialect[],
  records: number,
  databaseUrl: string,
  log: Log,
): Promise<RetentionRun[]> {
  const runs: RetentionRun[] = [];
  for (const dialect of dialects) {
    log(`retention, ${dialect}, ${records} expired records:`);
    runs.push(await measureRetention(dialect, records, databaseUrl, log));
  }
  const lines = [
    START,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} (\`npm run bench\`, or \`npm run bench:retention\` alone): N expired agreements, ${PER_SUBJECT} per subject, deleted once by a raw`,
    'SQL `DELETE` (agreements, then their subjects, one transaction) and once, on a second copy of the same data, by the retention',
    'sweep (plan per subject, deletes, one log entry per subject naming every record and its rule, one erasure-ledger row per',
    'subject removed, batches of 2000 records on SQLite and 1000 on PostgreSQL). The forecast runs over the same N records before the sweep.',
    "The sweep commits its entries unsealed; the sealer chains them afterwards (the `log-seal` job, off the sweep's path): timed",
    'apart, the share with it counted beside, and the log verified after.',
    '',
    '| Database | Records | Raw DELETE | Sweep | Sweep / raw | Target ≥ 50% | Log entries | Sealing after | (Sweep + sealing) / raw | Log | Forecast | Target < 1 s |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${r.records} | ${r.rawDeleteSeconds} s (${r.rawRecordsPerSecond}/s) | ${r.sweepSeconds} s (${r.sweepRecordsPerSecond}/s) | ${Math.round(r.share * 100)}% | ${r.share >= MIN_SHARE_OF_RAW ? 'met' : '**not met**'} | ${r.logEntries} | ${r.sealSeconds ?? '–'} s | ${r.shareWithSeal === undefined ? '–' : `${Math.round(r.shareWithSeal * 100)}%`} | ${r.logVerified === true ? 'verified' : '**broken**'} | ${r.forecastMs} ms | ${r.forecastMs < MAX_FORECAST_MS ? 'met' : '**not met**'} |`,
    ),
    '',
    END,
  ];
  const file = path.resolve(import.meta.dirname, '../BENCHMARKS.md');
  const text = fs.readFileSync(file, 'utf8');
  const section = lines.join('\n');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${text.slice(0, start)}${section}${text.slice(end + END.length)}`
      : `${text.trimEnd()}\n\n## Retention sweep and forecast (issue 5)\n\n${section}\n`;
  fs.writeFileSync(file, next);
  fs.writeFileSync(path.resolve(import.meta.dirname, 'retention-results.json'), `${JSON.stringify(runs, null, 2)}\n`);
  for (const r of runs) {
    log(
      `${r.share >= MIN_SHARE_OF_RAW ? 'met    ' : 'NOT MET'}  ${r.dialect}: sweep at least ${MIN_SHARE_OF_RAW * 100}% of raw DELETE throughput (${Math.round(r.share * 100)}%)`,
    );
    log(
      `${r.forecastMs < MAX_FORECAST_MS ? 'met    ' : 'NOT MET'}  ${r.dialect}: forecast over ${r.records} records under 1 s (${r.forecastMs} ms)`,
    );
  }
  return runs;
}

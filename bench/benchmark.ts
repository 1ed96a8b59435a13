import fs from 'node:fs';
import path from 'node:path';
import { type Dialect, openDatabase } from '../src/db/database.ts';
import { sealLog } from '../src/guard/log-sealer.ts';
import { verifyChain } from '../src/guard/verify-chain.ts';
import { DATA_DIR, type Dataset, prepareDataset, removeUnfinishedBuilds, type Target } from './datasets.ts';
import { type HttpResult, type LoadSettings, measureHttp, type Server, type ServerMode, startServer } from './load.ts';
import type { BenchOptions } from './options.ts';
import { Prng } from './prng.ts';
import { measurePolicyRendering } from './policy-render.ts';
import { measureRawSql } from './raw-sql.ts';
import { measureRightsExecution, type RightsRun } from './rights-execution.ts';
import { runMailboxBenchmark } from './mailbox-intake.ts';
import { runRetentionBenchmark } from './retention-sweep.ts';
import { runScanBenchmark } from './scan-upload.ts';
import { runInvoicePdfBenchmark } from './invoice-pdf.ts';
import { runImportBenchmark } from './import.ts';
import {
  evaluateTargets,
  type LogCheck,
  machineInfo,
  MARKDOWN_PATH,
  RESULTS_PATH,
  type Results,
  type Run,
  type TwoInstances,
  writeReport,
} from './report.ts';

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';
const log = (message: string) => console.log(message);

// What to undo if the run is interrupted: the running server child, the working copy or schema.
const cleanups = new Set<() => Promise<void>>();

/** Runs the whole benchmark and writes bench/results.json and BENCHMARKS.md. */
export async function runBenchmark(options: BenchOptions): Promise<Results> {
  const dialects: Dialect[] = options.db === 'both' ? ['sqlite', 'postgres'] : [options.db];
  const scales = [...new Set([options.subjects, ...options.scales])].sort((a, b) => a - b);
  const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_POSTGRES_URL;
  const profileDir = options.profile ? path.join(DATA_DIR, 'profiles') : undefined;
  const machine = machineInfo();
  const date = new Date().toISOString();
  log(`Kluis benchmark: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load average ${machine.loadAverage}`);
  if (machine.loadAverage > 0.5) log('  the machine is not idle: figures will be lower than on a quiet machine');
  const onInterrupt = () => void interrupted();
  process.once('SIGINT', onInterrupt);
  try {
    const results = await measureAll(options, dialects, scales, databaseUrl, profileDir);
    const full: Results = {
      date,
      machine,
      options,
      ...results,
      targets: evaluateTargets(results.runs, results.bare, options.subjects, results.rights),
    };
    writeReport(full);
    for (const t of full.targets) log(`${t.met ? 'met    ' : 'NOT MET'}  ${t.dialect}: ${t.target} (${t.measured})`);
    log(`wrote ${path.relative(process.cwd(), RESULTS_PATH)} and ${path.relative(process.cwd(), MARKDOWN_PATH)}`);
    if (profileDir !== undefined && fs.existsSync(profileDir)) log(`CPU profiles in ${path.relative(process.cwd(), profileDir)}`);
    // Issue 5: the sweep against a raw DELETE, and the forecast; its own section of BENCHMARKS.md.
    await runRetentionBenchmark(dialects, options.retentionRecords, databaseUrl, log);
    // Issue 17: what scanning adds to storing a 1 MB attachment, against a real clamd (skipped without one).
    await runScanBenchmark(dialects, databaseUrl, log);
    // Issue 17: taking mail in from a real IMAP server against fetching it; skipped without Dovecot.
    await runMailboxBenchmark(dialects, options.mailboxMails, databaseUrl, log);
    // Issue 20: the PDF of a 20-line invoice.
    await runInvoicePdfBenchmark(log);
    // Issue 20: importing organisations and contact persons against a raw bulk insert of the same rows.
    await runImportBenchmark(dialects, databaseUrl, log);
    return full;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

async function measureAll(
  options: BenchOptions,
  dialects: Dialect[],
  scales: number[],
  databaseUrl: string,
  profileDir: string | undefined,
) {
  const load: LoadSettings = { connections: options.connections, duration: options.duration, warmup: options.warmup };

  // The ceiling, measured once per run with the same load; its ids only shape the URLs.
  const rng = new Prng(1);
  const fakeIds = Array.from({ length: 1000 }, () => rng.uuid());
  const bare = await withServer('bare', profileDir, (s) => measureHttp(s, (id) => `/bare/${id}`, fakeIds, load));
  log(`bare Fastify route: ${describe(bare)}`);

  const policy = await measurePolicyRendering();
  log(
    `privacy statement (nl+en, md+html): cold ${policy.statement.coldMs} ms, p50 ${policy.statement.p50Ms} ms, max ${policy.statement.maxMs} ms`,
  );
  log(
    `Art. 30 record (json+csv+html): cold ${policy.register.coldMs} ms, p50 ${policy.register.p50Ms} ms, max ${policy.register.maxMs} ms`,
  );

  const runs: Run[] = [];
  const rights: RightsRun[] = [];
  for (const dialect of dialects) {
    for (const subjects of scales) {
      log(`${dialect}, ${subjects} subjects:`);
      const dataset = track(await prepareDataset(dialect, subjects, databaseUrl, log));
      try {
        const ids = await dataset.subjectIds();
        let residentMb = 0;
        const view = await withServer(dataset.target, profileDir, async (s) => {
          const result = await measureHttp(s, (id) => `/api/subjects/${id}/records`, ids, load);
          residentMb = s.residentMb();
          return result;
        });
        if (view.non2xx > 0)
          throw new Error(`${view.non2xx} of ${view.requests} customer-page requests failed; the figures would be meaningless`);
        log(`  GET /api/subjects/:id/records: ${describe(view)}; server resident memory at the end ${residentMb} MB`);
        const chain = await checkLog(dataset.target);
        log(
          `  processing log after the run: ${chain.ok ? 'verified' : 'BROKEN'}, ${chain.entries} entries (${chain.sealedAfterRun} sealed after the server stopped)`,
        );
        const rawSql = await measureRawSql(dataset.target, ids, options.duration, Math.min(options.warmup, 1));
        log(
          `  raw SQL, same reads: ${rawSql.opsPerSecond} reads/s, p50 ${rawSql.latencyMs.p50} ms, p99 ${rawSql.latencyMs.p99} ms`,
        );
        // Issue 21: the raw reads behind a bare route, at the main scale: the page's overhead beyond HTTP.
        const httpFloor =
          subjects === options.subjects
            ? await withServer(dataset.target, undefined, (s) => measureHttp(s, (id) => `/floor/${id}`, ids, load), 'floor')
            : undefined;
        if (httpFloor !== undefined) log(`  the same raw reads behind a bare route: ${describe(httpFloor)}`);
        // Issue 21: two servers on one PostgreSQL, each under half the load, at the main scale.
        const twoInstances =
          dialect === 'postgres' && subjects === options.subjects
            ? await measureTwoInstances(dataset.target, ids, load)
            : undefined;
        runs.push({
          dialect,
          subjects,
          generatedSeconds: dataset.generatedSeconds,
          view,
          rawSql,
          ...(httpFloor === undefined ? {} : { httpFloor }),
          residentMb,
          log: chain,
          ...(twoInstances === undefined ? {} : { twoInstances }),
        });
        // Last on this data set: it adds subjects and erases them.
        const executed = await measureRightsExecution(dataset.target, subjects);
        log(
          `  access package (${executed.recordsPerSubject} records): median ${executed.access.medianMs} ms, p90 ${executed.access.p90Ms} ms, max ${executed.access.maxMs} ms`,
        );
        log(
          `  erasure: median ${executed.erasure.medianMs} ms, p90 ${executed.erasure.p90Ms} ms, max ${executed.erasure.maxMs} ms`,
        );
        rights.push(executed);
      } finally {
        await untrack(dataset.dispose);
      }
    }
  }
  return { bare, runs, rights, policy };
}

/**
 * Issue 21: both servers started on the same schema, each taking half the connections at once; the combined
 * throughput beside one instance's, and the log verified after both stopped.
 */
async function measureTwoInstances(target: Target, ids: string[], load: LoadSettings): Promise<TwoInstances> {
  const half = { ...load, connections: Math.max(1, Math.floor(load.connections / 2)) };
  const results = await withServer(target, undefined, (a) =>
    withServer(target, undefined, async (b) => {
      const both = await Promise.all([a, b].map((s) => measureHttp(s, (id) => `/api/subjects/${id}/records`, ids, half)));
      return { both, residentMb: [a.residentMb(), b.residentMb()] };
    }),
  );
  const [a, b] = results.both as [HttpResult, HttpResult];
  const combined = a.requestsPerSecond + b.requestsPerSecond;
  const p99 = Math.max(a.latencyMs.p99, b.latencyMs.p99);
  const chain = await checkLog(target);
  log(
    `  two instances, ${half.connections} connections each: ${a.requestsPerSecond} + ${b.requestsPerSecond} = ${combined} req/s, p99 ${p99} ms; log ${chain.ok ? 'verified' : 'BROKEN'} (${chain.entries} entries)`,
  );
  return { combined, perInstance: [a, b], p99, residentMb: results.residentMb, log: chain };
}

/** Seals what the stopped server left unsealed (at most its last quarter second) and verifies the whole chain. */
async function checkLog(target: Target): Promise<LogCheck> {
  const database =
    target.dialect === 'sqlite'
      ? openDatabase({ dataDir: target.dataDir })
      : openDatabase({ dataDir: '', databaseUrl: target.databaseUrl, schema: target.schema, poolSize: 2 });
  try {
    const sealed = await sealLog(database.db);
    const report = await verifyChain(database.db, new Date());
    return {
      ok: report.ok,
      entries: report.entries,
      sealedAfterRun: sealed.sealed,
      ...(report.firstBroken === undefined ? {} : { problem: `${report.firstBroken.seq}: ${report.firstBroken.problem}` }),
    };
  } finally {
    await database.close();
  }
}

async function withServer<T>(
  target: Target | 'bare',
  profileDir: string | undefined,
  work: (server: Server) => Promise<T>,
  mode: ServerMode = 'app',
): Promise<T> {
  const server = await startServer(target, profileDir, mode);
  cleanups.add(server.stop);
  try {
    return await work(server);
  } finally {
    await untrack(server.stop);
  }
}

function track(dataset: Dataset): Dataset {
  cleanups.add(dataset.dispose);
  return dataset;
}

async function untrack(cleanup: () => Promise<void>): Promise<void> {
  cleanups.delete(cleanup);
  await cleanup();
}

async function interrupted(): Promise<void> {
  log('interrupted: cleaning up');
  for (const cleanup of [...cleanups].reverse()) await cleanup().catch(() => undefined);
  removeUnfinishedBuilds();
  process.exit(130);
}

const describe = (r: HttpResult) =>
  `${r.requestsPerSecond} req/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms` +
  `${r.errors > 0 ? `, ${r.errors} timeouts or socket errors` : ''}, measured from ${r.rampUpSeconds} s when all connections had been answered`;

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Dialect } from '../src/db/database.ts';
import type { HttpResult } from './load.ts';
import type { BenchOptions } from './options.ts';
import type { PolicyRenderResult } from './policy-render.ts';
import type { RawResult } from './raw-sql.ts';
import { type ExecutionTiming, type RightsRun, WARMUP } from './rights-execution.ts';

export const RESULTS_PATH = path.resolve(import.meta.dirname, 'results.json');
export const MARKDOWN_PATH = path.resolve(import.meta.dirname, '../BENCHMARKS.md');

// The issue's targets, for SQLite on two cores.
const MIN_SHARE_OF_BARE = 0.25;
const MAX_P99_MS = 25;
const MAX_SCALING = 1.5;
// Issue 21: the customer page against the raw-SQL floor of the same reads, in the same run.
const MIN_SHARE_OF_RAW: Record<Dialect, number> = { sqlite: 0.5, postgres: 0.8 };
const MAX_P99_AT_FLOOR_MS: Record<Dialect, number> = { sqlite: 25, postgres: 50 };
// Issue 3: rendering the statement and the Art. 30 record, each for the default policy.
const MAX_RENDER_MS = 50;
// Issue 4: the access package of a subject with 200 records, and an erasure, at the main scale (100k), median;
// both flat (within MAX_SCALING) up to the largest scale.
const MAX_ACCESS_MS = 100;
const MAX_ERASURE_MS = 50;

export interface Run {
  dialect: Dialect;
  subjects: number;
  generatedSeconds: number | null;
  view: HttpResult;
  rawSql: RawResult;
  /**
   * At the main scale: the raw reads behind a bare Fastify route (no session, guard, log or Kysely), under the
   * page's load. What HTTP and a response of the page's size cost; the page's overhead is measured against it.
   */
  httpFloor?: HttpResult;
  /** The server's resident memory at the end of the load (issue 21). */
  residentMb?: number;
  /** The processing log verified after the run (issue 21). */
  log?: LogCheck;
  /** PostgreSQL at the main scale: two servers on the one database (issue 21). */
  twoInstances?: TwoInstances;
}

export interface LogCheck {
  ok: boolean;
  entries: number;
  /** Entries the sealer had not reached when the server stopped, sealed by the check. */
  sealedAfterRun: number;
  problem?: string;
}

export interface TwoInstances {
  combined: number;
  perInstance: HttpResult[];
  p99: number;
  residentMb: number[];
  log: LogCheck;
}

export interface TargetCheck {
  dialect: Dialect;
  target: string;
  measured: string;
  met: boolean;
}

export interface Results {
  date: string;
  machine: ReturnType<typeof machineInfo>;
  options: BenchOptions;
  bare: HttpResult;
  runs: Run[];
  /** The access package and the erasure of heavy subjects, per database and scale. */
  rights: RightsRun[];
  policy: PolicyRenderResult;
  targets: TargetCheck[];
}

export function machineInfo() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    /** One-minute load average when the run started: anything far above 0 means the figures are disturbed. */
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}

/** Checks the issue's targets at the main scale, and the scaling between the smallest and largest scale. */
export function evaluateTargets(runs: Run[], bare: HttpResult, mainScale: number, rights: RightsRun[] = []): TargetCheck[] {
  const targets: TargetCheck[] = [];
  for (const dialect of [...new Set(runs.map((r) => r.dialect))]) {
    const mine = runs.filter((r) => r.dialect === dialect).sort((a, b) => a.subjects - b.subjects);
    const main = mine.find((r) => r.subjects === mainScale);
    if (main !== undefined) {
      const share = main.view.requestsPerSecond / bare.requestsPerSecond;
      targets.push({
        dialect,
        target: `throughput at least ${pct(MIN_SHARE_OF_BARE)} of the bare route`,
        measured: `${pct(share)} at ${main.subjects} subjects`,
        met: share >= MIN_SHARE_OF_BARE,
      });
      targets.push({
        dialect,
        target: `p99 at most ${MAX_P99_MS} ms`,
        measured: `${main.view.latencyMs.p99} ms at ${main.subjects} subjects`,
        met: main.view.latencyMs.p99 <= MAX_P99_MS,
      });
      const floor = main.view.requestsPerSecond / main.rawSql.opsPerSecond;
      targets.push({
        dialect,
        target: `issue 21: throughput at least ${pct(MIN_SHARE_OF_RAW[dialect])} of the raw-SQL floor`,
        measured: `${pct(floor)} at ${main.subjects} subjects`,
        met: floor >= MIN_SHARE_OF_RAW[dialect],
      });
      if (MAX_P99_AT_FLOOR_MS[dialect] !== MAX_P99_MS) {
        targets.push({
          dialect,
          target: `issue 21: p99 at most ${MAX_P99_AT_FLOOR_MS[dialect]} ms`,
          measured: `${main.view.latencyMs.p99} ms at ${main.subjects} subjects`,
          met: main.view.latencyMs.p99 <= MAX_P99_AT_FLOOR_MS[dialect],
        });
      }
      if (main.log !== undefined)
        targets.push({
          dialect,
          target: 'issue 21: the processing log verifies after the load',
          measured: `${main.log.entries} entries${main.log.problem === undefined ? '' : `, broken at ${main.log.problem}`}`,
          met: main.log.ok,
        });
      if (main.twoInstances !== undefined) {
        const two = main.twoInstances;
        targets.push({
          dialect,
          target: 'issue 21: two instances, the log verifies after the run',
          measured: `${two.combined} req/s combined against ${main.view.requestsPerSecond} for one; ${two.log.entries} entries`,
          met: two.log.ok,
        });
      }
    }
    const [small, large] = [mine[0], mine[mine.length - 1]];
    if (small !== undefined && large !== undefined && large.subjects > small.subjects) {
      const p50 = large.view.latencyMs.p50 / small.view.latencyMs.p50;
      const p99 = large.view.latencyMs.p99 / small.view.latencyMs.p99;
      targets.push({
        dialect,
        target: `latency from ${small.subjects} to ${large.subjects} subjects within ${MAX_SCALING}x`,
        measured: `p50 ${ratio(p50)}, p99 ${ratio(p99)}`,
        met: p50 <= MAX_SCALING && p99 <= MAX_SCALING,
      });
    }
  }
  for (const dialect of [...new Set(rights.map((r) => r.dialect))]) {
    const mine = rights.filter((r) => r.dialect === dialect).sort((a, b) => a.subjects - b.subjects);
    const main = mine.find((r) => r.subjects === mainScale);
    if (main !== undefined) {
      const at = `at ${main.subjects} subjects`;
      targets.push({
        dialect,
        target: `access package (${main.recordsPerSubject} records) at most ${MAX_ACCESS_MS} ms at the median`,
        measured: `${main.access.medianMs} ms ${at}`,
        met: main.access.medianMs <= MAX_ACCESS_MS,
      });
      targets.push({
        dialect,
        target: `erasure at most ${MAX_ERASURE_MS} ms at the median`,
        measured: `${main.erasure.medianMs} ms ${at}`,
        met: main.erasure.medianMs <= MAX_ERASURE_MS,
      });
    }
    const [small, large] = [mine[0], mine[mine.length - 1]];
    if (small !== undefined && large !== undefined && large.subjects > small.subjects) {
      const access = large.access.medianMs / small.access.medianMs;
      const erasure = large.erasure.medianMs / small.erasure.medianMs;
      targets.push({
        dialect,
        target: `access and erasure flat from ${small.subjects} to ${large.subjects} subjects: medians within ${MAX_SCALING}x`,
        measured: `access ${ratio(access)}, erasure ${ratio(erasure)}`,
        met: access <= MAX_SCALING && erasure <= MAX_SCALING,
      });
    }
  }
  return targets;
}

/** Writes bench/results.json and rewrites the generated part of BENCHMARKS.md. */
export function writeReport(results: Results): void {
  fs.writeFileSync(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
  // Only the part between the markers is generated; text around it may be edited by hand.
  const existing = fs.existsSync(MARKDOWN_PATH) ? fs.readFileSync(MARKDOWN_PATH, 'utf8') : '';
  const page = existing.includes(START) && existing.includes(END) ? existing : TEMPLATE;
  const before = page.slice(0, page.indexOf(START));
  const after = page.slice(page.indexOf(END) + END.length);
  fs.writeFileSync(MARKDOWN_PATH, `${before}${START}\n${markdown(results)}${END}${after}`);
}

function markdown(r: Results): string {
  const name = (d: Dialect) => (d === 'sqlite' ? 'SQLite' : 'PostgreSQL');
  const lines = [
    `Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC: ${r.options.connections} connections, ${r.options.duration} s measured after ${r.options.warmup} s warm-up.`,
    '',
    ...(r.options.note === undefined ? [] : [`> ${r.options.note}`, '']),
    '| Database | Subjects | Measured | Req/s | p50 ms | p99 ms | vs bare |',
    '|---|---:|---|---:|---:|---:|---:|',
    `| – | – | bare Fastify route | ${r.bare.requestsPerSecond} | ${r.bare.latencyMs.p50} | ${r.bare.latencyMs.p99} | 100% |`,
  ];
  for (const run of r.runs) {
    const notes = [
      ...(run.view.errors > 0 ? [`${run.view.errors} timeouts or socket errors`] : []),
      ...(run.view.rampUpSeconds > r.options.warmup + 1
        ? [`all ${run.view.connections} connections answered only after ${run.view.rampUpSeconds} s`]
        : []),
    ];
    const errors = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    lines.push(
      `| ${name(run.dialect)} | ${run.subjects} | GET /api/subjects/:id/records${errors} | ${run.view.requestsPerSecond} | ${run.view.latencyMs.p50} | ${run.view.latencyMs.p99} | ${pct(run.view.requestsPerSecond / r.bare.requestsPerSecond)} |`,
    );
    lines.push(
      `| ${name(run.dialect)} | ${run.subjects} | raw SQL, same reads (${run.rawSql.concurrency} conn.) | ${run.rawSql.opsPerSecond} | ${run.rawSql.latencyMs.p50} | ${run.rawSql.latencyMs.p99} | – |`,
    );
    const floor = run.httpFloor;
    if (floor !== undefined)
      lines.push(
        `| ${name(run.dialect)} | ${run.subjects} | the same raw reads behind a bare route (HTTP floor) | ${floor.requestsPerSecond} | ${floor.latencyMs.p50} | ${floor.latencyMs.p99} | ${pct(floor.requestsPerSecond / r.bare.requestsPerSecond)} |`,
      );
    const two = run.twoInstances;
    if (two !== undefined) {
      lines.push(
        `| ${name(run.dialect)} | ${run.subjects} | the same page, two servers on one database (${two.perInstance.map((p) => p.connections).join(' + ')} conn.) | ${two.combined} | ${Math.max(...two.perInstance.map((p) => p.latencyMs.p50))} | ${two.p99} | ${pct(two.combined / r.bare.requestsPerSecond)} |`,
      );
    }
  }
  const memory = r.runs.filter((run) => run.residentMb !== undefined);
  if (memory.length > 0) {
    lines.push(
      '',
      '| Database | Subjects | Page vs raw-SQL floor | Page vs HTTP floor | Server resident memory at the end | Log after the run |',
      '|---|---:|---:|---:|---:|---|',
    );
    for (const run of memory) {
      const log =
        run.log === undefined
          ? '–'
          : `${run.log.ok ? 'verified' : `**broken** (${run.log.problem ?? ''})`}, ${run.log.entries} entries, ${run.log.sealedAfterRun} sealed after the stop`;
      lines.push(
        `| ${name(run.dialect)} | ${run.subjects} | ${pct(run.view.requestsPerSecond / run.rawSql.opsPerSecond)} | ${run.httpFloor === undefined ? '–' : pct(run.view.requestsPerSecond / run.httpFloor.requestsPerSecond)} | ${run.residentMb} MB | ${log} |`,
      );
      const two = run.twoInstances;
      if (two !== undefined)
        lines.push(
          `| ${name(run.dialect)} | ${run.subjects} | two servers: ${pct(two.combined / run.rawSql.opsPerSecond)} | – | ${two.residentMb.map((m) => `${m} MB`).join(' + ')} | ${two.log.ok ? 'verified' : `**broken** (${two.log.problem ?? ''})`}, ${two.log.entries} entries |`,
        );
    }
  }
  lines.push('', '| Database | Target | Measured | Met |', '|---|---|---|---|');
  for (const t of r.targets) lines.push(`| ${name(t.dialect)} | ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`);
  if (r.targets.every((t) => !t.target.startsWith('latency from')))
    lines.push('', 'Scaling not measured in this run (use `--scales 10000,1000000`).');
  if (r.rights.length > 0) {
    const first = r.rights[0] as RightsRun;
    const row = (run: RightsRun, what: string, t: ExecutionTiming) =>
      `| ${name(run.dialect)} | ${run.subjects} | ${what} | ${t.medianMs} | ${t.p90Ms} | ${t.maxMs} |`;
    lines.push(
      '',
      `Rights carried out, in the benchmark process (no HTTP): ${first.timed} subjects with ${first.recordsPerSubject} records each (after ${WARMUP} untimed) added to ` +
        `each data set; per subject the access package and then the erasure, each by its executor on a decided request in a transaction ` +
        `of its own, as the decision runs it (commit and processing-log entry included). ${first.erasuresKeeping} of ${first.timed} erasures keep issued invoices; the others delete the subject entirely.`,
      '',
      '| Database | Subjects | Right | median ms | p90 ms | max ms |',
      '|---|---:|---|---:|---:|---:|',
    );
    for (const run of r.rights)
      lines.push(row(run, 'access package (Art. 15)', run.access), row(run, 'erasure (Art. 17)', run.erasure));
  }
  const render = (what: string, t: PolicyRenderResult['statement']) =>
    `| ${what} | ${t.coldMs} | ${t.p50Ms} | ${t.maxMs} | ${t.maxMs < MAX_RENDER_MS ? 'yes' : '**no**'} (< ${MAX_RENDER_MS} ms) |`;
  lines.push(
    '',
    'Rendering for the default policy, in the benchmark process (200 rounds, each including the read of the register):',
    '',
    '| Rendering | first ms | p50 ms | max ms | Met |',
    '|---|---:|---:|---:|---|',
    render('privacy statement, nl and en, Markdown and HTML', r.policy.statement),
    render('Art. 30 record, JSON, CSV and HTML', r.policy.register),
  );
  const m = r.machine;
  lines.push(
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}, Node ${m.node}; load average ${m.loadAverage} at the start.`,
    '',
  );
  return lines.join('\n');
}

const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;
const ratio = (x: number) => `${x.toFixed(2)}x`;

const START = '<!-- bench:results -->';
const END = '<!-- /bench:results -->';
const TEMPLATE = `# Benchmarks

\`npm run bench\` (or \`kluis bench\`) measures the customer page, \`GET /api/subjects/:id/records\`, the way a
browser calls it: session cookie checked by the real auth hook, every read in one guarded transaction, one
processing-log entry appended per request. Beside it, in the same run and under the same load, a bare
Fastify route (the ceiling) and the same reads as raw SQL on the bare driver (the floor).

- Data: \`--subjects\` customers (default 100000) with about fourteen records each (an address, an agreement
  and a quote, three invoices with one or two lines, a case with two messages, an attachment on one message
  in ten, a consent), generated from a fixed seed and loaded straight into the tables. SQLite data sets are
  cached in \`bench/data/\` (delete it to regenerate); PostgreSQL gets a schema of its own, dropped afterwards.
- Load: autocannon in the benchmark's process, the server in a child process, \`--connections\` (50) clients
  asking for random subjects for \`--duration\` seconds (10) after \`--warmup\` seconds (3).
- Options: \`--db sqlite|postgres|both\`, \`--scales 10000,1000000\` (the view at more sizes, for the scaling
  target), \`--profile\` (CPU profiles of the server in \`bench/data/profiles/\`), \`--note\` (a remark for this page).
  PostgreSQL: \`DATABASE_URL\`, else \`postgres://postgres@127.0.0.1:5432/test\`.
- Targets (the issue, SQLite on two cores): the customer page reaches at least 25% of the bare route's
  throughput with p99 at most 25 ms, and its latency stays within 1.5x from 10k to 1M subjects.
- Rights (issue 4), at every scale, in the benchmark's own process: \`rights-execution.ts\` adds 33 subjects with about 200
  records each (44 invoices, 15 cases with three messages, 16 agreements and quotes, 8 consents…; a fixture written
  like the data set, around the guard) and times for each the access package and then the erasure, each by its
  executor on a decided request in a transaction of its own, as the decision runs it; the first three are not
  counted. Targets: the access package at most 100 ms and an erasure at most 50 ms at the median at 100k
  subjects, and both medians within 1.5x (flat) from the smallest to the largest scale.

Latencies count only responses after the warm-up, on the same connections. autocannon runs on the same machine and takes
one of the two cores, so the bare route's figure is bounded by the load generator as much as by Fastify. Other
work on the machine lowers every figure and lengthens p99 most: run it on a quiet machine (the load average at
the start is recorded below).

## Results

${START}
${END}
`;

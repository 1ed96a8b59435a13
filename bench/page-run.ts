import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Dialect } from '../src/db/database.ts';
import { DATA_DIR, prepareDataset } from './datasets.ts';
import { measureHttp, startServer } from './load.ts';
import { measureRawSql } from './raw-sql.ts';

// The customer page against its raw-SQL floor alone, on one database at one scale, without writing BENCHMARKS.md:
// the quick loop for work on the page's path (`npm run bench` makes the record). Between the two, the HTTP floor:
// the same raw reads behind a bare Fastify route. `--profile` writes the server's
// CPU profile to bench/data/profiles/.
//
// Beside the rates it prints the machine's CPU time per view and per floor read (every process: server, load
// generator, PostgreSQL), from /proc/stat. On two cores both are CPU-bound, and CPU per operation is what the
// rates divide into; it also varies less than the rates when something else runs. Only meaningful on a machine
// that does nothing else.
const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    subjects: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    profile: { type: 'boolean', default: false },
  },
});
const log = (m: string) => console.log(m);
const dialect = values.db as Dialect;
const load = { connections: Number(values.connections), duration: Number(values.duration), warmup: 3 };
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dataset = await prepareDataset(dialect, Number(values.subjects), databaseUrl, log);
try {
  const ids = await dataset.subjectIds();
  const server = await startServer(dataset.target, values.profile ? path.join(DATA_DIR, 'profiles') : undefined);
  let page;
  try {
    const before = busyCpuMs();
    const started = performance.now();
    page = await measureHttp(server, (id) => `/api/subjects/${id}/records`, ids, load);
    const perView = cpuPerOperation(before, started, page.requestsPerSecond);
    log(
      `page: ${page.requestsPerSecond} req/s, p50 ${page.latencyMs.p50} ms, p99 ${page.latencyMs.p99} ms, non2xx ${page.non2xx}, rss ${server.residentMb()} MB, machine CPU ${perView} µs per view`,
    );
  } finally {
    await server.stop();
  }
  // The same reads behind a bare Fastify route: what HTTP and the response cost without session, guard and log.
  const floorServer = await startServer(dataset.target, values.profile ? path.join(DATA_DIR, 'profiles') : undefined, 'floor');
  let httpFloor;
  try {
    const before = busyCpuMs();
    const started = performance.now();
    httpFloor = await measureHttp(floorServer, (id) => `/floor/${id}`, ids, load);
    const perRead = cpuPerOperation(before, started, httpFloor.requestsPerSecond);
    log(
      `http floor: ${httpFloor.requestsPerSecond} req/s, p50 ${httpFloor.latencyMs.p50} ms, p99 ${httpFloor.latencyMs.p99} ms, ${httpFloor.bytesPerResponse} B per response (page ${page.bytesPerResponse} B), machine CPU ${perRead} µs per read`,
    );
  } finally {
    await floorServer.stop();
  }
  const before = busyCpuMs();
  const started = performance.now();
  const raw = await measureRawSql(dataset.target, ids, load.duration, 1);
  const perRead = cpuPerOperation(before, started, raw.opsPerSecond);
  log(
    `raw: ${raw.opsPerSecond} reads/s, p50 ${raw.latencyMs.p50} ms, p99 ${raw.latencyMs.p99} ms, machine CPU ${perRead} µs per read`,
  );
  log(
    `ratio: ${Math.round((100 * page.requestsPerSecond) / raw.opsPerSecond)}% of the raw floor, ${Math.round((100 * page.requestsPerSecond) / httpFloor.requestsPerSecond)}% of the http floor`,
  );
} finally {
  await dataset.dispose();
}

/** The CPU time all cores spent busy since boot, in ms (user, nice, system, irq, softirq, steal). */
function busyCpuMs(): number {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return ((user + nice + system + irq + softirq + steal) * 1000) / 100; // USER_HZ is 100 on Linux
}

/** Busy CPU per operation over a measurement that ran at `rate` operations a second since `started`. */
function cpuPerOperation(before: number, started: number, rate: number): number {
  const seconds = (performance.now() - started) / 1000;
  return Math.round(((busyCpuMs() - before) * 1000) / (rate * seconds));
}

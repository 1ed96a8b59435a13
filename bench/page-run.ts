import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Dialect } from '../src/db/database.ts';
import { DATA_DIR, prepareDataset } from './datasets.ts';
import { measureHttp, startServer } from './load.ts';
import { measureRawSql } from './raw-sql.ts';
import { describeCpu, startCpuMeter } from './cpu-meter.ts';

// The customer page against its raw-SQL floor alone, on one database at one scale, without writing BENCHMARKS.md:
// the quick loop for work on the page's path (`npm run bench` makes the record). Between the two, the HTTP floor:
// the same raw reads behind a bare Fastify route. `--profile` writes the server's
// CPU profile to bench/data/profiles/.
//
// Beside the rates it prints the CPU time per view and per floor read, for the machine and split by process
// (bench/cpu-meter.ts). Only meaningful on a machine that does nothing else.
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
    const meter = startCpuMeter(server.pid);
    page = await measureHttp(server, (id) => `/api/subjects/${id}/records`, ids, load);
    const cpu = meter.perOperation(page.requestsPerSecond);
    log(
      `page: ${page.requestsPerSecond} req/s, p50 ${page.latencyMs.p50} ms, p99 ${page.latencyMs.p99} ms, non2xx ${page.non2xx}, rss ${server.residentMb()} MB; ${describeCpu(cpu)}`,
    );
  } finally {
    await server.stop();
  }
  // The same reads behind a bare Fastify route: what HTTP and the response cost without session, guard and log.
  const floorServer = await startServer(dataset.target, values.profile ? path.join(DATA_DIR, 'profiles') : undefined, 'floor');
  let httpFloor;
  try {
    const meter = startCpuMeter(floorServer.pid);
    httpFloor = await measureHttp(floorServer, (id) => `/floor/${id}`, ids, load);
    const cpu = meter.perOperation(httpFloor.requestsPerSecond);
    log(
      `http floor: ${httpFloor.requestsPerSecond} req/s, p50 ${httpFloor.latencyMs.p50} ms, p99 ${httpFloor.latencyMs.p99} ms, ${httpFloor.bytesPerResponse} B per response (page ${page.bytesPerResponse} B); ${describeCpu(cpu)}`,
    );
  } finally {
    await floorServer.stop();
  }
  const meter = startCpuMeter();
  const raw = await measureRawSql(dataset.target, ids, load.duration, 1);
  const cpu = meter.perOperation(raw.opsPerSecond);
  log(`raw: ${raw.opsPerSecond} reads/s, p50 ${raw.latencyMs.p50} ms, p99 ${raw.latencyMs.p99} ms; ${describeCpu(cpu)}`);
  log(
    `ratio: ${Math.round((100 * page.requestsPerSecond) / raw.opsPerSecond)}% of the raw floor, ${Math.round((100 * page.requestsPerSecond) / httpFloor.requestsPerSecond)}% of the http floor`,
  );
} finally {
  await dataset.dispose();
}

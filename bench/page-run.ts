import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Dialect } from '../src/db/database.ts';
import { DATA_DIR, prepareDataset } from './datasets.ts';
import { measureHttp, startServer } from './load.ts';
import { measureRawSql } from './raw-sql.ts';

// The customer page against its raw-SQL floor alone, on one database at one scale, without writing BENCHMARKS.md:
// the quick loop for work on the page's path (`npm run bench` makes the record). `--profile` writes the server's
// CPU profile to bench/data/profiles/.
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
const dataset = await prepareDataset(
  dialect,
  Number(values.subjects),
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  log,
);
try {
  const ids = await dataset.subjectIds();
  const server = await startServer(dataset.target, values.profile ? path.join(DATA_DIR, 'profiles') : undefined);
  let page;
  try {
    page = await measureHttp(server, (id) => `/api/subjects/${id}/records`, ids, load);
    log(
      `page: ${page.requestsPerSecond} req/s, p50 ${page.latencyMs.p50} ms, p99 ${page.latencyMs.p99} ms, non2xx ${page.non2xx}, rss ${server.residentMb()} MB`,
    );
  } finally {
    await server.stop();
  }
  const raw = await measureRawSql(dataset.target, ids, load.duration, 1);
  log(`raw: ${raw.opsPerSecond} reads/s, p50 ${raw.latencyMs.p50} ms, p99 ${raw.latencyMs.p99} ms`);
  log(`ratio: ${Math.round((100 * page.requestsPerSecond) / raw.opsPerSecond)}%`);
} finally {
  await dataset.dispose();
}

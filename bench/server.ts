import path from 'node:path';
import { parseArgs } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import type { UserService } from '../src/accounts/user.service.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { cliActor } from '../src/guard/actor.ts';
import { buildApp } from '../src/app.ts';
import { loadPolicy } from '../src/policy/policy.ts';
import { standardJobs } from '../src/jobs/jobs.ts';
import { Scheduler } from '../src/jobs/scheduler.ts';
import { createServices } from '../src/services.ts';
import { openRawReader, type RawReader } from './raw-sql.ts';

// A child process of the benchmark: the load generator runs in the parent, so the server gets a process
// (and a core) of its own, as in production. It prints one JSON line, { port, cookie }, once it listens,
// and closes cleanly on SIGTERM (so that --cpu-prof can write its profile).

const POLICY_PATH = path.resolve(import.meta.dirname, '../policy/sen-ict.yaml');
const PASSWORD = 'benchmark password, not secret';

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'app' },
    'data-dir': { type: 'string' },
    schema: { type: 'string' },
  },
});

let database: Database | undefined;
let app: FastifyInstance;
let cookie = '';
let scheduler: Scheduler | undefined;
let floor: RawReader | undefined;
if (values.mode === 'bare') {
  // The ceiling: Fastify with one trivial JSON route, nothing else.
  app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/bare/:id', async (request) => ({ id: request.params.id }));
} else if (values.mode === 'floor') {
  // The HTTP floor: the raw-SQL floor's nine reads behind one Fastify route, answered as JSON. No session, no
  // guard, no log, no Kysely, no presenters: what HTTP and a response of the page's size cost on their own.
  const reader = (floor = openRawReader(
    values.schema === undefined
      ? { dialect: 'sqlite', dataDir: values['data-dir'] ?? '' }
      : { dialect: 'postgres', databaseUrl: process.env.DATABASE_URL ?? '', schema: values.schema },
  ));
  app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/floor/:id', async (request) => {
    const [subject, addresses, agreements, invoices, lines, cases, messages, attachments, consents] = await reader.read(
      request.params.id,
    );
    return { subject: subject?.[0] ?? null, addresses, agreements, invoices, lines, cases, messages, attachments, consents };
  });
} else {
  // PostgreSQL when a schema is named (the URL comes in DATABASE_URL), else the SQLite file in --data-dir.
  const databaseUrl = values.schema === undefined ? undefined : process.env.DATABASE_URL;
  database = openDatabase({
    dataDir: values['data-dir'] ?? '',
    databaseUrl,
    ...(values.schema === undefined ? {} : { schema: values.schema }),
  });
  const services = createServices(database, loadPolicy(POLICY_PATH));
  app = await buildApp(services, { logLevel: 'silent' });
  cookie = await signIn(app, services.users);
  // The log's sealer runs as under `kluis serve`: the log-seal job, under its lease (one of two instances seals).
  const silent = { info: () => undefined, error: () => undefined };
  scheduler = new Scheduler(
    database.db,
    standardJobs(services, silent).filter((job) => job.name === 'log-seal'),
    { clock: services.guard.clock },
  );
  scheduler.start();
}
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address !== null ? address.port : 0, cookie })}\n`);

process.once('SIGTERM', () => {
  void (async () => {
    await app.close();
    await scheduler?.stop();
    await database?.close();
    await floor?.close();
    process.exit(0);
  })();
});

/** A staff member signed in the way a browser does, so every request passes the real session check. */
async function signIn(server: FastifyInstance, users: UserService): Promise<string> {
  const email = `bench-${process.pid}@kluis.test`;
  await users.add(cliActor(), { email, displayName: 'Benchmark', role: 'staff', password: PASSWORD });
  const response = await server.inject({ method: 'POST', url: '/api/session', payload: { email, password: PASSWORD } });
  const session = response.cookies.find((c) => c.name === 'kluis_session');
  if (response.statusCode !== 200 || session === undefined) throw new Error(`sign-in failed: ${response.body}`);
  return `kluis_session=${session.value}`;
}

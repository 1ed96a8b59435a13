import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';
import type { Target } from './datasets.ts';
import { Prng } from './prng.ts';

const SERVER = path.resolve(import.meta.dirname, 'server.ts');
// How long the server may take to answer on every connection before the run is given up.
const MAX_RAMP_UP_SECONDS = 120;

export interface Server {
  url: string;
  cookie: string;
  /** The server process's resident memory now, in MB (Linux: VmRSS). */
  residentMb: () => number;
  /** The server's process id (for its CPU time in /proc). */
  pid: number | undefined;
  stop: () => Promise<void>;
}

export interface LoadSettings {
  connections: number;
  /** Seconds measured. */
  duration: number;
  /** Seconds of load before the measurement, thrown away: JIT, caches, the pool. */
  warmup: number;
}

export interface HttpResult {
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  requests: number;
  /** Average response size, headers included. */
  bytesPerResponse: number;
  non2xx: number;
  errors: number;
  seconds: number;
  /** Seconds from the start until every connection had been answered (the warm-up at least). */
  rampUpSeconds: number;
  connections: number;
}

/** Starts bench/server.ts in a child process, serving the app on the data set or the bare route, and waits until it listens. */
export async function startServer(target: Target | 'bare', profileDir?: string, mode: ServerMode = 'app'): Promise<Server> {
  const flags = profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  const { args, env } = serverCommand(target, mode);
  const child = spawn(process.execPath, [...flags, SERVER, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = readline.createInterface({ input: child.stdout });
  const first = await Promise.race([
    new Promise<string>((resolve) => lines.once('line', resolve)),
    exited.then((code) => Promise.reject(new Error(`bench server exited with code ${String(code)} before listening`))),
  ]);
  lines.close();
  const { port, cookie } = JSON.parse(first) as { port: number; cookie: string };
  return {
    url: `http://127.0.0.1:${port}`,
    cookie,
    residentMb: () => residentMb(child.pid),
    pid: child.pid,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function residentMb(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? 0 : Math.round(Number(kb) / 1024);
  } catch {
    return 0;
  }
}

/** What the server serves on a data set: the app, or the HTTP floor (the raw reads behind one route, bench/server.ts). */
export type ServerMode = 'app' | 'floor';

function serverCommand(target: Target | 'bare', mode: ServerMode): { args: string[]; env: Record<string, string> } {
  if (target === 'bare') return { args: ['--mode', 'bare'], env: {} };
  if (target.dialect === 'sqlite') return { args: ['--mode', mode, '--data-dir', target.dataDir], env: {} };
  // The URL goes through the environment rather than the command line, where `ps` would show a password.
  return { args: ['--mode', mode, '--schema', target.schema], env: { DATABASE_URL: target.databaseUrl } };
}

/**
 * Closed-loop load: `connections` clients, each sending its next request when the last one was answered.
 * Measurement starts once the warm-up is over and every connection has been answered at least once, and
 * runs on the same connections: a busy server accepts new connections slowly (one per event-loop turn), so
 * a slow server may take longer than the warm-up just to take on all 50 connections. That ramp-up is
 * reported apart rather than mixed into the latencies.
 */
export async function measureHttp(
  server: Server,
  pathFor: (id: string) => string,
  ids: string[],
  load: LoadSettings,
): Promise<HttpResult> {
  // Each request asks for a random subject of the data set, so caches help only as much as they would in use.
  const rng = new Prng(load.connections);
  const { instance, finished } = runAutocannon({
    url: server.url,
    connections: load.connections,
    duration: load.warmup + load.duration + MAX_RAMP_UP_SECONDS,
    ...(server.cookie === '' ? {} : { headers: { cookie: server.cookie } }),
    requests: [
      { method: 'GET', setupRequest: (request) => ({ ...request, path: pathFor(ids[rng.int(0, ids.length - 1)] ?? '') }) },
    ],
  });
  const started = performance.now();
  const answered = new Set<unknown>();
  let measureFrom = Infinity;
  const latencies: number[] = [];
  let bytes = 0;
  let non2xx = 0;
  let errors = 0;
  instance.on('response', (client, statusCode: number, resBytes: number, responseTime: number) => {
    const now = performance.now();
    if (now < measureFrom) {
      answered.add(client);
      if (answered.size < load.connections || now < started + load.warmup * 1000) return;
      measureFrom = now;
      setTimeout(() => instance.stop(), load.duration * 1000);
    }
    latencies.push(responseTime);
    bytes += resBytes;
    if (statusCode < 200 || statusCode > 299) non2xx += 1;
  });
  instance.on('reqError', () => {
    if (performance.now() >= measureFrom) errors += 1;
  });
  await finished;
  if (measureFrom === Infinity)
    throw new Error(`the server did not answer on all ${load.connections} connections within ${MAX_RAMP_UP_SECONDS} s`);
  const seconds = (performance.now() - measureFrom) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: Math.round(sorted.length / seconds),
    latencyMs: {
      p50: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      p99: percentile(sorted, 0.99),
      mean: round2(mean(sorted)),
      max: round2(sorted.at(-1) ?? 0),
    },
    requests: sorted.length,
    bytesPerResponse: Math.round(bytes / Math.max(1, sorted.length)),
    non2xx,
    errors,
    seconds: round2(seconds),
    rampUpSeconds: round2((measureFrom - started) / 1000),
    connections: load.connections,
  };
}

// The callback form returns the instance, whose events carry each response; the promise form does not.
function runAutocannon(options: autocannon.Options): { instance: autocannon.Instance; finished: Promise<void> } {
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<void>((resolve, reject) => {
    instance = autocannon(options, (error?: Error | null) => (error ? reject(error) : resolve()));
  });
  if (instance === undefined) throw new Error('autocannon did not start');
  return { instance, finished };
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
/** The q-quantile of ascending values, rounded to hundredths. */
export const percentile = (sorted: number[], q: number) =>
  round2(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
export const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);

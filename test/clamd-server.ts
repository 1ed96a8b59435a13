import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { clamdCommand } from '../src/scanner/clamd-client.ts';
import { clamdBinary } from './prerequisites.ts';
import { writeSignatureDatabase } from './clamd-database.ts';

export interface TestClamd {
  /** `tcp://127.0.0.1:<port>`, for KLUIS_CLAMD_URL. */
  url: string;
  port: number;
  /** Stops clamd and waits until it is gone; the port stays ours to start it on again. */
  stop(): Promise<void>;
  /** Starts it again on the same port and waits until it answers PING. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

export interface TestClamdOptions {
  /** clamd's StreamMaxLength (`10M`, `1K`); what it refuses beyond it. */
  streamMaxLength?: string;
  /** The date of the signature database, as VERSION reports it; now by default. */
  signedAt?: Date;
}

/** A free TCP port on the loopback interface, as the kernel hands one out. */
async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls PING until clamd answers PONG (start-up takes from a fraction of a second to several on a busy machine). */
async function waitForPong(port: number, child: ChildProcess, log: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`clamd exited with ${child.exitCode} before answering: ${tail(log)}`);
    try {
      if (
        (await clamdCommand({ kind: 'tcp', host: '127.0.0.1', port }, 'PING', { connectMs: 1_000, idleMs: 2_000 })).trim() ===
        'PONG'
      )
        return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`clamd did not answer PING within ${timeoutMs} ms: ${tail(log)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const tail = (file: string): string =>
  fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => !l.startsWith('Limits:'))
        .slice(-8)
        .join(' | ')
    : '(no log)';

/**
 * A real clamd (Debian's clamav-daemon) of the test's own, in a temp folder with a configuration of ours: in the
 * foreground, on a free loopback port, with only our signature database (test/clamd-database.ts). Start one per
 * test file (beforeAll), not per test; `stop()` and `start()` play a scanner that goes away and comes back.
 */
export async function startTestClamd(options: TestClamdOptions = {}): Promise<TestClamd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-clamd-'));
  writeSignatureDatabase(dir, options.signedAt);
  const port = await freePort();
  const log = path.join(dir, 'clamd.log');
  const config = path.join(dir, 'clamd.conf');
  fs.writeFileSync(
    config,
    [
      'Foreground yes',
      `TCPSocket ${port}`,
      'TCPAddr 127.0.0.1',
      `DatabaseDirectory ${dir}`,
      `LogFile ${log}`,
      `StreamMaxLength ${options.streamMaxLength ?? '10M'}`,
      'MaxThreads 4',
      // No reloading of the database in the middle of a test.
      'SelfCheck 0',
      '',
    ].join('\n'),
  );
  let child: ChildProcess | null = null;
  const start = async () => {
    const started = spawn(clamdBinary(), ['-c', config], { stdio: 'ignore' });
    child = started;
    await waitForPong(port, started, log);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (running === null || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url: `tcp://127.0.0.1:${port}`,
    port,
    start,
    stop,
    close: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A stand-in for clamd that answers only PING and VERSION (with signatures of `signedAt`), for tests of something
 * else that need a scanner that answers, such as the self-check's exit code; it scans nothing (INSTREAM gets
 * garbage back, so a file would go to quarantine). The scanner itself is tested against the real clamd above.
 */
export async function startStandInClamd(signedAt: Date = new Date()): Promise<{ url: string; close(): Promise<void> }> {
  const ctime = signedAt
    .toString()
    .replace(
      /^(\w{3}) (\w{3}) (\d{2}) (\d{4}) (\d{2}:\d{2}:\d{2}).*$/,
      (_m, day: string, month: string, date: string, year: string, time: string) =>
        `${day} ${month} ${date.replace(/^0/, ' ')} ${time} ${year}`,
    );
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', (chunk: Buffer) => {
      const command = chunk.toString('latin1');
      if (command.startsWith('zPING\0')) socket.end('PONG\0');
      else if (command.startsWith('zVERSION\0')) socket.end(`ClamAV 1.4.6/27123/${ctime}\0`);
      else socket.end('not a scanner\0');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `tcp://127.0.0.1:${port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseClamdUrl } from './clamd-address.ts';
import { parseClamdVersion } from './clamd-version.ts';
import { ClamdScanner, verdictOf } from './scanner.ts';

const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
});

/** A TCP server that plays a broken scanner: `answer` decides what it does with each connection. */
async function start(answer: (socket: net.Socket) => void): Promise<ClamdScanner> {
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    answer(socket);
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return new ClamdScanner({ kind: 'tcp', host: '127.0.0.1', port }, { connectMs: 500, idleMs: 300 });
}
const FILE = Buffer.alloc(256 * 1024, 0x41);

// Bad input (issue 17): a scanner that answers garbage or hangs up is never taken for a verdict of clean.
describe('a scanner that misbehaves', () => {
  it('answering garbage: unavailable, with what it said', async () => {
    const scanner = await start((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    const result = await scanner.scan(FILE, 'brief.pdf');
    expect(result).toMatchObject({ verdict: 'unavailable', reason: 'garbage' });
    expect(result.verdict === 'unavailable' && result.detail).toContain('HTTP/1.1 400');
  });

  it('answering "stream: OK" with trailing garbage is no verdict either', async () => {
    const scanner = await start((socket) => socket.once('data', () => socket.end('stream: OK, probably\0')));
    expect(await scanner.scan(FILE, 'brief.pdf')).toMatchObject({ verdict: 'unavailable', reason: 'garbage' });
  });

  it('closing the connection in the middle of the stream: cut off', async () => {
    const scanner = await start((socket) => {
      let seen = 0;
      socket.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > 64 * 1024) socket.destroy();
      });
    });
    expect(await scanner.scan(FILE, 'brief.pdf')).toMatchObject({ verdict: 'unavailable', reason: 'cut_off' });
  });

  it('never answering: a timeout, not a hang', async () => {
    const scanner = await start(() => undefined);
    expect(await scanner.scan(FILE, 'brief.pdf')).toMatchObject({ verdict: 'unavailable', reason: 'timeout' });
  });

  it('not listening at all: unreachable', async () => {
    const scanner = new ClamdScanner({ kind: 'unix', path: '/nonexistent/clamd.ctl' });
    expect(await scanner.scan(FILE, 'brief.pdf')).toMatchObject({ verdict: 'unavailable', reason: 'unreachable' });
    expect(await scanner.probe()).toMatchObject({ reachable: false });
  });

  it('an endless answer is cut at 4 KiB and read as garbage', async () => {
    const scanner = await start((socket) => socket.write(Buffer.alloc(64 * 1024, 0x78)));
    expect(await scanner.scan(FILE, 'brief.pdf')).toMatchObject({ verdict: 'unavailable', reason: 'garbage' });
  });
});

describe("clamd's words", () => {
  it('reads the two verdicts exactly, and errors as no verdict', () => {
    expect(verdictOf('a', 'stream: OK')).toEqual({ name: 'a', verdict: 'clean' });
    expect(verdictOf('a', 'stream: Win.Test.EICAR_HDB-1 FOUND')).toEqual({
      name: 'a',
      verdict: 'infected',
      signature: 'Win.Test.EICAR_HDB-1',
    });
    expect(verdictOf('a', 'INSTREAM size limit exceeded. ERROR')).toMatchObject({ verdict: 'unavailable', reason: 'size_limit' });
    expect(verdictOf('a', "stream: Can't allocate memory ERROR")).toMatchObject({
      verdict: 'unavailable',
      reason: 'scanner_error',
    });
    expect(verdictOf('a', 'stream:  FOUND')).toMatchObject({ verdict: 'unavailable', reason: 'garbage' });
    expect(verdictOf('a', '')).toMatchObject({ verdict: 'unavailable', reason: 'garbage' });
  });

  it('reads KLUIS_CLAMD_URL as TCP or a local socket, and nothing else', () => {
    expect(parseClamdUrl('tcp://127.0.0.1:3310')).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 3310 });
    expect(parseClamdUrl('tcp://[::1]:3310')).toEqual({ kind: 'tcp', host: '::1', port: 3310 });
    expect(parseClamdUrl('unix:///run/clamav/clamd.ctl')).toEqual({ kind: 'unix', path: '/run/clamav/clamd.ctl' });
    for (const bad of [
      'tcp://127.0.0.1',
      'http://127.0.0.1:3310',
      'tcp://u:p@host:3310',
      'unix://host/x',
      'unix:///',
      '127.0.0.1:3310',
      'tcp://h:3310/x',
    ]) {
      expect(parseClamdUrl(bad), bad).toBeNull();
    }
  });

  it("reads VERSION with and without the database's date", () => {
    const parsed = parseClamdVersion('ClamAV 1.4.6/27123/Thu Dec  3 06:47:19 2026');
    expect(parsed?.engine).toBe('1.4.6');
    expect(parsed?.signatures?.version).toBe(27123);
    expect(parsed?.signatures?.date.getFullYear()).toBe(2026);
    expect(parsed?.signatures?.date.getDate()).toBe(3);
    expect(parseClamdVersion('ClamAV 1.4.6')).toEqual({ engine: '1.4.6', signatures: null });
    expect(parseClamdVersion('SSH-2.0-OpenSSH')).toBeNull();
  });
});

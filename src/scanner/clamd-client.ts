import net from 'node:net';
import { once } from 'node:events';
import type { ClamdAddress } from './clamd-address.ts';

// A client of our own over node:net rather than an npm package. The protocol is small (clamd's manual, "INSTREAM":
// `zINSTREAM\0`, chunks each after a 4-byte big-endian length, a zero length to end, one NUL-terminated reply), and
// what Kluis needs from it is exactly what the packages blur: `clamscan` (the one well-kept client) pings in init()
// and refuses to start while clamd is down, falls back to local binaries, moves files to quarantine folders of its
// own and reports a reply it does not know, a hang-up and a refused connection alike as thrown errors; `clamdjs`
// has not been released since 2017 and hands back the raw reply. Here every way of not getting an answer
// is its own outcome (ClamdFailure), so the caller can quarantine a file instead of guessing.

/** How long to wait for clamd: to connect, and for each next byte once connected (a large file takes a while). */
export interface ClamdTimeouts {
  connectMs: number;
  idleMs: number;
}

/** Why no reply came: nothing listens, it went silent, or it hung up before answering. */
export type ClamdFailureKind = 'unreachable' | 'timeout' | 'cut_off';

export class ClamdFailure extends Error {
  readonly kind: ClamdFailureKind;
  constructor(kind: ClamdFailureKind, message: string) {
    super(message);
    this.name = 'ClamdFailure';
    this.kind = kind;
  }
}

/** The largest reply kept; clamd's are one line, anything longer is not clamd. */
const MAX_REPLY_BYTES = 4096;

interface Session {
  socket: net.Socket;
  /** The reply up to its NUL, or what came before clamd closed the connection; rejects with a ClamdFailure. */
  reply: Promise<string>;
  /** Whether the reply has settled (clamd may answer before the upload ends: a size limit). */
  settled(): boolean;
}

function open(address: ClamdAddress, timeouts: ClamdTimeouts): Session {
  const socket =
    address.kind === 'tcp' ? net.connect({ host: address.host, port: address.port }) : net.connect({ path: address.path });
  let connected = false;
  let done = false;
  const chunks: Buffer[] = [];
  let length = 0;
  socket.setTimeout(timeouts.connectMs);
  const reply = new Promise<string>((resolve, reject) => {
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      outcome();
      socket.destroy();
    };
    const received = () => Buffer.concat(chunks).toString('utf8');
    socket.on('connect', () => {
      connected = true;
      socket.setTimeout(timeouts.idleMs);
    });
    socket.on('data', (chunk: Buffer) => {
      const nul = chunk.indexOf(0);
      chunks.push(nul === -1 ? chunk : chunk.subarray(0, nul));
      length += chunk.length;
      if (nul !== -1 || length > MAX_REPLY_BYTES) finish(() => resolve(received()));
    });
    socket.on('timeout', () =>
      finish(() =>
        reject(
          connected
            ? new ClamdFailure('timeout', `no answer within ${timeouts.idleMs} ms`)
            : new ClamdFailure('unreachable', `no connection within ${timeouts.connectMs} ms`),
        ),
      ),
    );
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reply that arrived before the error (clamd answers a size limit, then hangs up while we still send) counts.
      if (length > 0) finish(() => resolve(received()));
      else
        finish(() =>
          reject(
            connected
              ? new ClamdFailure('cut_off', `the connection broke: ${error.code ?? error.message}`)
              : new ClamdFailure('unreachable', error.code ?? error.message),
          ),
        );
    });
    // clamd has said all it will say once it ends its side; waiting for the close could wait on our unsent bytes.
    socket.on('end', () => {
      if (length > 0) finish(() => resolve(received()));
      else finish(() => reject(new ClamdFailure('cut_off', 'clamd ended the connection without an answer')));
    });
    socket.on('close', () => {
      if (length > 0) finish(() => resolve(received()));
      else finish(() => reject(new ClamdFailure('cut_off', 'clamd closed the connection without an answer')));
    });
  });
  // Settled promises are observed by whoever awaits them; this keeps an unawaited rejection from escaping.
  reply.catch(() => undefined);
  return { socket, reply, settled: () => done };
}

/** Writes the parts as one write, waiting while the socket's buffer is full, unless the reply comes (or fails) first. */
async function send(session: Session, ...parts: Uint8Array[]): Promise<void> {
  if (session.settled()) return;
  const { socket } = session;
  socket.cork();
  let flowing = true;
  for (const part of parts) flowing = socket.write(part);
  socket.uncork();
  if (flowing) return;
  await Promise.race([once(session.socket, 'drain').catch(() => undefined), session.reply.catch(() => undefined)]);
}

/** One command without payload (`PING`, `VERSION`), as clamd's z-form: NUL-terminated both ways. */
export async function clamdCommand(address: ClamdAddress, command: 'PING' | 'VERSION', timeouts: ClamdTimeouts): Promise<string> {
  const session = open(address, timeouts);
  await send(session, Buffer.from(`z${command}\0`, 'latin1'));
  return session.reply;
}

/** The pieces of at most `size` bytes of the content, in order. */
async function* pieces(content: Uint8Array | AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  const sources = content instanceof Uint8Array ? [content] : content;
  for await (const source of sources) {
    for (let at = 0; at < source.length; at += size) yield source.subarray(at, Math.min(at + size, source.length));
  }
}

/** Sends the content with INSTREAM and returns clamd's reply as it came (`stream: OK`, `stream: <name> FOUND`, …). */
export async function clamdInstream(
  address: ClamdAddress,
  content: Uint8Array | AsyncIterable<Uint8Array>,
  options: ClamdTimeouts & { chunkBytes: number },
): Promise<string> {
  const session = open(address, options);
  await send(session, Buffer.from('zINSTREAM\0', 'latin1'));
  for await (const piece of pieces(content, options.chunkBytes)) {
    if (session.settled()) break;
    const header = Buffer.alloc(4);
    header.writeUInt32BE(piece.length);
    await send(session, header, piece);
    // clamd answers a stream over its StreamMaxLength at once and hangs up; a second write after that fails, and
    // Node then drops what it had not read. One write per piece and a turn of the event loop after each (which
    // reads before it writes) keep that answer.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await send(session, Buffer.alloc(4));
  return session.reply;
}

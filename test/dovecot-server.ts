import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { dovecotPath } from './prerequisites.ts';

// No vitest here: `npm run bench` starts the same server (bench/mailbox-intake.ts).

export interface TestDovecot {
  /** imap://kluis:secret@127.0.0.1:<port>, for KLUIS_IMAP_URL. */
  url: string;
  port: number;
  user: string;
  password: string;
  /** Appends a raw message to a folder (INBOX by default) with its arrival time (INTERNALDATE). */
  append(raw: string | Buffer, options?: { folder?: string; arrivedAt?: Date }): Promise<number>;
  /** UIDs of the messages in a folder ('Kluis/Verwerkt': levels split at '/'); an absent folder has none. */
  uids(folder: string): Promise<number[]>;
  /** Stops the server (mid-read, for a test); `start()` brings it back on the same port with the same mail. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its folder. */
  close(): Promise<void>;
}

const USER = 'kluis';
const PASSWORD = 'secret';

/**
 * A real Dovecot of our own, on a free port of 127.0.0.1, with its configuration, mail, state and sockets in a
 * temporary folder: no system configuration is read. Plain IMAP with PLAIN login, one user in a passwd-file.
 * Run as root, the login process runs as Debian's `dovenull` and the mail as `dovecot` (Dovecot refuses root
 * for both); as anyone else, everything runs as that user.
 */
export async function startTestDovecot(): Promise<TestDovecot> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-dovecot-'));
  const port = await freePort();
  const config = path.join(root, 'dovecot.conf');
  prepareFolder(root);
  fs.writeFileSync(config, configText(root, port));
  let child: ChildProcess | undefined;
  const start = async () => {
    // A process group of its own: stopping it ends the master and every process serving a connection.
    child = spawn(dovecotPath(), ['-c', config, '-F'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    await waitUntilReady(port, () =>
      child?.exitCode === null ? null : `dovecot exited (${child?.exitCode}): ${stderr.trim()} ${logTail(root)}`,
    );
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    // The whole group, as when the machine serving the mailbox goes away: open connections end too.
    if (running.pid !== undefined) process.kill(-running.pid, 'SIGTERM');
    await exited;
    for (let i = 0; i < 100 && (await answers(port)); i += 1) await sleep(50);
  };
  await start();
  const url = `imap://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  const withClient = async <T>(work: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: USER, pass: PASSWORD }, logger: false });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout().catch(() => undefined);
    }
  };
  return {
    url,
    port,
    user: USER,
    password: PASSWORD,
    append: (raw, options = {}) =>
      withClient(async (client) => {
        const folder = (options.folder ?? 'INBOX').split('/');
        if (folder.join('/') !== 'INBOX') await client.mailboxCreate(folder).catch(() => undefined);
        const appended = await client.append(folder, raw, [], options.arrivedAt ?? new Date());
        return appended === false ? 0 : Number(appended.uid ?? 0);
      }),
    uids: (folder) =>
      withClient(async (client) => {
        // 'Kluis/Verwerkt' as Kluis's settings write it; the server's own delimiter in its names.
        const path = folder.split('/').join(client.namespace?.delimiter ?? '/');
        const exists = (await client.list()).some((m) => m.path === path);
        if (!exists) return [];
        const lock = await client.getMailboxLock(path);
        try {
          const found = await client.search({ all: true }, { uid: true });
          return found === false || found === undefined ? [] : found;
        } finally {
          lock.release();
        }
      }),
    stop,
    start,
    close: async () => {
      await stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The folders and the passwd-file of the server, readable by the users it runs as. */
function prepareFolder(root: string): void {
  for (const dir of ['run', 'state', 'mail']) fs.mkdirSync(path.join(root, dir));
  fs.writeFileSync(path.join(root, 'passwd'), `${USER}:{PLAIN}${PASSWORD}\n`);
  const mailUser = mailAccount();
  // mkdtemp makes the folder 0700; the mail and login processes run as other users when we are root.
  fs.chmodSync(root, 0o755);
  fs.chownSync(path.join(root, 'mail'), mailUser.uid, mailUser.gid);
}

/** Who owns the mail: ourselves, or Debian's `dovecot` user when we are root. */
function mailAccount(): { name: string; uid: number; gid: number; loginUser: string; group: string } {
  const me = os.userInfo();
  if (me.uid !== 0) {
    const group = spawnSync('id', ['-gn'], { encoding: 'utf8' }).stdout.trim();
    return { name: me.username, uid: me.uid, gid: me.gid, loginUser: me.username, group };
  }
  const id = (flag: string) => spawnSync('id', [flag, 'dovecot'], { encoding: 'utf8' }).stdout.trim();
  return { name: 'dovecot', uid: Number(id('-u')), gid: Number(id('-g')), loginUser: 'dovenull', group: id('-gn') };
}

function configText(root: string, port: number): string {
  const mail = mailAccount();
  return `# Written by test/dovecot.ts: a Dovecot of the tests' own.
base_dir = ${root}/run
state_dir = ${root}/state
log_path = ${root}/dovecot.log
instance_name = kluis-test-${port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
default_login_user = ${mail.loginUser}
default_internal_user = ${mail.name}
default_internal_group = ${mail.group}
first_valid_uid = ${Math.min(mail.uid, 500)}
first_valid_gid = 0
mail_location = maildir:${root}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${root}/passwd
}
userdb {
  driver = static
  args = uid=${mail.uid} gid=${mail.gid} home=${root}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`;
}

/** A port nobody listens on now (the kernel's choice), for the server to take. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls until the server greets with a capability line, or fails with why it did not start. */
async function waitUntilReady(port: number, exited: () => string | null, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const failure = exited();
    if (failure !== null) throw new Error(failure);
    if (await greets(port)) return;
    await sleep(50);
  }
  throw new Error(`dovecot did not greet on port ${port} within ${timeoutMs} ms`);
}

/** Whether an IMAP greeting (`* OK [CAPABILITY …`) arrives on the port. */
function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\n')) done(/^\* OK .*CAPABILITY/.test(received));
    });
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function logTail(root: string): string {
  try {
    return fs.readFileSync(path.join(root, 'dovecot.log'), 'utf8').split('\n').slice(-5).join(' | ');
  } catch {
    return '';
  }
}

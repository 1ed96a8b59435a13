import { ImapFlow } from 'imapflow';
import type { Clock } from '../shared/clock.ts';

/** A mail waiting in the inbox, as its envelope tells it before anything is downloaded. */
export interface WaitingMail {
  uid: number;
  /** RFC822.SIZE: the message's size in bytes. */
  size: number;
  /** INTERNALDATE: when the server received it. */
  arrivedAt: Date;
  /** From and Subject of the envelope, for the record of a mail that is refused without being read. */
  from: string | null;
  subject: string | null;
}

/** How long the server may keep us waiting; a hanging server must not hold the job for ever. */
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 15_000, socketTimeout: 5 * 60_000 };
// IDLE (or NOOP polling without it) starts this long after a pass: new mail is reported within seconds.
const AUTO_IDLE_DELAY_MS = 2_000;

/**
 * One connection to the organisation's mailbox (imapflow), with the inbox selected: what waits there, the
 * messages themselves, and moving them away. imapflow keeps the connection in IDLE when nothing is asked of
 * it and the server has IDLE (NOOP polling otherwise), and reports new mail as `exists` events.
 */
export class ImapMailbox {
  private readonly client: ImapFlow;
  private readonly inbox: string;
  /** The time of a mail the server gives no arrival time. */
  private readonly clock: Clock;
  private closed = false;

  private constructor(client: ImapFlow, inbox: string, clock: Clock) {
    this.client = client;
    this.inbox = inbox;
    this.clock = clock;
  }

  /** Connects, logs in and selects the inbox. `url`: imaps://user:password@host:port (imap:// without TLS). */
  static async open(url: string, inbox: string, clock: Clock): Promise<ImapMailbox> {
    const parsed = new URL(url);
    const secure = parsed.protocol === 'imaps:';
    const client = new ImapFlow({
      host: parsed.hostname,
      port: parsed.port === '' ? (secure ? 993 : 143) : Number(parsed.port),
      secure,
      auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) },
      logger: false,
      autoIdleDelay: AUTO_IDLE_DELAY_MS,
      ...TIMEOUTS,
    });
    // An error event without a listener would end the process; the failing command rejects as well.
    client.on('error', () => undefined);
    await client.connect();
    const mailbox = new ImapMailbox(client, inbox, clock);
    try {
      await client.mailboxOpen(inbox);
    } catch (error) {
      await mailbox.close();
      throw error;
    }
    return mailbox;
  }

  /** The inbox's UIDVALIDITY: UIDs only mean the same message while it stays the same. */
  get uidValidity(): string {
    const box = this.client.mailbox;
    if (box === false) throw new Error(`The folder ${this.inbox} is not open`);
    return String(box.uidValidity);
  }

  /** Whether the server has IDLE: new mail is then reported at once, otherwise found by polling. */
  get hasIdle(): boolean {
    return this.client.capabilities.has('IDLE');
  }

  /** Whether the connection is still usable. */
  get usable(): boolean {
    return !this.closed && this.client.usable;
  }

  /** Calls `listener` whenever the server reports new mail in the inbox; also when the connection ends. */
  onChange(listener: (event: 'exists' | 'closed') => void): void {
    this.client.on('exists', () => listener('exists'));
    this.client.on('close', () => listener('closed'));
  }

  /** Every mail in the inbox, oldest UID first: its size, arrival, sender and subject. */
  async waiting(): Promise<WaitingMail[]> {
    this.checkUsable();
    // Between passes the connection may not have heard of new mail yet (before IDLE started): ask.
    await this.client.noop();
    const box = this.client.mailbox;
    if (box === false || box.exists === 0) return [];
    const found: WaitingMail[] = [];
    for await (const m of this.client.fetch('1:*', { uid: true, size: true, internalDate: true, envelope: true })) {
      const from = m.envelope?.from?.[0];
      found.push({
        uid: m.uid,
        size: m.size ?? 0,
        arrivedAt:
          m.internalDate instanceof Date
            ? m.internalDate
            : m.internalDate === undefined
              ? this.clock.now()
              : new Date(m.internalDate),
        from:
          from === undefined
            ? null
            : from.name === undefined || from.name === ''
              ? (from.address ?? null)
              : `${from.name} <${from.address ?? ''}>`,
        subject: m.envelope?.subject ?? null,
      });
    }
    this.checkUsable();
    return found.sort((a, b) => a.uid - b.uid);
  }

  /** The messages themselves, as the server has them, by UID. A message gone meanwhile is left out. */
  async sources(uids: number[]): Promise<Map<number, Buffer>> {
    const found = new Map<number, Buffer>();
    if (uids.length === 0) return found;
    this.checkUsable();
    for await (const m of this.client.fetch(uids.join(','), { uid: true, source: true }, { uid: true })) {
      if (m.source !== undefined) found.set(m.uid, m.source);
    }
    // A fetch cut short by a lost connection ends quietly: what is missing must not look like mail gone meanwhile.
    this.checkUsable();
    return found;
  }

  /** Moves the messages to the folder (created when missing); `folder` is split at '/' into its levels. */
  async move(uids: number[], folder: string): Promise<void> {
    if (uids.length === 0) return;
    const path = folder.split('/').filter((p) => p !== '');
    this.checkUsable();
    await this.ensureFolder(path);
    const moved = await this.client.messageMove(uids.join(','), path, { uid: true });
    if (moved === false || !this.client.usable) throw new Error(`The server did not move the mail to ${folder}`);
  }

  /** Logs out; a connection that is already gone is closed quietly. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.client.logout();
    } catch {
      this.client.close();
    }
  }

  private readonly created = new Set<string>();

  /** imapflow answers quietly on a connection that is gone; the reader must know, to try again next pass. */
  private checkUsable(): void {
    if (!this.usable) throw new Error('The connection to the mailbox was lost');
  }

  private async ensureFolder(path: string[]): Promise<void> {
    const key = path.join('/');
    if (this.created.has(key)) return;
    const delimiter = this.client.namespace?.delimiter ?? '/';
    const joined = `${this.client.namespace?.prefix ?? ''}${path.join(delimiter)}`;
    const exists = (await this.client.list()).some((m) => m.path === joined || m.path === path.join(delimiter));
    if (!exists) await this.client.mailboxCreate(path);
    this.created.add(key);
  }
}

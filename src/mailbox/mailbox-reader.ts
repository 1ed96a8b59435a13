import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { ImapMailbox, type WaitingMail } from './imap-mailbox.ts';
import type { MailIntakeService, ReadMail, TakenMail } from './mail-intake.service.ts';
import * as reads from './mailbox-read.repository.ts';
import { type Clock, isoNow } from '../shared/clock.ts';

/** Where the mailbox is and what to do with mail once it was read (KLUIS_IMAP_*). */
export interface MailboxSettings {
  url: string;
  inbox: string;
  handledFolder: string;
  refusedFolder: string;
  /** Larger mail is not downloaded: it is refused with a record and moved to the refused folder. */
  maxMailBytes: number;
  /** Mails downloaded, and moved, at once; 100 by default. */
  batchSize?: number | undefined;
}

/** What one pass over the inbox did. */
export interface PassReport {
  /** Mails taken in: requests, replies, items of the triage inbox. */
  taken: number;
  refused: number;
  /** Mails found again that were read before (Kluis stopped before it moved them): moved, not taken in twice. */
  recognised: number;
  moved: number;
  /** Why the pass ended early (the server went away, a database error); the next pass goes on from there. */
  failure: string | null;
}

// A batch: the messages downloaded at once, moved at once after each was recorded.
const BATCH_COUNT = 100;
const BATCH_BYTES = 32 * 1024 * 1024;
// Mails of a batch taken in at the same time. Each has its own transaction; the order within a batch does not matter.
const CONCURRENCY = 4;

/**
 * Reads the inbox: every mail in it is taken in (mail-intake.service.ts) and then moved out, to the handled or
 * the refused folder. The record comes first, the move second: when Kluis stops between the two, the next
 * pass finds the mail's UID (under the same UIDVALIDITY) recorded and only moves it. The connection stays
 * open between passes; the server's IDLE (or imapflow's polling without it) reports new mail, which wakes
 * the job at once. Runs under the scheduler's lease, so one instance reads the mailbox.
 */
export class MailboxReader {
  private readonly db: Kysely<DB>;
  private readonly intake: MailIntakeService;
  private readonly settings: MailboxSettings;
  /** The clock of the moves it records and of mail the server gives no arrival time (createServices' one clock). */
  private readonly clock: Clock;
  private connection: ImapMailbox | undefined;
  private wake: (() => void) | undefined;
  private passing = false;
  private newMail = false;

  constructor(db: Kysely<DB>, intake: MailIntakeService, settings: MailboxSettings, clock: Clock) {
    this.db = db;
    this.clock = clock;
    this.intake = intake;
    this.settings = settings;
  }

  /** Whom to tell when new mail arrives between passes (the scheduler, which runs the job under its lease). */
  onNewMail(wake: () => void): void {
    this.wake = wake;
  }

  /** One pass over the inbox, repeated while new mail arrives during it. Never throws: a failure is in the report. */
  async readOnce(): Promise<PassReport> {
    const report: PassReport = { taken: 0, refused: 0, recognised: 0, moved: 0, failure: null };
    this.passing = true;
    try {
      do {
        this.newMail = false;
        const box = await this.connect();
        await this.pass(box, report);
      } while (this.newMail);
    } catch (error) {
      report.failure = error instanceof Error ? error.message : String(error);
      // A connection in an unknown state is not used again: the next pass connects afresh.
      await this.disconnect();
    } finally {
      this.passing = false;
    }
    return report;
  }

  /** Logs out of the mailbox. */
  async close(): Promise<void> {
    this.wake = undefined;
    await this.disconnect();
  }

  private async pass(box: ImapMailbox, report: PassReport): Promise<void> {
    const waiting = await box.waiting();
    if (waiting.length === 0) return;
    const uidValidity = box.uidValidity;
    const known = new Map(
      (
        await reads.listByUids(
          this.db,
          this.settings.inbox,
          uidValidity,
          waiting.map((w) => w.uid),
        )
      ).map((r) => [r.uid, r]),
    );
    // Read before, not moved: Kluis stopped between the record and the move. Move it now, take nothing in.
    const again = waiting.flatMap((w) => {
      const read = known.get(w.uid);
      return read === undefined ? [] : [{ uid: w.uid, readId: read.id, refused: read.outcome === 'refused' }];
    });
    report.recognised += again.length;
    await this.moveAll(box, again, report);
    for (const batch of batches(
      waiting.filter((w) => !known.has(w.uid)),
      this.settings.maxMailBytes,
      this.settings.batchSize ?? BATCH_COUNT,
    )) {
      const done: { uid: number; readId: string; refused: boolean }[] = [];
      const small = batch.filter((w) => w.size <= this.settings.maxMailBytes);
      const sources = await box.sources(small.map((w) => w.uid));
      // A few mails at once: while one waits for the database (PostgreSQL) another is parsed and checked.
      await eachConcurrently(batch, CONCURRENCY, async (w) => {
        const mail: ReadMail = {
          folder: this.settings.inbox,
          uidValidity,
          uid: w.uid,
          arrivedAt: w.arrivedAt,
          size: w.size,
          envelope: { from: w.from, subject: w.subject },
        };
        const raw = sources.get(w.uid);
        let taken: TakenMail;
        if (w.size > this.settings.maxMailBytes)
          taken = await this.intake.refuse(
            mail,
            `The mail is ${w.size} bytes; Kluis reads mail of at most ${this.settings.maxMailBytes} bytes (KLUIS_IMAP_MAX_MAIL_MB), so it was not downloaded`,
            'too_large',
          );
        else if (raw === undefined)
          return; // gone meanwhile (another client moved it)
        else taken = await this.intake.take(mail, raw);
        if (taken.readId === null) return;
        if (taken.recognised === true) report.recognised += 1;
        else if (taken.outcome === 'refused') report.refused += 1;
        else report.taken += 1;
        done.push({ uid: w.uid, readId: taken.readId, refused: taken.outcome === 'refused' });
      });
      await this.moveAll(box, done, report);
    }
  }

  private async moveAll(
    box: ImapMailbox,
    mails: { uid: number; readId: string; refused: boolean }[],
    report: PassReport,
  ): Promise<void> {
    for (const [folder, group] of [
      [this.settings.handledFolder, mails.filter((m) => !m.refused)],
      [this.settings.refusedFolder, mails.filter((m) => m.refused)],
    ] as const) {
      if (group.length === 0) continue;
      await box.move(
        group.map((m) => m.uid),
        folder,
      );
      await reads.markMoved(
        this.db,
        group.map((m) => m.readId),
        folder,
        isoNow(this.clock),
      );
      report.moved += group.length;
    }
  }

  private async connect(): Promise<ImapMailbox> {
    if (this.connection?.usable === true) return this.connection;
    await this.disconnect();
    const box = await ImapMailbox.open(this.settings.url, this.settings.inbox, this.clock);
    box.onChange((event) => {
      if (event === 'closed') {
        if (this.connection === box) this.connection = undefined;
        return;
      }
      this.newMail = true;
      if (!this.passing) this.wake?.();
    });
    this.connection = box;
    return box;
  }

  private async disconnect(): Promise<void> {
    const box = this.connection;
    this.connection = undefined;
    await box?.close();
  }
}

/** The waiting mail in batches of at most `count` mails and BATCH_BYTES (a refused, oversized mail counts nothing). */
function batches(waiting: WaitingMail[], maxMailBytes: number, count: number): WaitingMail[][] {
  const result: WaitingMail[][] = [];
  let current: WaitingMail[] = [];
  let bytes = 0;
  for (const w of waiting) {
    const size = w.size > maxMailBytes ? 0 : w.size;
    if (current.length > 0 && (current.length >= count || bytes + size > BATCH_BYTES)) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(w);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}

/**
 * Runs `work` on every item, at most `limit` at a time. Waits for all of them, also when one fails (its records stay,
 * the next pass moves them), and then throws the first failure.
 */
async function eachConcurrently<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item).catch((error: unknown) => failures.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
}

import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createTransport } from 'nodemailer';
import type { DB, OutboxRow } from '../db/types.ts';
import { maxAttempts, nextAttemptAt, RETRY_DELAYS_MS } from './backoff.ts';
import { fillSecrets, type MailSecretBox } from './mail-secrets.ts';
import type { Mailbox } from './mailbox.ts';
import * as outbox from './outbox.repository.ts';
import { describeSmtpError } from './smtp-error.ts';
import { type Clock, systemClock } from '../shared/clock.ts';

/** Where mail goes and in whose name. */
export interface MailSettings {
  /** smtp:// or smtps:// URL; undefined: nothing is sent and messages wait in the outbox. */
  smtpUrl?: string | undefined;
  from: Mailbox;
  /** Seals the secrets of a message when it is queued and opens them here, at the hand-over to SMTP. */
  secrets: MailSecretBox;
  /** DKIM-signs every message (nodemailer's signing); undefined: mail goes out unsigned. */
  dkim?: DkimSigning | undefined;
}

/** nodemailer's DKIM options: the signing domain (d=), the selector (s=) and the private key in PEM form. */
export interface DkimSigning {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

export interface DeliveryOptions {
  /** Messages claimed per query; a pass goes on until nothing is due or `maxPerPass` were handled. */
  batchSize?: number;
  maxPerPass?: number;
  /** A message in 'sending' longer than this belongs to an instance that stopped; it is tried again. */
  claimTimeoutMs?: number;
  retryDelaysMs?: readonly number[];
  /** Names this process in `claimed_by`; random by default. */
  instanceId?: string;
  clock?: Clock;
}

/** What one delivery pass did. */
export interface DeliveryReport {
  configured: boolean;
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Given up: the last attempt failed, or the server refused the recipient for good. */
  failed: number;
  /** Claims of stopped instances taken back. */
  recovered: number;
  /** Sent, but another instance had meanwhile taken the claim over (slower than the claim timeout). */
  lost: number;
}

// Short enough that a hanging server cannot hold a claim anywhere near the claim timeout.
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/**
 * Delivers the outbox over SMTP. Every message is claimed before the server is contacted, so instances
 * sharing one database never send it twice; a message whose sender stopped mid-send is sent again after the
 * claim timeout (the same Message-ID, so a receiving system can tell it is the same message).
 */
export class MailDelivery {
  private readonly db: Kysely<DB>;
  private readonly settings: MailSettings;
  private readonly transport: ReturnType<typeof createTransport> | undefined;
  private readonly batchSize: number;
  private readonly maxPerPass: number;
  private readonly claimTimeoutMs: number;
  private readonly delays: readonly number[];
  private readonly clock: Clock;
  readonly instanceId: string;

  constructor(db: Kysely<DB>, settings: MailSettings, options: DeliveryOptions = {}) {
    this.db = db;
    this.settings = settings;
    this.transport =
      settings.smtpUrl === undefined
        ? undefined
        : createTransport({
            url: settings.smtpUrl,
            ...TIMEOUTS,
            ...(settings.dkim === undefined ? {} : { dkim: settings.dkim }),
          });
    this.batchSize = options.batchSize ?? 20;
    this.maxPerPass = options.maxPerPass ?? 200;
    this.claimTimeoutMs = options.claimTimeoutMs ?? 10 * 60_000;
    this.delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
    this.instanceId = options.instanceId ?? `kluis-${randomBytes(6).toString('hex')}`;
    this.clock = options.clock ?? systemClock;
  }

  /** Whether an SMTP server is configured; without one, messages stay pending. */
  get configured(): boolean {
    return this.transport !== undefined;
  }

  /** Sends every message that is due, once; safe to run on several instances at the same time. */
  async deliverDue(): Promise<DeliveryReport> {
    const report: DeliveryReport = { configured: this.configured, sent: 0, retrying: 0, failed: 0, recovered: 0, lost: 0 };
    report.recovered = await this.recoverStaleClaims();
    if (this.transport === undefined) return report;
    let handled = 0;
    while (handled < this.maxPerPass) {
      const due = await outbox.listDue(
        this.db,
        this.clock.now().toISOString(),
        Math.min(this.batchSize, this.maxPerPass - handled),
      );
      if (due.length === 0) break;
      for (const id of due) {
        const claimedAt = this.clock.now().toISOString();
        // Another instance may have taken it since the list was read: then it is theirs.
        if (!(await outbox.claim(this.db, id, this.instanceId, claimedAt))) continue;
        const row = await outbox.getById(this.db, id);
        if (row !== undefined) report[await this.send(row, claimedAt)] += 1;
      }
      handled += due.length;
    }
    return report;
  }

  /** Closes the SMTP transport. */
  close(): void {
    this.transport?.close();
  }

  private async send(row: OutboxRow, claimedAt: string): Promise<'sent' | 'retrying' | 'failed' | 'lost'> {
    const claim = { holder: this.instanceId, at: claimedAt };
    const attempts = row.attempts + 1;
    const messageId = `<${row.id}@${domainOf(this.settings.from.address)}>`;
    let outcome: outbox.Outcome;
    try {
      if (this.transport === undefined) throw new Error('no SMTP server configured');
      // The secrets exist in clear only here, on their way to the server; the row keeps placeholders.
      const sealed = await outbox.getSealedSecrets(this.db, row.id);
      const secrets = sealed === null ? [] : this.settings.secrets.open(sealed, row.id);
      const body = fillSecrets({ text: row.body_text, html: row.body_html }, secrets);
      const attachments = await outbox.listAttachments(this.db, row.id);
      await this.transport.sendMail({
        from:
          this.settings.from.name === undefined
            ? this.settings.from.address
            : { name: this.settings.from.name, address: this.settings.from.address },
        to: row.to_address,
        subject: row.title,
        text: body.text,
        ...(body.html === null ? {} : { html: body.html }),
        messageId,
        ...(attachments.length === 0
          ? {}
          : {
              attachments: attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: Buffer.from(a.content),
              })),
            }),
        // RFC 3834: an automatic message; out-of-office replies should not answer it.
        headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': row.language },
      });
      outcome = { status: 'sent', attempts, sentAt: this.clock.now().toISOString(), messageId, lastError: null };
    } catch (error) {
      const failure = describeSmtpError(error);
      const next = failure.permanent ? null : nextAttemptAt(attempts, this.clock.now(), this.delays);
      outcome =
        next === null
          ? { status: 'failed', attempts, lastError: failure.message }
          : { status: 'pending', attempts, nextAttemptAt: next, lastError: failure.message };
    }
    if (!(await outbox.settle(this.db, row.id, claim, outcome))) return 'lost';
    return outcome.status === 'pending' ? 'retrying' : outcome.status;
  }

  /**
   * A claim older than the timeout is an instance that stopped between claiming and settling. Whether the
   * server got the message is unknown, so it counts as an attempt (a message that crashes its sender every
   * time must not be tried for ever) and goes out again at once: better twice than never.
   */
  private async recoverStaleClaims(): Promise<number> {
    const now = this.clock.now();
    const stale = await outbox.listStaleClaims(this.db, new Date(now.getTime() - this.claimTimeoutMs).toISOString());
    let recovered = 0;
    for (const row of stale) {
      if (row.claimed_by === null || row.claimed_at === null) continue;
      const attempts = row.attempts + 1;
      const lastError = `interrupted: ${row.claimed_by} claimed it at ${row.claimed_at} and never finished`;
      const outcome: outbox.Outcome =
        attempts >= maxAttempts(this.delays)
          ? { status: 'failed', attempts, lastError }
          : { status: 'pending', attempts, nextAttemptAt: now.toISOString(), lastError };
      if (await outbox.settle(this.db, row.id, { holder: row.claimed_by, at: row.claimed_at }, outcome)) recovered += 1;
    }
    return recovered;
  }
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1) || 'kluis.invalid';
}

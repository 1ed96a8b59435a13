import { throughSystemDoor } from '../guard/door.ts';
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { MAIL_REFUSALS } from '../db/tables/mailbox.ts';
import type { DB, InboxReason, MailOutcome, MailRefusal } from '../db/types.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { KluisError } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard, Processing, ProcessingContext } from '../guard/guard.ts';
import { type MailHeaders, type ParsedMessage, parseMail } from '../mail/eml.ts';
import { droppedNote } from '../rights/eml-import.service.ts';
import type { RequestIntakeService } from '../rights/request-intake.service.ts';
import { type AttachmentGate, beforeStore } from './attachment-gate.ts';
import { type DnsResolver, type MailAuthentication, authenticateMail } from './mail-authentication.ts';
import { fileInInbox, fileOnCase, fileOnRequest } from './mail-filing.ts';
import { type Route, type RoutingFacts, routeMail } from './mail-routing.ts';
import { likelyKind, likelyLanguage, senderName } from './mail-words.ts';
import * as reads from './mailbox-read.repository.ts';
import type { Executor } from '../db/executor.ts';

/** Who takes mail in from the mailbox: handling requests is the dpo's work, so it acts with that role. */
export const MAILBOX_ACTOR: Actor = { kind: 'system', id: 'mailbox', role: 'dpo' };

/** One mail as the reader found it in the mailbox. */
export interface ReadMail {
  folder: string;
  uidValidity: string;
  uid: number;
  /** INTERNALDATE: when the mail arrived; a request's deadline counts from it (Art. 12(3)). */
  arrivedAt: Date;
  size: number;
  /** The envelope's From and Subject: all that is kept of a mail refused unread. */
  envelope: { from: string | null; subject: string | null };
}

/** What became of a mail: the outcome recorded with its read, or `duplicate` when another read had it first. */
export interface TakenMail {
  readId: string | null;
  outcome: MailOutcome | 'duplicate';
  problem: string | null;
  /** The same message was taken in before under another UID (the server renumbered the folder): not again. */
  recognised?: boolean;
}

export interface MailIntakeOptions {
  /** The addresses Kluis and the organisation send from (the sender of the outbox); never a request. */
  mailFrom: string;
  /** Looks up DKIM keys and SPF and DMARC records; the system's DNS by default. */
  resolver?: DnsResolver | undefined;
  /** Where attachments pass before they are stored (the virus scanner's place); everything passes by default. */
  gate?: AttachmentGate | undefined;
}

// The operation the guard logs for each way a mail can go: a request is a case record, a reply a message.
const PROCESSING: Record<Route['to'], Pick<Processing, 'operation' | 'recordType' | 'includes'>> = {
  request: { operation: 'collect', recordType: 'case' },
  request_reply: { operation: 'collect', recordType: 'message', includes: ['case'] },
  case_reply: { operation: 'collect', recordType: 'message', includes: ['case'] },
  inbox: { operation: 'collect', recordType: 'message' },
};

/** A route changed between the look before the attachments were scanned and the transaction: read it again later. */
class RouteChanged extends Error {}

/**
 * Takes one mail in (P12: requests "per mail"): decides where it goes (mail-routing.ts), stores it there through
 * the guard and records the read (folder, UIDVALIDITY, UID) in the same transaction, so that the mail is either
 * taken in and recorded, or neither. A mail that cannot be taken in (unreadable, too large, too many parts,
 * attachments over a case's limits) is recorded as refused, with an item in the triage inbox saying why.
 */
export class MailIntakeService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly requests: RequestIntakeService;
  private readonly resolver: DnsResolver | undefined;
  private readonly gate: AttachmentGate;
  private readonly privacyAddresses: Set<string>;
  private readonly ownAddresses: Set<string>;

  constructor(db: Kysely<DB>, guard: Guard, requests: RequestIntakeService, options: MailIntakeOptions) {
    this.db = db;
    this.guard = guard;
    this.requests = requests;
    this.resolver = options.resolver;
    this.gate = options.gate ?? beforeStore;
    const controller = guard.policy.document.controller;
    this.privacyAddresses = new Set([controller.email, controller.dpo.email].map((a) => a.toLowerCase()));
    this.ownAddresses = new Set([options.mailFrom, controller.email, controller.dpo.email].map((a) => a.toLowerCase()));
  }

  /** Takes in a mail that was downloaded. Throws only when the database fails: the mail then stays for the next pass. */
  async take(mail: ReadMail, raw: Buffer): Promise<TakenMail> {
    const fingerprint = createHash('sha256').update(raw).digest('hex');
    const earlier = await reads.getByFingerprint(this.db, fingerprint);
    if (earlier !== undefined) return this.recordAgain(mail, fingerprint, earlier);
    let parsed: { message: ParsedMessage; headers: MailHeaders };
    try {
      parsed = await parseMail(raw, this.guard.clock.now());
    } catch (error) {
      if (error instanceof KluisError) return this.refuse(mail, error.message, refusalOf(error), fingerprint);
      throw error;
    }
    const authentication = await authenticateMail(raw, this.resolver);
    const facts: RoutingFacts = {
      ...parsed,
      authentication,
      privacyAddresses: this.privacyAddresses,
      ownAddresses: this.ownAddresses,
    };
    try {
      return await this.file(mail, facts, fingerprint);
    } catch (error) {
      if (error instanceof RouteChanged)
        throw new Error(`The mail with UID ${mail.uid} changed its way while it was read; it is read again in the next pass`);
      if (isUniqueViolation(error)) return { readId: null, outcome: 'duplicate', problem: null };
      await this.guard.logDenied(error);
      // Art. 18 and 21: the person's case may only store, or not be used for this purpose: staff decide (their
      // filing from the inbox is a storage), so the mail waits for them instead of being lost.
      if (error instanceof KluisError && (error.code === 'restricted' || error.code === 'objected'))
        return this.file(mail, facts, fingerprint, 'restricted');
      if (error instanceof KluisError) return this.refuse(mail, error.message, refusalOf(error), fingerprint);
      throw error;
    }
  }

  /** Stores the mail where it goes (or in the triage inbox for the reason `divert`) and records the read, in one transaction. */
  private async file(mail: ReadMail, facts: RoutingFacts, fingerprint: string, divert?: InboxReason): Promise<TakenMail> {
    const routeIn = async (db: Executor): Promise<Route> =>
      divert === undefined
        ? throughSystemDoor('mail-routing', () => routeMail(db, facts))
        : { to: 'inbox', reason: divert, detail: null, relatedRequestId: null, relatedCaseId: null };
    let message = facts.message;
    let gated = false;
    // Outside the transaction: scanning may take a while, and only what is stored with its files needs it.
    if (message.attachments.length > 0 && storesFiles(await routeIn(this.db))) {
      message = { ...message, attachments: await this.gate(message.attachments) };
      gated = true;
    }
    return this.db.transaction().execute(async (trx) => {
      const route = await routeIn(trx);
      if (storesFiles(route) && message.attachments.length > 0 && !gated) throw new RouteChanged();
      const stored = await this.guard.processIn(trx, { actor: MAILBOX_ACTOR, ...PROCESSING[route.to] }, (ctx) =>
        this.store(ctx, route, { ...facts, message }, mail),
      );
      const readId = await this.record(trx, mail, fingerprint, stored);
      return { readId, outcome: stored.outcome, problem: null };
    });
  }

  /**
   * Records a mail that is not taken in, with an item in the triage inbox that keeps its envelope (sender,
   * subject, arrival) and the reason, so staff know it came and can look at it in the refused folder.
   */
  async refuse(mail: ReadMail, problem: string, refusal: MailRefusal, fingerprint: string | null = null): Promise<TakenMail> {
    const envelope: ParsedMessage = {
      from: mail.envelope.from,
      to: null,
      title: mail.envelope.subject,
      occurredAt: mail.arrivedAt.toISOString(),
      body: '',
      attachments: [],
    };
    try {
      return await this.db.transaction().execute(async (trx) => {
        const stored = await this.guard.processIn(trx, { actor: MAILBOX_ACTOR, ...PROCESSING.inbox }, async (ctx) => {
          const itemId = await fileInInbox(ctx, envelope, {
            receivedAt: mail.arrivedAt,
            sizeBytes: mail.size,
            reason: 'refused',
            detail: refusal,
            authentication: null,
          });
          return { outcome: 'refused' as const, inboxItemId: itemId };
        });
        const readId = await this.record(trx, mail, fingerprint, stored, problem);
        return { readId, outcome: 'refused' as const, problem };
      });
    } catch (error) {
      if (isUniqueViolation(error)) return { readId: null, outcome: 'duplicate', problem: null };
      throw error;
    }
  }

  /** The same bytes were read before (a new UIDVALIDITY renumbered the inbox): recorded under this UID too, taken in once. */
  private async recordAgain(mail: ReadMail, fingerprint: string, earlier: reads.MailboxReadRow): Promise<TakenMail> {
    const problem = earlier.outcome === 'refused' ? earlier.problem : null;
    const stored: Stored = {
      outcome: earlier.outcome,
      requestId: earlier.request_id ?? undefined,
      caseId: earlier.case_id,
      messageId: earlier.message_id,
      inboxItemId: earlier.inbox_item_id ?? undefined,
    };
    try {
      const readId = await this.db.transaction().execute((trx) => this.record(trx, mail, fingerprint, stored, problem));
      return { readId, outcome: earlier.outcome, problem, recognised: true };
    } catch (error) {
      if (isUniqueViolation(error)) return { readId: null, outcome: 'duplicate', problem: null };
      throw error;
    }
  }

  private async store(
    ctx: ProcessingContext,
    route: Route,
    facts: RoutingFacts & { message: ParsedMessage },
    mail: ReadMail,
  ): Promise<Stored> {
    const { message, headers, authentication } = facts;
    const direction = headers.fromAddress !== null && this.ownAddresses.has(headers.fromAddress) ? 'outbound' : 'inbound';
    switch (route.to) {
      case 'request': {
        const row = await this.requests.registerFromMail(ctx, requestOf(message, headers, authentication, mail.arrivedAt));
        return { outcome: 'request', requestId: row.id };
      }
      case 'request_reply': {
        const filed = await fileOnRequest(ctx, route.request, message, direction);
        return { outcome: 'request_message', requestId: filed.requestId, caseId: filed.caseId, messageId: filed.messageId };
      }
      case 'case_reply': {
        const messageId = await fileOnCase(ctx, route.parent, message, direction);
        return { outcome: 'case_message', caseId: route.parent.id, messageId };
      }
      case 'inbox': {
        const facts = {
          receivedAt: mail.arrivedAt,
          sizeBytes: mail.size,
          reason: route.reason,
          detail: route.detail,
          relatedRequestId: route.relatedRequestId,
          relatedCaseId: route.relatedCaseId,
          authentication: JSON.stringify(authentication),
        };
        return { outcome: 'inbox', inboxItemId: await fileInInbox(ctx, message, facts) };
      }
    }
  }

  private async record(
    trx: Transaction<DB>,
    mail: ReadMail,
    fingerprint: string | null,
    stored: Stored,
    problem: string | null = null,
  ): Promise<string> {
    const id = randomUUID();
    await reads.create(trx, {
      id,
      folder: mail.folder,
      uid_validity: mail.uidValidity,
      uid: mail.uid,
      fingerprint,
      arrived_at: mail.arrivedAt.toISOString(),
      size_bytes: mail.size,
      outcome: stored.outcome,
      problem,
      request_id: stored.requestId ?? null,
      case_id: stored.caseId ?? null,
      message_id: stored.messageId ?? null,
      inbox_item_id: stored.inboxItemId ?? null,
      read_at: this.guard.clock.now().toISOString(),
      moved_to: null,
      moved_at: null,
    });
    return id;
  }
}

interface Stored {
  outcome: MailOutcome;
  requestId?: string | undefined;
  caseId?: string | null | undefined;
  messageId?: string | null | undefined;
  inboxItemId?: string | undefined;
}

/** What kind of refusal an error is: said by the code that refused (details.refusal), else from its code. */
function refusalOf(error: KluisError): MailRefusal {
  const said = (error.details as { refusal?: unknown } | undefined)?.refusal;
  if (typeof said === 'string' && (MAIL_REFUSALS as readonly string[]).includes(said)) return said as MailRefusal;
  return error.code === 'validation_failed' ? 'not_a_mail' : 'other';
}

const storesFiles = (route: Route): boolean => route.to === 'case_reply' || route.to === 'inbox';

/** A new request from a mail to the privacy address: its kind and language guessed from its words, its text as the details. */
function requestOf(message: ParsedMessage, headers: MailHeaders, authentication: MailAuthentication, arrivedAt: Date) {
  const dropped = { count: message.attachments.length, types: message.attachments.map((a) => a.contentType) };
  return {
    kind: likelyKind(message),
    name: senderName(message.from, headers.fromAddress),
    email: headers.fromAddress,
    language: likelyLanguage(headers, message),
    details: `--- E-mail ${message.occurredAt} from ${message.from ?? '?'}: ${message.title ?? '(no subject)'} ---\n${message.body}${droppedNote(dropped)}`,
    receivedAt: arrivedAt,
    authentication: JSON.stringify(authentication),
    attachmentsDropped: dropped.count,
    matchByAddress: !authentication.dmarcFailed,
  };
}

import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB, RightsRequestRow } from '../db/types.ts';
import { conflict, notFound, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard, ProcessingContext } from '../guard/guard.ts';
import type { MailSecretBox } from '../mail/mail-secrets.ts';
import { readAuthentication } from '../mail/mail-authentication.schema.ts';
import { enqueueMail } from '../mail/outbox.repository.ts';
import { parse } from '../shared/parse.ts';
import { CODE_MINUTES, openChallenges } from './challenges.ts';
import { dayOfReceipt, dueOn } from './deadline.ts';
import { type Candidate, PORTAL_ACTOR, addressOnFile, subjectsWithAddress } from './identity-matching.ts';
import { LIMITS, type RateLimiter } from './rate-limit.ts';
import { isRight, type RequestKind } from '../shared/request-kind.ts';
import { acknowledgementLetter, noDataLetter, verificationLetter } from './request-letters.ts';
import { langOf } from './request-words.ts';
import { presentRequest } from './request.presenter.ts';
import * as requests from './request.repository.ts';
import {
  type PublicReceipt,
  type RightsRequest,
  publicRequestSchema,
  sendCodeSchema,
  staffRequestSchema,
} from './request.schema.ts';
import { asStatus, nextStatus } from './request-status.ts';
import { randomRequestReference } from './secrets.ts';
import { isoNow } from '../shared/clock.ts';

export interface IntakeOptions {
  /** The public address of Kluis (KLUIS_PUBLIC_URL); without it the mail holds the code but no link. */
  publicUrl?: string | undefined;
  /** Seals the code and the link of the verification mail: the outbox keeps placeholders. */
  mailSecrets: MailSecretBox;
}

/** Where a public request came from, for the rate limits. */
export interface Origin {
  ip: string;
}

type Fields = ReturnType<typeof publicRequestSchema.parse> | ReturnType<typeof staffRequestSchema.parse>;

/** A request that came as a mail read from the mailbox (src/mailbox/), or registered from the triage inbox. */
export interface MailRequest {
  kind: RequestKind;
  purpose?: string | undefined;
  name: string;
  /** The sender's address: the reply goes there, and a code to the subject who has it on file. */
  email: string | null;
  language: 'nl' | 'en';
  /** The mail's text, as the request's details. */
  details: string;
  /** When the mail arrived in the mailbox (IMAP INTERNALDATE): the deadline counts from it (Art. 12(3)). */
  receivedAt: Date;
  /** JSON of what DKIM, SPF and DMARC said; a signal for the dpo, never a proof of identity. */
  authentication: string | null;
  /** How many attachments the mail had: dropped unread, as for every mail about a request. */
  attachmentsDropped: number;
  /**
   * Whether the sender's address may be matched to a customer: not when the mail failed DMARC, whose From
   * anyone could have written. Then no code goes out by itself; staff send one to the subject they choose.
   */
  matchByAddress: boolean;
}

/**
 * Intake of requests (Art. 12-22, questions and complaints): from the public form and API, and registered by
 * staff from mail and letters. Every request gets a reference, its day of receipt and its deadline
 * (Art. 12(3)); identity is then confirmed through the contact details already on file (EDPB 01/2022).
 */
export class RequestIntakeService {
  private readonly guard: Guard;
  private readonly limiter: RateLimiter;
  private readonly options: IntakeOptions;

  constructor(guard: Guard, limiter: RateLimiter, options: IntakeOptions) {
    this.guard = guard;
    this.limiter = limiter;
    this.options = options;
  }

  /**
   * A request from the portal. The answer is the same whether or not the address belongs to a customer:
   * a customer gets a code at the address on file, anyone else a mail that we hold no data about them (or,
   * for a question or complaint, that it will be answered). Nothing on the screen tells the two apart.
   */
  async fileFromPortal(input: unknown, origin: Origin): Promise<PublicReceipt> {
    const data = parse(publicRequestSchema, input, 'request');
    this.checkPurpose(data);
    await this.limiter.hit([LIMITS.intakePerAddress, data.email], [LIMITS.intakePerIp, origin.ip]);
    const row = await this.guard.process({ actor: PORTAL_ACTOR, operation: 'collect', recordType: 'case' }, async (ctx) => {
      const now = ctx.clock.now();
      const created = await insertRequest(ctx, data, { channel: 'portal', receivedAt: now, createdBy: PORTAL_ACTOR.id });
      ctx.touch('rights_request', created.id);
      const candidates = await subjectsWithAddress(this.guard, ctx.trx, data.email);
      await this.sendCode(ctx.trx, created, candidates[0], now);
      if (candidates.length === 0) await this.answerStranger(ctx.trx, created, data.email);
      return created;
    });
    return receipt(row);
  }

  /** A request that came by e-mail or letter (P12), with the day it was received; a code goes out when we can. */
  async register(actor: Actor, input: unknown): Promise<RightsRequest> {
    const data = parse(staffRequestSchema, input, 'request');
    this.checkPurpose(data);
    return this.guard.process({ actor, operation: 'collect', recordType: 'case' }, async (ctx) => {
      const now = ctx.clock.now();
      const receivedAt = data.receivedOn === dayOfReceipt(now) ? now : middayOf(data.receivedOn);
      const created = await insertRequest(ctx, data, {
        channel: data.channel,
        receivedAt,
        createdBy: actor.id,
        address: data.address ?? null,
      });
      ctx.touch('rights_request', created.id);
      const candidates = await subjectsWithAddress(this.guard, ctx.trx, data.email ?? null);
      const sent = await this.sendCode(ctx.trx, created, candidates[0], now);
      return presentRequest(sent, dayOfReceipt(ctx.clock.now()));
    });
  }

  /**
   * A request that came by mail, inside the caller's processing (the mailbox's, or staff's from the triage
   * inbox), so that it is stored together with the record of the mail it came from. As for a request staff
   * register: a code goes to the address on file, strangers get no automatic answer.
   */
  async registerFromMail(ctx: ProcessingContext, mail: MailRequest): Promise<RightsRequestRow> {
    const fields: Fields = {
      kind: mail.kind,
      purpose: mail.purpose,
      name: mail.name,
      details: mail.details,
      language: mail.language,
      channel: 'email',
      receivedOn: dayOfReceipt(mail.receivedAt),
      email: mail.email ?? undefined,
    };
    this.checkPurpose(fields);
    const created = await insertRequest(ctx, fields, {
      channel: 'email',
      receivedAt: mail.receivedAt,
      createdBy: ctx.processing.actor.id,
      authentication: mail.authentication,
      attachmentsDropped: mail.attachmentsDropped,
    });
    ctx.touch('rights_request', created.id);
    const candidates = mail.matchByAddress ? await subjectsWithAddress(this.guard, ctx.trx, mail.email) : [];
    return this.sendCode(ctx.trx, created, candidates[0], ctx.clock.now());
  }

  /** Staff send a code to the contact details on file of the subject the requester says to be (a letter, a call). */
  async sendVerificationCode(actor: Actor, id: string, input: unknown): Promise<RightsRequest> {
    const data = parse(sendCodeSchema, input ?? {}, 'code request');
    return this.guard.process({ actor, operation: 'modify', recordType: 'case' }, async (ctx) => {
      const row = await requests.getById(ctx.trx, id);
      if (row === undefined) throw notFound('Request', id);
      ctx.touch('rights_request', id);
      if (nextStatus(asStatus(row.status), 'send_code', !isRight(row.kind)) === null || row.verified_at !== null) {
        throw conflict(`Request ${row.reference} is ${row.status}; a code makes no sense now`);
      }
      if (data.subjectId === undefined && !matchesByAddress(row))
        throw conflict(
          "The sender's domain said this mail may not be from them (DMARC failed): choose the customer the code goes to",
        );
      const target =
        data.subjectId === undefined
          ? (await subjectsWithAddress(this.guard, ctx.trx, row.requester_email))[0]
          : await addressOnFile(this.guard, ctx.trx, data.subjectId);
      if (target === undefined)
        throw conflict('There is no e-mail address on file to send a code to; verify the identity another way');
      return presentRequest(await this.sendCode(ctx.trx, row, target, ctx.clock.now()), dayOfReceipt(ctx.clock.now()));
    });
  }

  /** A new code for a request filed through the portal; answered alike for everyone, like the filing itself. */
  async resendCode(reference: string, origin: Origin): Promise<PublicReceipt> {
    await this.limiter.hit([LIMITS.resendPerRequest, reference], [LIMITS.intakePerIp, origin.ip]);
    const row = await this.guard.process({ actor: PORTAL_ACTOR, operation: 'modify', recordType: 'case' }, async (ctx) => {
      const found = await requests.getByReference(ctx.trx, reference);
      if (found === undefined) throw notFound('Request', reference);
      ctx.touch('rights_request', found.id);
      if (found.verified_at !== null) return found;
      const candidates = matchesByAddress(found) ? await subjectsWithAddress(this.guard, ctx.trx, found.requester_email) : [];
      await this.sendCode(ctx.trx, found, candidates[0], ctx.clock.now());
      return found;
    });
    return receipt(row);
  }

  /**
   * Opens new challenges and, when there is an address on file and the request can still be verified, mails
   * the code there. Without a candidate the challenges are opened all the same (see openChallenges).
   */
  private async sendCode(
    trx: Transaction<DB>,
    row: RightsRequestRow,
    target: Candidate | undefined,
    now: Date,
  ): Promise<RightsRequestRow> {
    const secrets = await openChallenges(trx, row.id, target?.email ?? null, now);
    const next = nextStatus(asStatus(row.status), 'send_code', !isRight(row.kind));
    if (target === undefined || next === null) return row;
    const lang = langOf(row.language);
    const link = this.link(lang, row.reference, secrets.token);
    const mail = verificationLetter(this.guard.policy, lang, about(row), secrets.code, link, CODE_MINUTES);
    await enqueueMail(
      trx,
      {
        createdAt: now.toISOString(),
        ...mail,
        kind: 'verification_code',
        to: target.email,
        language: lang,
        related: { type: 'rights_request', id: row.id },
      },
      this.options.mailSecrets,
    );
    const changes = { status: next, updated_at: now.toISOString() };
    if (!(await requests.updateIfStatus(trx, row.id, asStatus(row.status), changes)))
      throw conflict(`Request ${row.reference} changed meanwhile; try again`);
    return { ...row, ...changes };
  }

  /** Someone we hold nothing about: a right is answered at once ("we hold no data about you"); a question waits for staff. */
  private async answerStranger(trx: Transaction<DB>, row: RightsRequestRow, email: string): Promise<void> {
    const lang = langOf(row.language);
    const kind = row.kind;
    const related = { type: 'rights_request', id: row.id };
    if (!isRight(kind)) {
      const mail = acknowledgementLetter(this.guard.policy, lang, about(row), row.due_on);
      await enqueueMail(trx, {
        createdAt: isoNow(this.guard.clock),
        ...mail,
        kind: 'request_acknowledgement',
        to: email,
        language: lang,
        related,
      });
      return;
    }
    const mail = noDataLetter(this.guard.policy, lang, about(row), email);
    await enqueueMail(trx, {
      createdAt: isoNow(this.guard.clock),
      ...mail,
      kind: 'request_answer',
      to: email,
      language: lang,
      related,
    });
    const now = this.guard.clock.now().toISOString();
    const closing = {
      status: 'answered' as const,
      answered_at: now,
      closing_note: 'No subject has this e-mail address on file; told that we hold no data linked to it.',
      updated_at: now,
    };
    await requests.updateIfStatus(trx, row.id, asStatus(row.status), closing);
  }

  private link(lang: 'nl' | 'en', reference: string, token: string): string | null {
    if (this.options.publicUrl === undefined) return null;
    const base = this.options.publicUrl.replace(/\/+$/, '');
    return `${base}${lang === 'en' ? '/en' : ''}/privacy/request/verify?${new URLSearchParams({ reference, token }).toString()}`;
  }

  /** Art. 21 and 7(3) are per purpose: the purpose must be one the policy declares. */
  private checkPurpose(data: Fields): void {
    if (data.purpose !== undefined && !this.guard.policy.hasPurpose(data.purpose)) {
      throw validationFailed(`Invalid request: purpose: ${data.purpose} is not a purpose of the policy`, [
        { path: 'purpose', message: `must be one of ${Object.keys(this.guard.policy.document.purposes).join(', ')}` },
      ]);
    }
  }
}

/** Whether the requester's address may pick the customer: not for a mail whose From failed DMARC (anyone could have written it). */
const matchesByAddress = (row: RightsRequestRow): boolean => readAuthentication(row.mail_authentication)?.dmarcFailed !== true;

/** What the letters say a request is. */
export const about = (row: RightsRequestRow) => ({
  reference: row.reference,
  kind: row.kind,
  receivedOn: dayOfReceipt(new Date(row.received_at)),
});

// A day received by letter or mail is stored as its midday in UTC, which is that same day in the Netherlands.
const middayOf = (day: string): Date => new Date(`${day}T12:00:00.000Z`);

const MAX_REFERENCE_ATTEMPTS = 20;

async function insertRequest(
  ctx: ProcessingContext,
  data: Fields,
  how: {
    channel: 'portal' | 'email' | 'letter';
    receivedAt: Date;
    createdBy: string;
    address?: string | null;
    authentication?: string | null;
    attachmentsDropped?: number;
  },
): Promise<RightsRequestRow> {
  const { trx } = ctx;
  const now = ctx.clock.now().toISOString();
  const receivedAt = how.receivedAt.toISOString();
  const base: Omit<RightsRequestRow, 'reference'> = {
    id: randomUUID(),
    kind: data.kind,
    channel: how.channel,
    language: data.language,
    received_at: receivedAt,
    due_on: dueOn(how.receivedAt),
    extended_to: null,
    extension_reason: null,
    extension_notified_at: null,
    requester_name: data.name,
    requester_email: data.email ?? null,
    requester_address: how.address ?? null,
    details: data.details,
    purpose: data.purpose ?? null,
    changes: data.changes === undefined ? null : JSON.stringify(data.changes),
    subject_id: null,
    case_id: null,
    status: 'received',
    verification_method: null,
    verified_at: null,
    verification_note: null,
    decision: null,
    decision_ground: null,
    decision_motivation: null,
    decision_evidence: null,
    decided_at: null,
    decided_by: null,
    answered_at: null,
    closing_note: null,
    attachments_dropped: how.attachmentsDropped ?? 0,
    mail_authentication: how.authentication ?? null,
    transfer_organisation: data.transferOrganisation ?? null,
    transfer_email: data.transferEmail ?? null,
    transfer_confirmed_at: null,
    created_by: how.createdBy,
    created_at: now,
    updated_at: now,
  };
  // The unique constraint decides, so two requests drawing the same reference at once cannot both have it.
  for (let attempt = 0; attempt < MAX_REFERENCE_ATTEMPTS; attempt += 1) {
    const row = { ...base, reference: randomRequestReference(receivedAt) };
    if (await requests.createIfReferenceFree(trx, row)) return row;
  }
  throw new Error(`No free request reference after ${MAX_REFERENCE_ATTEMPTS} attempts`);
}

/** The public receipt: reference and dates only, the same words for everyone. */
export function receipt(row: RightsRequestRow): PublicReceipt {
  const lang = langOf(row.language);
  return {
    reference: row.reference,
    receivedOn: dayOfReceipt(new Date(row.received_at)),
    dueOn: row.due_on,
    message:
      lang === 'nl'
        ? 'Wij hebben uw verzoek ontvangen. Als wij u kennen, hebben wij een code gestuurd naar het e-mailadres dat wij van u hebben; vul die in om uw verzoek te bevestigen. Anders ontvangt u van ons bericht per e-mail.'
        : 'We have received your request. If we know you, we have sent a code to the e-mail address we hold for you; enter it to confirm your request. Otherwise you will hear from us by e-mail.',
  };
}

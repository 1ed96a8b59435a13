import type { Transaction } from 'kysely';
import type { DB, RightsRequestRow } from '../db/types.ts';
import { conflict, notFound, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard, ProcessingContext } from '../guard/guard.ts';
import { withheldByObjection } from '../restrictions-objections/objection-check.ts';
import { withheldByRestriction } from '../restrictions-objections/restriction-check.ts';
import { addPeriod } from '../retention/rules/period.ts';
import { type ListPage, pageOf } from '../shared/list.ts';
import { parse } from '../shared/parse.ts';
import { dayOfReceipt, latestExtension, legalEnd, overdueTargetsThrough } from './deadline.ts';
import { requireHandler } from './handler-role.ts';
import { PORTAL_ACTOR } from './identity-matching.ts';
import { LIMITS, type RateLimiter } from './rate-limit.ts';
import { about } from './request-intake.service.ts';
import { isRight } from '../shared/request-kind.ts';
import { extensionLetter, unverifiableLetter } from './request-letters.ts';
import { langOf } from './request-words.ts';
import { presentRequest, presentSummary } from './request.presenter.ts';
import * as requests from './request.repository.ts';
import {
  type PublicStatus,
  type RequestDetail,
  type RequestListItem,
  type RequestOutcome,
  type RightsRequest,
  extensionSchema,
  noteSchema,
  reclassifySchema,
  requestListQuery,
} from './request.schema.ts';
import { OPEN_STATUSES, type RequestEvent, asStatus, nextStatus } from './request-status.ts';
import { sendToRequester } from './requester-mail.ts';
import { publicStatusOf } from './verification.service.ts';
import { type Clock, systemClock } from '../shared/clock.ts';

/** Requests as staff see and steer them: the list by deadline, one request, extension, withdrawal. */
export class RequestService {
  private readonly guard: Guard;
  private readonly limiter: RateLimiter;
  private readonly clock: Clock;

  /** `now`: the clock that says which day it is in the Netherlands (overdue, the extension's window). */
  constructor(guard: Guard, limiter: RateLimiter, clock: Clock = systemClock) {
    this.guard = guard;
    this.limiter = limiter;
    this.clock = clock;
  }

  private today(): string {
    return dayOfReceipt(this.clock.now());
  }

  /**
   * A page of requests by status, kind, open or overdue, or a reference or name, by the deadline in force (earliest
   * first, overdue ones flagged, Art. 12(3)); one consultation naming each request shown and each customer named.
   */
  async list(actor: Actor, input: unknown): Promise<ListPage<RequestListItem>> {
    const q = parse(requestListQuery, input ?? {}, 'query');
    const today = this.today();
    // The list names each request's customer, as its page does: it reads their name too.
    return this.guard.process({ actor, operation: 'consult', recordType: 'case', includes: ['subject'] }, async (ctx) => {
      const { rows, total } = await requests.list(ctx.trx, {
        ...q,
        overdueThrough: q.overdue === undefined ? undefined : overdueTargetsThrough(today),
        openStatuses: OPEN_STATUSES,
      });
      for (const r of rows) ctx.touch('rights_request', r.id);
      const names = await this.customerNames(
        ctx,
        rows.map((r) => r.subject_id),
      );
      return pageOf(
        rows.map((r) => ({ ...presentSummary(r, today), customerName: names.get(r.subject_id ?? '') ?? null })),
        total,
        q,
      );
    });
  }

  /**
   * One request, with the name of the customer it is about (issue 19): the processing reads that subject record
   * too, so it declares it and names the customer in the log. The request itself names no subject, so a
   * restriction or upheld objection never keeps staff from handling it; it keeps the name from a reader it
   * binds (Art. 18(2), 21), and only the name is left out.
   */
  async get(actor: Actor, id: string): Promise<RequestDetail> {
    return this.guard.process({ actor, operation: 'consult', recordType: 'case', includes: ['subject'] }, async (ctx) => {
      const row = await requests.getById(ctx.trx, id);
      if (row === undefined) throw notFound('Request', id);
      ctx.touch('rights_request', id);
      const names = await this.customerNames(ctx, [row.subject_id]);
      return { ...presentRequest(row, this.today()), customerName: names.get(row.subject_id ?? '') ?? null };
    });
  }

  /**
   * The names of the customers these requests are about, each named in the log, except those a restriction or
   * upheld objection keeps from this reader (Art. 18(2), 21): those stay out, unread and unnamed.
   */
  private async customerNames(ctx: ProcessingContext, subjectIds: (string | null)[]): Promise<Map<string, string>> {
    const matched = [...new Set(subjectIds.filter((s): s is string => s !== null))];
    const withheld = new Set([
      ...(await withheldByRestriction(this.guard.policy, ctx.processing, matched, ctx.trx)),
      ...(await withheldByObjection(this.guard.policy, ctx.processing, matched, ctx.trx)),
    ]);
    const names = await requests.customerNames(
      ctx.trx,
      matched.filter((s) => !withheld.has(s)),
    );
    for (const subjectId of names.keys()) ctx.touch('subject', subjectId, subjectId);
    return names;
  }

  /** A request by its reference (V-2026-…), as staff quote it. */
  async findByReference(actor: Actor, reference: string): Promise<RightsRequest> {
    return this.guard.process({ actor, operation: 'consult', recordType: 'case' }, async (ctx) => {
      const row = await requests.getByReference(ctx.trx, reference);
      if (row === undefined) throw notFound('Request', reference);
      ctx.touch('rights_request', row.id);
      return presentRequest(row, this.today());
    });
  }

  /** What anyone with the reference may see: a stage and dates, nothing personal (see publicStage). */
  async publicStatus(reference: string, origin: { ip: string }): Promise<PublicStatus> {
    await this.limiter.hit([LIMITS.statusPerIp, origin.ip]);
    return this.guard.process({ actor: PORTAL_ACTOR, operation: 'consult', recordType: 'case' }, async (ctx) => {
      const row = await requests.getByReference(ctx.trx, reference);
      if (row === undefined) throw notFound('Request', reference);
      ctx.touch('rights_request', row.id);
      return publicStatusOf(row);
    });
  }

  /**
   * Art. 12(3): the deadline may be extended by two further months where necessary, taking into account the
   * complexity and number of requests, if the person is told within one month of receipt, with the reasons.
   * So: only while the first month runs (until its legal end, Regulation 1182/71 art. 3(4)), at most two months
   * in all, the notice in the same transaction.
   */
  async extend(actor: Actor, id: string, input: unknown): Promise<RequestOutcome> {
    const data = parse(extensionSchema, input, 'extension');
    return this.change(actor, id, 'extend', async (trx, row) => {
      const today = this.today();
      const firstMonthEnds = legalEnd(row.due_on);
      if (today > firstMonthEnds)
        throw conflict(
          `The first month of request ${row.reference} ended on ${firstMonthEnds}; it can no longer be extended (Art. 12(3))`,
        );
      const receivedDay = dayOfReceipt(new Date(row.received_at));
      const already = monthsExtended(row, receivedDay);
      if (already + data.months > 2) {
        throw conflict(
          `Request ${row.reference} is extended by ${already} month(s) already; at most two further months are allowed (Art. 12(3))`,
        );
      }
      const extendedTo = addPeriod(receivedDay, { years: 0, months: 1 + already + data.months, days: 0 });
      if (extendedTo > latestExtension(new Date(row.received_at)))
        throw conflict('The extension would go beyond two further months (Art. 12(3))');
      const now = this.clock.now().toISOString();
      const changes = {
        extended_to: extendedTo,
        extension_reason: row.extension_reason === null ? data.reason : `${row.extension_reason}\n${data.reason}`,
        extension_notified_at: now,
      };
      const lang = langOf(row.language);
      const letter = await sendToRequester(
        trx,
        { ...row, ...changes },
        extensionLetter(this.guard.policy, lang, about(row), extendedTo, data.reason),
        'request_extension',
        now,
      );
      return { changes, letter };
    });
  }

  /**
   * Sets the kind of a request before its identity is proven: a request read from the mailbox has the kind its
   * words suggested (src/mailbox/mail-words.ts). Not after verification, which may have leant on the kind
   * (knowledge proves identity for access, questions and complaints only).
   */
  async reclassify(actor: Actor, id: string, input: unknown): Promise<RightsRequest> {
    const data = parse(reclassifySchema, input, 'kind');
    if (data.purpose !== undefined && !this.guard.policy.hasPurpose(data.purpose))
      throw validationFailed(`Invalid kind: purpose: ${data.purpose} is not a purpose of the policy`, [
        { path: 'purpose', message: 'must be a purpose of the policy' },
      ]);
    return this.guard.process({ actor, operation: 'modify', recordType: 'case' }, async (ctx) => {
      const row = await requests.getById(ctx.trx, id);
      if (row === undefined) throw notFound('Request', id);
      ctx.touch('rights_request', id);
      const status = asStatus(row.status);
      if (status !== 'received' && status !== 'verification_sent')
        throw conflict(`Request ${row.reference} is ${status}; its kind can only change before the identity is proven`);
      const changes = { kind: data.kind, purpose: data.purpose ?? null, updated_at: this.clock.now().toISOString() };
      if (!(await requests.updateIfStatus(ctx.trx, id, status, changes)))
        throw conflict(`Request ${row.reference} changed meanwhile; try again`);
      return presentRequest({ ...row, ...changes }, this.today());
    });
  }

  /** The person took the request back (told by mail, letter or phone); staff record it with a note. */
  async withdraw(actor: Actor, id: string, input: unknown): Promise<RequestOutcome> {
    const data = parse(noteSchema, input, 'withdrawal');
    return this.change(actor, id, 'withdraw', async () => ({ changes: { closing_note: data.note }, letter: null }));
  }

  /**
   * The identity could not be established (Art. 11(2), 12(2), 12(6)): the request is closed and the person is
   * told why, with the notice of Art. 12(4), since nothing is done.
   */
  async markUnverifiable(actor: Actor, id: string, input: unknown): Promise<RequestOutcome> {
    const data = parse(noteSchema, input, 'note');
    return this.change(actor, id, 'find_unverifiable', async (trx, row) => {
      const now = this.clock.now().toISOString();
      const changes = { closing_note: data.note, answered_at: now };
      const letter = await sendToRequester(
        trx,
        row,
        unverifiableLetter(this.guard.policy, langOf(row.language), about(row), data.note),
        'request_answer',
        now,
      );
      return { changes, letter };
    });
  }

  /** Applies an event: refused with 'conflict' (nothing changed) when the workflow does not allow it now. */
  private async change(
    actor: Actor,
    id: string,
    event: RequestEvent,
    work: (
      trx: Transaction<DB>,
      row: RightsRequestRow,
    ) => Promise<{ changes: Partial<RightsRequestRow>; letter: RequestOutcome['letter'] }>,
  ): Promise<RequestOutcome> {
    // Closing a right unanswered is the dpo's decision, as deciding on it is.
    const handlerOnly = event === 'find_unverifiable';
    return this.guard.process({ actor, operation: 'modify', recordType: 'case' }, async (ctx) => {
      const row = await requests.getById(ctx.trx, id);
      if (row === undefined) throw notFound('Request', id);
      ctx.touch('rights_request', id);
      if (handlerOnly) requireHandler(actor, row);
      const status = asStatus(row.status);
      const next = nextStatus(status, event, !isRight(row.kind));
      if (next === null) throw conflict(`Request ${row.reference} is ${status}; it cannot be ${EVENT_WORDS[event]} now`);
      const { changes, letter } = await work(ctx.trx, row);
      const all = { ...changes, status: next, updated_at: this.clock.now().toISOString() };
      if (!(await requests.updateIfStatus(ctx.trx, id, status, all)))
        throw conflict(`Request ${row.reference} changed meanwhile; try again`);
      return { request: presentRequest({ ...row, ...all }, this.today()), letter };
    });
  }
}

const EVENT_WORDS: Record<RequestEvent, string> = {
  send_code: 'sent a code',
  verify: 'verified',
  decide: 'decided',
  answer: 'answered',
  await_release: 'set to wait for the release of its package',
  release: 'answered with the link to its package',
  answer_no_data: 'answered',
  withdraw: 'withdrawn',
  find_unverifiable: 'closed as unverifiable',
  extend: 'extended',
};

/** How many further months the deadline already has: 0, 1 or 2. */
function monthsExtended(row: RightsRequestRow, receivedDay: string): number {
  if (row.extended_to === null) return 0;
  return row.extended_to <= addPeriod(receivedDay, { years: 0, months: 2, days: 0 }) ? 1 : 2;
}

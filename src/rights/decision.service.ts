import { conflict, notFound } from '../errors.ts';
import type { RightsRequestRow } from '../db/types.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard, ProcessingContext } from '../guard/guard.ts';
import { parse } from '../shared/parse.ts';
import type { ExecutionOutcome, RightExecutors } from './executors/executor.ts';
import { requireHandler } from './handler-role.ts';
import { about } from './request-intake.service.ts';
import { isRight } from '../shared/request-kind.ts';
import { answerLetter, keptMotivation, replyLetter } from './request-letters.ts';
import { langOf } from './request-words.ts';
import { presentRequest } from './request.presenter.ts';
import * as requests from './request.repository.ts';
import { type Decision, type DecisionInput, type RequestOutcome, answerSchema, decisionSchema } from './request.schema.ts';
import { type RequestStatus, asStatus, nextStatus } from './request-status.ts';
import { sendToRequester } from './requester-mail.ts';
import { dayOfReceipt } from './deadline.ts';
import { isoNow } from '../shared/clock.ts';

/**
 * Decisions on rights and the answers to requests (Art. 12(3)-(5)). A refusal is stored only with its legal
 * ground and motivation, and its letter tells of the right to complain to the Autoriteit Persoonsgegevens and
 * to go to court (Art. 12(4)). Carrying out a right is left to the executor registered for its kind.
 */
export class DecisionService {
  private readonly guard: Guard;
  private readonly executors: RightExecutors;

  constructor(guard: Guard, executors: RightExecutors) {
    this.guard = guard;
    this.executors = executors;
  }

  /**
   * The dpo's decision on a verified right. When it refuses, or grants a right whose executor is registered,
   * the right is carried out and the answer enqueued in this same transaction: the request is answered, or,
   * when the person does not have the data yet (an access package waiting for review), awaiting_release until
   * the link goes out. A grant without an executor is only recorded (decided); staff carry it out and answer
   * with `answer`.
   */
  async decide(actor: Actor, id: string, input: unknown): Promise<RequestOutcome> {
    const data = parse(decisionSchema, input, 'decision');
    return this.guard.process({ actor, operation: 'modify', recordType: 'case' }, async (ctx) => {
      const { trx } = ctx;
      const row = await requestToHandle(ctx, actor, id);
      const kind = row.kind;
      if (!isRight(kind))
        throw conflict(
          `Request ${row.reference} is ${kind === 'question' ? 'a question' : 'a complaint'}: answer it, there is nothing to decide`,
        );
      const status = asStatus(row.status);
      const decidedStatus = nextStatus(status, 'decide', false);
      if (decidedStatus === null) throw conflict(`Request ${row.reference} is ${status}; only a verified request can be decided`);
      const now = ctx.clock.now().toISOString();
      // Only the decision's own columns are written back: an erasure in the same transaction may have
      // removed the subject, and its foreign key has already cleared subject_id.
      const decision = {
        status: decidedStatus,
        decision: data.decision,
        decision_ground: data.ground ?? null,
        decision_motivation: data.motivation ?? null,
        decision_evidence: data.evidence ?? null,
        decided_at: now,
        decided_by: actor.id,
        updated_at: now,
      };
      const decided = { ...row, ...decision };
      const grants = data.decision === 'granted' || data.decision === 'partly_granted';
      const executor = grants ? this.executors.get(kind) : undefined;
      let changes: Omit<typeof decision, 'status' | 'decision'> & {
        status: RequestStatus;
        decision: Decision;
        answered_at?: string;
      } = decision;
      let letter: RequestOutcome['letter'] = null;
      if (!grants || executor !== undefined) {
        // Inside the decision's transaction: the execution, its log entries, the decision and the letter commit together.
        const outcome: ExecutionOutcome | null = executor === undefined ? null : await executor.execute(trx, decided, actor);
        const recorded = { ...decision, ...keptInPart(data, outcome, langOf(row.language)) };
        letter = await this.sendAnswer(
          trx,
          { ...decided, ...recorded },
          recorded.decision,
          outcome,
          null,
          data.motivation ?? null,
        );
        const waits = outcome?.awaitsRelease === true;
        const next = nextStatus(decidedStatus, waits ? 'await_release' : 'answer', false);
        if (next === null) throw new Error(`The workflow has no way from ${decidedStatus} to an answer`);
        changes = waits ? { ...recorded, status: next } : { ...recorded, status: next, answered_at: now };
      }
      if (!(await requests.updateIfStatus(trx, id, status, changes)))
        throw conflict(`Request ${row.reference} changed meanwhile; try again`);
      const final = (await requests.getById(trx, id)) ?? { ...decided, ...changes };
      return { request: presentRequest(final, dayOfReceipt(this.guard.clock.now())), letter };
    });
  }

  /**
   * The answer: to a decided right, saying what was done (when it was done by hand), or to a question or
   * complaint, which staff may answer too. A right cannot be answered before it is decided.
   */
  async answer(actor: Actor, id: string, input: unknown): Promise<RequestOutcome> {
    const data = parse(answerSchema, input, 'answer');
    return this.guard.process({ actor, operation: 'modify', recordType: 'case' }, async (ctx) => {
      const { trx } = ctx;
      const row = await requestToHandle(ctx, actor, id);
      const kind = row.kind;
      const status = asStatus(row.status);
      const next = nextStatus(status, 'answer', !isRight(kind));
      if (next === null)
        throw conflict(
          isRight(kind) && status === 'verified'
            ? `Request ${row.reference} is not decided yet; decide before answering`
            : `Request ${row.reference} is ${status}; it cannot be answered now`,
        );
      const now = ctx.clock.now().toISOString();
      const letter = isRight(kind)
        ? await this.sendAnswer(trx, row, row.decision as Decision, null, data.text, row.decision_motivation)
        : await sendToRequester(
            trx,
            row,
            replyLetter(this.guard.policy, langOf(row.language), about(row), data.text),
            'request_answer',
            now,
          );
      const changes = { status: next, answered_at: now, closing_note: data.text, updated_at: now };
      if (!(await requests.updateIfStatus(trx, id, status, changes)))
        throw conflict(`Request ${row.reference} changed meanwhile; try again`);
      return { request: presentRequest({ ...row, ...changes }, dayOfReceipt(this.guard.clock.now())), letter };
    });
  }

  private async sendAnswer(
    trx: Parameters<typeof sendToRequester>[0],
    row: Parameters<typeof sendToRequester>[1],
    decision: Decision,
    outcome: ExecutionOutcome | null,
    text: string | null,
    motivation: string | null,
  ) {
    const mail = answerLetter(this.guard.policy, langOf(row.language), about(row), {
      decision,
      ground: row.decision_ground,
      motivation,
      outcome,
      text,
    });
    return sendToRequester(trx, row, mail, 'request_answer', isoNow(this.guard.clock));
  }
}

/**
 * A grant that kept something (Art. 17(3): issued invoices, records under a legal hold) is a partial grant and is
 * recorded as one, with the ground of what was kept and a motivation listing it with until when (Art. 12(4)); the
 * dpo's own ground and motivation, when given, are kept. Nothing changes when nothing was kept.
 */
function keptInPart(data: DecisionInput, outcome: ExecutionOutcome | null, lang: 'nl' | 'en') {
  if (outcome === null || outcome.kept.length === 0 || outcome.keptGround === undefined) return {};
  return {
    decision: 'partly_granted' as const,
    decision_ground: data.ground ?? outcome.keptGround,
    decision_motivation: data.motivation ?? keptMotivation(outcome.kept, lang),
  };
}

/** The request, named in the log entry, if it exists and the actor may handle its kind. */
async function requestToHandle(ctx: ProcessingContext, actor: Actor, id: string): Promise<RightsRequestRow> {
  const row = await requests.getById(ctx.trx, id);
  if (row === undefined) throw notFound('Request', id);
  ctx.touch('rights_request', id);
  requireHandler(actor, row);
  return row;
}

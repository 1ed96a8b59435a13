import { randomUUID } from 'node:crypto';
import { conflict, notFound, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard, Processing } from '../guard/guard.ts';
import type { Policy } from '../policy/policy.ts';
import { type ListPage, pageOf } from '../shared/list.ts';
import { parse } from '../shared/parse.ts';
import { presentHold } from './legal-hold.presenter.ts';
import * as holds from './legal-hold.repository.ts';
import { businessToday } from '../shared/business-day.ts';
import {
  type Hold,
  type HoldListItem,
  type HoldListQuery,
  type HoldRelease,
  type NewHold,
  holdListQuery,
  holdReleaseSchema,
  holdSchema,
  newHoldSchema,
} from './legal-hold.schema.ts';
import { requireCapability } from '../guard/capability.ts';

// Placing and releasing a hold is processing of the person's data for legal claims (Art. 17(3)(e), 18(2)):
// it decides that their data is kept. So it passes the guard, naming the subject, and shows in the person's
// own log; the exception lets the dpo do it for a restricted person (whose kept data it is mostly about).
const LEGAL_CLAIMS = (what: string): Processing['exception'] => ({
  ground: 'legal_claims',
  reason: `legal hold ${what} (Art. 17(3)(e))`,
});

/**
 * Legal holds (issue 5, point 2): the dpo keeps a subject, or one record of theirs, out of reach of erasure
 * and the retention sweep, for evidence or a legal claim, until the hold ends or is released.
 */
export class LegalHoldService {
  private readonly guard: Guard;
  private readonly policy: Policy;

  constructor(guard: Guard, policy: Policy) {
    this.guard = guard;
    this.policy = policy;
  }

  async place(actor: Actor, subjectId: string, input: NewHold): Promise<Hold> {
    this.requireKeeper(actor);
    const data = parse(newHoldSchema, input, 'legal hold');
    const processing = {
      actor,
      operation: 'store' as const,
      recordType: 'subject' as const,
      // A hold on one record reads that record to check it is the person's.
      includes: data.recordType === undefined ? [] : [data.recordType],
      subjectId,
      exception: LEGAL_CLAIMS('placed'),
    };
    return this.guard.process(processing, async (ctx) => {
      await ctx.requireSubject(subjectId);
      if (
        data.recordType !== undefined &&
        data.recordId !== undefined &&
        !(await holds.recordOfSubject(ctx.trx, data.recordType, data.recordId, subjectId))
      ) {
        throw validationFailed(`The subject has no ${data.recordType} ${data.recordId}`, [
          { path: 'recordId', message: `is not a ${data.recordType} of this subject` },
        ]);
      }
      const row = {
        id: randomUUID(),
        subject_id: subjectId,
        record_type: data.recordType ?? null,
        record_id: data.recordId ?? null,
        reason: data.reason,
        placed_by: actor.id,
        placed_at: ctx.clock.now().toISOString(),
        ends_on: data.endsOn ?? null,
        review_on: data.reviewOn ?? null,
        released_at: null,
        released_by: null,
        release_reason: null,
      };
      await holds.insert(ctx.trx, row);
      ctx.touch('subject', subjectId, subjectId);
      if (row.record_type !== null && row.record_id !== null) ctx.touch(row.record_type, row.record_id);
      ctx.touch('legal_hold', row.id);
      return holdSchema.parse(presentHold(row, businessToday(ctx.clock.now())));
    });
  }

  async list(actor: Actor, subjectId: string): Promise<Hold[]> {
    this.requireKeeper(actor);
    return this.guard.process(
      { actor, operation: 'consult', recordType: 'subject', subjectId, exception: LEGAL_CLAIMS('consulted') },
      async (ctx) => {
        await ctx.requireSubject(subjectId);
        const rows = await holds.listOfSubject(ctx.trx, subjectId);
        ctx.touch('subject', subjectId, subjectId);
        for (const r of rows) ctx.touch('legal_hold', r.id);
        return rows.map((r) => presentHold(r, businessToday(ctx.clock.now())));
      },
    );
  }

  async release(actor: Actor, holdId: string, input: HoldRelease): Promise<Hold> {
    this.requireKeeper(actor);
    const data = parse(holdReleaseSchema, input, 'release of a legal hold');
    return this.guard.process(
      { actor, operation: 'modify', recordType: 'subject', exception: LEGAL_CLAIMS('released') },
      async (ctx) => {
        const current = await holds.getById(ctx.trx, holdId);
        if (current === undefined) throw notFound('Legal hold', holdId);
        const at = ctx.clock.now().toISOString();
        if (current.released_at !== null || !(await holds.release(ctx.trx, holdId, at, actor.id, data.reason))) {
          throw conflict(`The legal hold ${holdId} was released already`);
        }
        ctx.touch('subject', current.subject_id, current.subject_id);
        ctx.touch('legal_hold', holdId);
        return presentHold(
          { ...current, released_at: at, released_by: actor.id, release_reason: data.reason },
          businessToday(ctx.clock.now()),
        );
      },
    );
  }

  /**
   * The holds on every customer, a page at a time (issue 19): one consultation for legal claims naming each hold
   * and its person, so a restricted person's holds are listed too, as the dpo who keeps them must see them.
   */
  async listAll(actor: Actor, input: HoldListQuery): Promise<ListPage<HoldListItem>> {
    this.requireKeeper(actor);
    const q = parse(holdListQuery, input ?? {}, 'query');
    return this.guard.process(
      { actor, operation: 'consult', recordType: 'subject', exception: LEGAL_CLAIMS('consulted') },
      async (ctx) => {
        const today = businessToday(ctx.clock.now());
        const { rows, total } = await holds.listAll(ctx.trx, q, today);
        for (const r of rows) {
          ctx.touch('subject', r.subject_id, r.subject_id);
          ctx.touch('legal_hold', r.id);
        }
        return pageOf(
          rows.map((r) => ({ ...presentHold(r, today), customerName: r.customer_name })),
          total,
          q,
        );
      },
    );
  }

  private requireKeeper(actor: Actor): void {
    requireCapability(this.policy, actor, 'holds', 'place or release legal holds');
  }
}

import type { Kysely } from 'kysely';
import type { DB, RestrictionRow } from '../db/types.ts';
import { conflict, forbidden, isKluisError, notFound } from '../errors.ts';
import { type Actor, actorRef } from '../guard/actor.ts';
import { ERASURE_RESTRICTION_REASON } from './restriction-check.ts';
import { handlesRequests } from '../guard/request-handler.ts';
import type { Guard } from '../guard/guard.ts';
import { enqueueMail } from '../mail/outbox.repository.ts';
import { parse } from '../shared/parse.ts';
import { langOf } from '../shared/words.ts';
import { liftAnnouncementLetter } from './restriction-letters.ts';
import { purposeWords } from './purpose-words.ts';
import * as addressees from '../mail/addressees.repository.ts';
import * as records from './restriction-objection.repository.ts';
import {
  type LiftAnnouncementInput,
  type Restriction,
  type RestrictionList,
  liftAnnouncementSchema,
} from './restriction.schema.ts';
import { type Clock, isoNow, systemClock } from '../shared/clock.ts';
import { businessToday } from '../shared/business-day.ts';

const DAY_MS = 86_400_000;

/** The scheduled job that lifts announced restrictions once the person was told; it acts with the dpo's rights. */
export const LIFT_ACTOR: Actor = { kind: 'system', id: 'restriction-lift', role: 'dpo' };

export interface RestrictionOptions {
  /** KLUIS_RESTRICTION_LIFT_NOTICE_DAYS: days between the delivered notice and the lifting (14 by default). */
  liftNoticeDays?: number | undefined;
  /** The clock; tests move it. */
  clock?: Clock;
}

/** A restriction as the API shows it; `leadMs` turns the notice's delivery into the earliest lifting. */
export function presentRestriction(row: RestrictionRow, noticeSentAt: string | null, leadMs: number): Restriction {
  const sent = row.lift_notice_sent_at ?? noticeSentAt;
  return {
    id: row.id,
    subjectId: row.subject_id,
    requestId: row.request_id,
    purpose: row.purpose,
    reason: row.reason,
    ground: row.reason === ERASURE_RESTRICTION_REASON ? 'kept_after_erasure' : 'request',
    startedAt: row.started_at,
    state: row.lifted_at !== null ? 'lifted' : row.lift_announced_at !== null ? 'lift_announced' : 'in_force',
    liftAnnouncedAt: row.lift_announced_at,
    liftReason: row.lift_reason,
    liftMotivation: row.lift_motivation,
    liftNoticeSentAt: sent,
    liftNotBefore: sent === null || row.lifted_at !== null ? null : new Date(Date.parse(sent) + leadMs).toISOString(),
    liftedAt: row.lifted_at,
    liftable: row.lifted_at === null && row.lift_announced_at === null && row.reason !== ERASURE_RESTRICTION_REASON,
  };
}

/**
 * Restrictions of processing (Art. 18) after they were placed. Lifting has two steps, because Art. 18(3) asks
 * that the person be told *before* it is lifted: the dpo announces it (the notice goes to the outbox in the same
 * transaction), and the lifting job lifts it once that notice was delivered and the lead time has passed, so the
 * person can still react. Until then the restriction stands and the guard keeps refusing all but storage.
 */
export class RestrictionService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly leadMs: number;
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, guard: Guard, options: RestrictionOptions = {}) {
    this.db = db;
    this.guard = guard;
    this.leadMs = (options.liftNoticeDays ?? 14) * DAY_MS;
    this.clock = options.clock ?? systemClock;
  }

  /**
   * A person's restrictions, active and lifted, newest first: how the dpo finds the one to lift. Only the
   * request handler sees them (they are about the person's requests); consultation of the subject's data
   * through the guard, which the restriction check leaves open to the handler.
   */
  async listForSubject(actor: Actor, subjectId: string, purpose?: string): Promise<RestrictionList> {
    this.requireHandler(actor);
    return this.guard.process({ actor, operation: 'consult', recordType: 'subject', subjectId, purpose }, async (ctx) => {
      if ((await addressees.getContact(ctx.trx, subjectId)) === undefined) throw notFound('Subject', subjectId);
      const rows = (await records.listRestrictions(ctx.trx, subjectId)).reverse();
      const restrictions: Restriction[] = [];
      for (const row of rows) {
        ctx.touch('restriction', row.id, subjectId);
        restrictions.push(presentRestriction(row, await records.noticeSentAt(ctx.trx, row.lift_notice_outbox_id), this.leadMs));
      }
      return { restrictions };
    });
  }

  /**
   * Art. 18(3): announces that the restriction will be lifted. The notice (when, why, the remedies of Art. 12(4))
   * is put in the outbox in the same transaction; nothing is lifted yet. Logged as storage (it records a decision
   * about stored data, Art. 4(2)); the dpo's alone.
   */
  async announceLift(actor: Actor, id: string, input: LiftAnnouncementInput): Promise<Restriction> {
    this.requireHandler(actor);
    const data = parse(liftAnnouncementSchema, input, 'announcement');
    return this.guard.process(
      { actor, operation: 'store', recordType: 'subject', note: `lifting of restriction ${id} announced` },
      async (ctx) => {
        const { trx } = ctx;
        const row = await records.getRestriction(trx, id);
        if (row === undefined) throw notFound('Restriction', id);
        if (row.lifted_at !== null) throw conflict(`Restriction ${id} was lifted at ${row.lifted_at}`);
        if (row.lift_announced_at !== null)
          throw conflict(
            `Lifting restriction ${id} was announced at ${row.lift_announced_at}; it is lifted once the person was told`,
          );
        if (row.reason === ERASURE_RESTRICTION_REASON) {
          throw conflict(
            'This restriction keeps what an erasure could not delete (Art. 17(3)); it ends when the retention sweep deletes the data',
          );
        }
        const contact = await addressees.getContact(trx, row.subject_id);
        const requestEmail = row.request_id === null ? null : await addressees.getRequesterEmail(trx, row.request_id);
        const to = contact?.email ?? requestEmail ?? null;
        if (to === null)
          throw conflict(
            'There is no e-mail address to tell the person before lifting (Art. 18(3)); add one or send a letter first',
          );
        const lang = langOf(contact?.language ?? 'nl');
        const now = this.clock.now();
        // The letter names the earliest day; delivery may come later, and then so does the lifting, never earlier.
        const notBefore = businessToday(new Date(now.getTime() + this.leadMs));
        const letter = liftAnnouncementLetter(this.guard.policy, lang, {
          purposeText: purposeWords(this.guard.policy, row.purpose)[lang],
          reason: data.reason,
          motivation: data.motivation,
          notBefore,
        });
        const outboxId = await enqueueMail(trx, {
          createdAt: isoNow(this.clock),
          ...letter,
          kind: 'restriction_lift_notice',
          to,
          language: lang,
          related: { type: 'restriction', id },
          subjectId: row.subject_id,
        });
        const announcement = {
          at: now.toISOString(),
          by: actorRef(actor),
          reason: data.reason,
          motivation: data.motivation,
          outboxId,
        };
        if (!(await records.announceLift(trx, id, announcement))) throw conflict(`Restriction ${id} changed meanwhile`);
        ctx.touch('restriction', id, row.subject_id);
        const updated = (await records.getRestriction(trx, id)) ?? row;
        return presentRestriction(updated, null, this.leadMs);
      },
    );
  }

  /** Withdraws an announced lifting before it happened (the person reacted, or the dpo reconsidered): it stands. */
  async keep(actor: Actor, id: string): Promise<Restriction> {
    this.requireHandler(actor);
    return this.guard.process(
      { actor, operation: 'store', recordType: 'subject', note: `restriction ${id} kept: lifting withdrawn` },
      async (ctx) => {
        const row = await records.getRestriction(ctx.trx, id);
        if (row === undefined) throw notFound('Restriction', id);
        if (!(await records.withdrawLift(ctx.trx, id))) {
          throw conflict(
            row.lifted_at !== null
              ? `Restriction ${id} was lifted at ${row.lifted_at}`
              : `Lifting restriction ${id} was not announced`,
          );
        }
        ctx.touch('restriction', id, row.subject_id);
        return presentRestriction((await records.getRestriction(ctx.trx, id)) ?? row, null, this.leadMs);
      },
    );
  }

  /**
   * The scheduled job: lifts every announced restriction whose notice was delivered at least the lead time ago,
   * storing the delivery time as when the person was told. Safe to run twice and on two instances: each lifting is
   * a conditional update in its own transaction.
   */
  async liftDue(): Promise<{ lifted: number }> {
    const now = this.clock.now();
    const due = await records.listLiftable(this.db, new Date(now.getTime() - this.leadMs).toISOString(), 100);
    let lifted = 0;
    for (const { id, sent_at } of due) {
      try {
        await this.guard.process(
          {
            actor: LIFT_ACTOR,
            operation: 'store',
            recordType: 'subject',
            note: `restriction ${id} lifted: the person was told on ${sent_at} (Art. 18(3))`,
          },
          async (ctx) => {
            const row = await records.getRestriction(ctx.trx, id);
            if (row === undefined || !(await records.liftRestriction(ctx.trx, id, now.toISOString(), sent_at)))
              throw conflict(`Restriction ${id} changed meanwhile`);
            ctx.touch('restriction', id, row.subject_id);
          },
        );
        lifted += 1;
      } catch (error) {
        // Withdrawn or lifted by another instance between the listing and now: nothing to do.
        if (!isKluisError(error) || error.code !== 'conflict') throw error;
      }
    }
    return { lifted };
  }

  private requireHandler(actor: Actor): void {
    if (!handlesRequests(this.guard.policy, actor.role)) throw forbidden(`The role ${actor.role} may not handle restrictions`);
  }
}

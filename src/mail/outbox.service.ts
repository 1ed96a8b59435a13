import type { Kysely } from 'kysely';
import type { DB, OutboxRow } from '../db/types.ts';
import { conflict, notFound } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { logAdministration } from '../guard/admin-log.ts';
import { withheldByRestriction } from '../restrictions-objections/restriction-check.ts';
import type { Guard } from '../guard/guard.ts';
import type { Policy } from '../policy/policy.ts';
import { parse } from '../shared/parse.ts';
import type { MailDelivery } from './delivery.ts';
import { cursorOf, parseCursor, presentMessage, presentRestrictedMessage } from './outbox.presenter.ts';
import * as outbox from './outbox.repository.ts';
import { type OutboxMessage, type OutboxPage, type OutboxQuery, outboxQuerySchema } from './outbox.schema.ts';
import { requireCapability } from '../guard/capability.ts';
import { isoNow } from '../shared/clock.ts';

/**
 * The outbox as staff see it. Messages hold personal data (an address, a letter about the person), so
 * reading them is consultation of correspondence through the guard and lands in the processing log with
 * the persons they concern. Sending is MailDelivery's work.
 */
export class OutboxService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly policy: Policy;
  private readonly delivery: MailDelivery;

  constructor(db: Kysely<DB>, guard: Guard, policy: Policy, delivery: MailDelivery) {
    this.db = db;
    this.guard = guard;
    this.policy = policy;
    this.delivery = delivery;
  }

  /** Messages newest first, filtered by status or what they relate to, paged. */
  async list(actor: Actor, input: OutboxQuery): Promise<OutboxPage> {
    const q = parse(outboxQuerySchema, input, 'outbox query');
    return this.guard.process({ actor, operation: 'consult', recordType: 'message', purpose: q.purpose }, async (ctx) => {
      const rows = await outbox.list(ctx.trx, {
        status: q.status,
        relatedType: q.relatedType,
        relatedId: q.relatedId,
        before: q.before === undefined ? undefined : parseCursor(q.before),
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      // A restricted person's letter is not consulted (Art. 18(2)), but the rest of the outbox still is: their
      // rows show only the delivery state, and they are not touched, so the entry names only whom it showed.
      const subjectIds = page.flatMap((row) => (row.subject_id === null ? [] : [row.subject_id]));
      const withheld = await withheldByRestriction(this.guard.policy, ctx.processing, subjectIds, ctx.trx);
      const isWithheld = (row: OutboxRow) => row.subject_id !== null && withheld.has(row.subject_id);
      for (const row of page) if (!isWithheld(row)) ctx.touch('outbox', row.id, row.subject_id ?? undefined);
      const last = page.at(-1);
      return {
        messages: page.map((row) => (isWithheld(row) ? presentRestrictedMessage(row) : presentMessage(row))),
        next: rows.length > q.limit && last !== undefined ? cursorOf(last) : null,
        deliveryConfigured: this.delivery.configured,
      };
    });
  }

  /**
   * One message with its text and delivery state. A message about a restricted person is refused to whoever
   * may not consult their data (409 restricted, by the guard's check on the touched subject): unlike the
   * listing, there is nothing else here to show.
   */
  async get(actor: Actor, id: string, purpose?: string): Promise<OutboxMessage> {
    return this.guard.process({ actor, operation: 'consult', recordType: 'message', purpose }, async (ctx) => {
      const row = await outbox.getById(ctx.trx, id);
      if (row === undefined) throw notFound('Message', id);
      ctx.touch('outbox', row.id, row.subject_id ?? undefined);
      return presentMessage(row);
    });
  }

  /**
   * Puts a message that was given up back in the queue, due now, with a fresh series of attempts (after the
   * address was corrected at the server, or the server was fixed). It changes the delivery state, not the
   * letter: an administrative change, logged as such. The answer shows the letter, so it is a consultation
   * through the guard like `get` (and its restriction check, Art. 18(2)), in the same transaction: refused,
   * nothing is requeued.
   */
  async retry(actor: Actor, id: string): Promise<OutboxMessage> {
    requireCapability(this.policy, actor, 'outbox', 'manage the outbox');
    return this.guard.process({ actor, operation: 'consult', recordType: 'message' }, async (ctx) => {
      const row = await outbox.getById(ctx.trx, id);
      if (row === undefined) throw notFound('Message', id);
      ctx.touch('outbox', row.id, row.subject_id ?? undefined);
      if (row.body_removed_at !== null) {
        throw conflict(
          'The text of this message was removed thirty days after its last attempt; write the letter again instead',
          { status: row.status, textRemovedAt: row.body_removed_at },
        );
      }
      if (!(await outbox.requeueFailed(ctx.trx, id, ctx.clock.now().toISOString()))) {
        throw conflict(`Only a failed message can be tried again; this one is ${row.status}`, { status: row.status });
      }
      await logAdministration(ctx.trx, actor, {
        at: isoNow(ctx.clock),
        operation: 'modify',
        recordType: 'outbox',
        records: [`outbox:${id}`],
        reason: 'delivery retried',
      });
      const updated = await outbox.getById(ctx.trx, id);
      if (updated === undefined) throw notFound('Message', id);
      return presentMessage(updated);
    });
  }

  /** How many messages each status holds, and whether mail goes out at all (for the CLI and the self-check). */
  async summary(): Promise<{ deliveryConfigured: boolean; counts: Record<string, number> }> {
    return { deliveryConfigured: this.delivery.configured, counts: await outbox.countByStatus(this.db) };
  }
}

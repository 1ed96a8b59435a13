import type { RecipientNoticeRow } from '../db/types.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { handlesRequests } from '../guard/request-handler.ts';
import type { Guard } from '../guard/guard.ts';
import type { Policy } from '../policy/policy.ts';
import { listCompanyRows } from '../registers/company.repository.ts';
import { listRows } from '../registers/recipient.repository.ts';
import { addressee, registerNames } from './disclosure.presenter.ts';
import { type ListPage, pageOf } from '../shared/list.ts';
import { parse } from '../shared/parse.ts';
import * as subjects from '../subjects/subject.repository.ts';
import { actorRef } from './disclosure-support.ts';
import * as notices from './recipient-notice.repository.ts';
import {
  type Confirmation,
  type Impossibility,
  type NoticeListItem,
  type NoticeQuery,
  type RecipientNotice,
  confirmationSchema,
  impossibilitySchema,
  noticeQuery,
} from './recipient-notice.schema.ts';
import type { Executor } from '../db/executor.ts';

/**
 * Art. 19 notices, tracked: a rectification, erasure or restriction queues a notice to each recipient that
 * received the data (recipient-notice-queue.ts); here staff record the recipient's
 * confirmation, and the dpo, whose judgement it is, that telling a recipient proved impossible or
 * disproportionate. Each step passes the guard: storage (a mark on the person's record, Art. 4(2)), which a
 * restriction allows, so an erased person's notices can still be closed.
 */
export class RecipientNoticeService {
  private readonly guard: Guard;
  private readonly policy: Policy;

  constructor(guard: Guard, policy: Policy) {
    this.guard = guard;
    this.policy = policy;
  }

  async listForSubject(actor: Actor, subjectId: string): Promise<RecipientNotice[]> {
    return this.guard.process({ actor, operation: 'consult', recordType: 'subject', subjectId }, async (ctx) => {
      const rows = await notices.listNotices(ctx.trx, subjectId);
      // An erased person's notices outlive them; only an unknown id without any is not found.
      if (rows.length === 0 && (await subjects.getById(ctx.trx, subjectId)) === undefined) throw notFound('Subject', subjectId);
      ctx.touch('subject', subjectId, subjectId);
      for (const r of rows) ctx.touch('recipient_notice', r.id);
      return present(ctx.trx, rows);
    });
  }

  /** The dpo's list: notices in a status (queued by default), oldest first. */
  async list(actor: Actor, query: NoticeQuery): Promise<ListPage<NoticeListItem>> {
    this.requireHandler(actor);
    const q = parse(noticeQuery, query ?? {}, 'query');
    return this.guard.process({ actor, operation: 'consult', recordType: 'subject' }, async (ctx) => {
      const { rows, total } = await notices.listPage(ctx.trx, q);
      for (const r of rows) ctx.touch('recipient_notice', r.id, r.subject_id);
      const shown = await present(ctx.trx, rows);
      return pageOf(
        shown.map((n, i) => ({ ...n, customerName: rows[i]?.customer_name ?? null })),
        total,
        q,
      );
    });
  }

  /** The recipient confirmed it rectified, erased or restricted the data too. */
  async confirm(actor: Actor, id: string, input: Confirmation | null | undefined): Promise<RecipientNotice> {
    const data = parse(confirmationSchema, input ?? {}, 'confirmation');
    return this.resolve(actor, id, 'confirmed', data.note ?? 'confirmed by the recipient');
  }

  /** Art. 19: telling this recipient proved impossible or would take disproportionate effort; the reason is kept. */
  async markImpossible(actor: Actor, id: string, input: Impossibility): Promise<RecipientNotice> {
    this.requireHandler(actor);
    const data = parse(impossibilitySchema, input, 'impossibility');
    return this.resolve(actor, id, 'impossible', data.reason);
  }

  private async resolve(
    actor: Actor,
    id: string,
    status: 'confirmed' | 'impossible',
    resolution: string,
  ): Promise<RecipientNotice> {
    return this.guard.process(
      { actor, operation: 'store', recordType: 'subject', note: `recipient notice ${status} (Art. 19)` },
      async (ctx) => {
        const row = await notices.getById(ctx.trx, id);
        if (row === undefined) throw notFound('Recipient notice', id);
        const at = ctx.clock.now().toISOString();
        if (!(await notices.resolve(ctx.trx, id, status, at, actorRef(actor), resolution)))
          throw conflict(`The recipient notice ${id} is ${row.status} already`);
        ctx.touch('recipient_notice', id, row.subject_id);
        return (
          await present(ctx.trx, [{ ...row, status, resolved_at: at, resolved_by: actorRef(actor), resolution }])
        )[0] as RecipientNotice;
      },
    );
  }

  private requireHandler(actor: Actor): void {
    if (!handlesRequests(this.policy, actor.role))
      throw forbidden(`The role ${actor.role} may not handle the Art. 19 notices of requests`);
  }
}

async function present(db: Executor, rows: RecipientNoticeRow[]): Promise<RecipientNotice[]> {
  if (rows.length === 0) return [];
  const [recipients, companies, messages] = await Promise.all([
    listRows(db),
    listCompanyRows(db),
    notices.messages(
      db,
      rows.flatMap((r) => (r.outbox_id === null ? [] : [r.outbox_id])),
    ),
  ]);
  const names = registerNames(recipients, companies);
  return rows.map((r) => {
    const message = messages.find((m) => m.id === r.outbox_id);
    return {
      id: r.id,
      requestId: r.request_id,
      subjectId: r.subject_id,
      recipient: { ...addressee({ ...r, authority: null, recipient_name: null }, names), id: r.recipient_id },
      kind: r.kind,
      createdAt: r.created_at,
      message: message === undefined ? null : { id: message.id, status: message.status, sentAt: message.sent_at },
      status: r.status,
      note: r.note,
      resolvedAt: r.resolved_at,
      resolvedBy: r.resolved_by,
      resolution: r.resolution,
    };
  });
}

import type { Kysely, Transaction } from 'kysely';
import type { DB, DisclosureRow } from '../db/types.ts';
import { conflict, disclosureRefused, forbidden, isKluisError, notFound } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import { handlesRequests } from '../guard/request-handler.ts';
import { type ListPage, pageOf } from '../shared/list.ts';
import { businessToday } from '../shared/business-day.ts';
import type { Policy } from '../policy/policy.ts';
import { listCompanyRows } from '../registers/company.repository.ts';
import { listRows } from '../registers/recipient.repository.ts';
import { parse } from '../shared/parse.ts';
import * as subjects from '../subjects/subject.repository.ts';
import { type ExportFile, buildExport } from './disclosure-export.ts';
import { requireRegistered } from './disclosure-registration.ts';
import {
  type Routing,
  actorRef,
  guarded,
  mayHandleLegalDemands,
  noticeDelivered,
  presentRows,
  processingOf,
  requireMayHandle,
  visibleTo,
} from './disclosure-support.ts';
import { addressee, registerNames } from './disclosure.presenter.ts';
import * as disclosures from './disclosure.repository.ts';
import {
  type AwaitingDisclosure,
  type AwaitingQuery,
  type Cancellation,
  type Disclosure,
  awaitingQuery,
  cancelSchema,
} from './disclosure.schema.ts';
import type { DisclosureOptions } from './disclosure.service.ts';

/** The scheduled job that releases disclosures whose notice went out; it acts with the dpo's rights. */
export const RELEASE_ACTOR: Actor = { kind: 'system', id: 'disclosure-release', role: 'dpo' };

// What stands in the way of a waiting disclosure by the time its notice went out: the job cancels it, since
// the reason it was made no longer holds (a restriction, an objection, a register or agreement that changed).
// An erased person (not_found) is one too.
const STALE = new Set([
  'not_found',
  'restricted',
  'objected',
  'recipient_unknown',
  'recipient_retired',
  'category_not_registered',
  'processor_agreement_missing',
  'processor_agreement_expired',
  'company_required',
  'company_unknown',
  'company_retired',
  'purpose_not_registered',
  'recipient_is_storage',
]);

/** What one run of the release job did. */
export interface ReleaseReport {
  released: number;
  cancelled: number;
}

/**
 * What happens to a disclosure after it was made: its release once the advance notice went out (P9), its
 * cancellation while it waits, and the export for the recipient, which exists only once released. Each passes
 * the guard again: the person may have restricted or objected in the meantime, the register may have changed.
 */
export class DisclosureReleaseService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly policy: Policy;
  private readonly leadMs: number;

  constructor(db: Kysely<DB>, guard: Guard, policy: Policy, options: DisclosureOptions = {}) {
    this.db = db;
    this.guard = guard;
    this.policy = policy;
    this.leadMs = options.noticeLeadMs ?? 0;
  }

  /** Releases a disclosure whose advance notice was delivered at least the lead time ago. */
  async release(actor: Actor, id: string, now: Date = this.guard.clock.now()): Promise<Disclosure> {
    const routing = await this.routing(actor, id);
    return guarded(this.guard, processingOf(actor, routing, 'disclose', `release of disclosure ${id}`), async (ctx) => {
      const row = await this.current(ctx.trx, id);
      if ((await subjects.getById(ctx.trx, row.subject_id)) === undefined) throw notFound('Subject', row.subject_id);
      if (row.status !== 'awaiting_notice') throw conflict(`The disclosure ${id} is ${row.status}, not awaiting its notice`);
      if (!(await noticeDelivered(ctx.trx, row.notice_outbox_id, now, this.leadMs))) {
        const lead = this.leadMs > 0 ? ` and ${this.leadMs / 3_600_000} hours have passed` : '';
        throw disclosureRefused('notice_not_sent', `The data waits until the notice to the person has been sent${lead} (P9)`, {
          outboxId: row.notice_outbox_id,
        });
      }
      await this.stillRegistered(ctx.trx, row);
      if (!(await disclosures.release(ctx.trx, id, now.toISOString(), actorRef(actor))))
        throw conflict(`The disclosure ${id} was released or cancelled meanwhile`);
      ctx.touch('subject', row.subject_id, row.subject_id);
      ctx.touch('disclosure', id);
      return (await presentRows(ctx.trx, [(await disclosures.getById(ctx.trx, id)) ?? row]))[0] as Disclosure;
    });
  }

  /**
   * The scheduled job: releases every waiting disclosure whose notice was delivered at least the lead time
   * ago, and cancels one that may no longer go out. Safe to run twice: a release is a conditional update.
   */
  async releaseDue(now: Date = this.guard.clock.now()): Promise<ReleaseReport> {
    const report: ReleaseReport = { released: 0, cancelled: 0 };
    const ids = await disclosures.listReleasable(this.db, new Date(now.getTime() - this.leadMs).toISOString(), 100);
    for (const id of ids) {
      try {
        await this.release(RELEASE_ACTOR, id, now);
        report.released += 1;
      } catch (error) {
        if (!isKluisError(error)) throw error;
        if (STALE.has(error.code)) {
          await this.cancel(RELEASE_ACTOR, id, { reason: `${error.code}: ${error.message}` });
          report.cancelled += 1;
        } else if (error.code !== 'conflict') {
          throw error;
        }
      }
    }
    return report;
  }

  /**
   * Cancels a disclosure that waits for its notice: nothing went out. Recording that is storage (Art. 4(2)),
   * allowed for a restricted person too, and under the subject's first purpose, which no objection reaches.
   */
  async cancel(actor: Actor, id: string, input: Cancellation): Promise<Disclosure> {
    const data = parse(cancelSchema, input, 'cancellation');
    const routing = await this.routing(actor, id);
    return this.guard.process(
      { actor, operation: 'store', recordType: 'subject', subjectId: routing.subject_id, note: `disclosure ${id} cancelled` },
      async (ctx) => {
        const row = await this.current(ctx.trx, id);
        if (!(await disclosures.cancel(ctx.trx, id, ctx.clock.now().toISOString(), data.reason)))
          throw conflict(`The disclosure ${id} is ${row.status}: only one awaiting its notice can be cancelled`);
        ctx.touch('subject', row.subject_id, row.subject_id);
        ctx.touch('disclosure', id);
        return (await presentRows(ctx.trx, [(await disclosures.getById(ctx.trx, id)) ?? row]))[0] as Disclosure;
      },
    );
  }

  /**
   * The disclosures of every customer that wait for their advance notice (P9, issue 19), for the dpo who sees them
   * through: each with the customer by name, the notice's state and from when the data may go out. One consultation
   * of the persons' names, logged naming each person and disclosure as the per-person log is; the categories are the
   * rows' own, so no record of them is read. Another role is refused inside the processing, so its refusal is logged.
   */
  async listAwaiting(actor: Actor, input: AwaitingQuery): Promise<ListPage<AwaitingDisclosure>> {
    const q = parse(awaitingQuery, input ?? {}, 'query');
    const processing = {
      actor,
      operation: 'consult' as const,
      recordType: 'subject' as const,
      note: 'disclosures awaiting their advance notice (P9)',
    };
    return this.guard.process(processing, async (ctx) => {
      // The dpo's, as the Art. 19 notices of every customer are: the role that handles the persons' requests.
      if (!handlesRequests(this.policy, actor.role))
        throw forbidden(`The role ${actor.role} may not see the disclosures of every customer`);
      const now = ctx.clock.now();
      const sentBefore = new Date(now.getTime() - this.leadMs).toISOString();
      const { rows, total } = await disclosures.listAwaiting(ctx.trx, q, sentBefore, mayHandleLegalDemands(this.policy, actor));
      for (const r of rows) {
        if (r.customer_name !== null) ctx.touch('subject', r.subject_id, r.subject_id);
        ctx.touch('disclosure', r.id, r.subject_id);
      }
      const shown = await presentRows(ctx.trx, rows);
      return pageOf(
        shown.map((d, i) => {
          const sentAt = d.notice.status === 'sent' ? d.notice.sentAt : null;
          const from = sentAt === null ? null : new Date(Date.parse(sentAt) + this.leadMs).toISOString();
          return {
            ...d,
            customerName: rows[i]?.customer_name ?? null,
            releasableFrom: from,
            releasable: from !== null && from <= now.toISOString(),
          };
        }),
        total,
        q,
      );
    });
  }

  /** The file for the recipient, made from the data as it is now; each download is a disclosure in the log. */
  async exportFile(actor: Actor, id: string): Promise<ExportFile> {
    const routing = await this.routing(actor, id);
    return guarded(this.guard, processingOf(actor, routing, 'disclose', `export of disclosure ${id}`), async (ctx) => {
      const row = await this.current(ctx.trx, id);
      // A fiscal export was the download; a portability transfer goes only by the link sent to the organisation the person named.
      if (row.mode !== 'export' || row.kind === 'fiscal_export' || row.kind === 'portability')
        throw conflict(`The disclosure ${id} has no export to download: ${exportlessReason(row.kind)}`);
      if (row.status !== 'released')
        throw disclosureRefused(
          'disclosure_not_released',
          row.status === 'cancelled'
            ? `The disclosure ${id} was cancelled`
            : `The disclosure ${id} waits for the notice to the person (P9)`,
        );
      await this.stillRegistered(ctx.trx, row);
      const names = registerNames(await listRows(ctx.trx), await listCompanyRows(ctx.trx));
      const at = ctx.clock.now().toISOString();
      const { file, touched } = await buildExport(ctx.trx, row, {
        from: this.policy.document.controller.name,
        to: addressee(row, names).name.en,
        generatedAt: at,
      });
      await disclosures.markExported(ctx.trx, id, at);
      ctx.touch('disclosure', id, row.subject_id);
      for (const [type, recordId] of touched) ctx.touch(type, recordId);
      return file;
    });
  }

  /**
   * The disclosure's routing, refusing a legal demand to whoever may not handle one. A suppressed one is not
   * found for them, as `get` answers: a different refusal would tell its kind (Art. 23; P9).
   */
  private async routing(actor: Actor, id: string): Promise<Routing> {
    const routing = await disclosures.getRouting(this.db, id);
    if (routing === undefined || !visibleTo(this.policy, actor, routing)) throw notFound('Disclosure', id);
    requireMayHandle(this.policy, actor, routing.kind);
    return routing;
  }

  private async current(trx: Transaction<DB>, id: string): Promise<DisclosureRow> {
    const row = await disclosures.getById(trx, id);
    if (row === undefined) throw notFound('Disclosure', id);
    return row;
  }

  /** P8 and Art. 28(3) at the moment the data goes out: the register may have changed since the request. */
  private async stillRegistered(trx: Transaction<DB>, row: DisclosureRow): Promise<void> {
    if (row.recipient_id === null) return;
    const addressee = {
      recipientId: row.recipient_id,
      companyId: row.company_id,
      purpose: row.purpose,
      categories: JSON.parse(row.categories) as string[],
    };
    await requireRegistered(trx, this.policy, addressee, businessToday(this.guard.clock.now()));
  }
}

/** Why a disclosure has no export staff can download. */
function exportlessReason(kind: string): string {
  if (kind === 'fiscal_export') return 'it was downloaded when made';
  if (kind === 'portability') return 'it went only to the organisation the person named, by the link sent to it (Art. 20(2))';
  return 'it was handed over another way';
}

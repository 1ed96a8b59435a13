import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import type { Policy } from '../policy/policy.ts';
import { type ErasureEntry, recordErasures } from '../retention/erasure-ledger.ts';
import { REQUEST_RETENTION_YEARS, requestKeptUntil, yearsBefore } from '../retention/rules/own-periods.ts';
import { REQUEST_KINDS, isRight } from '../shared/request-kind.ts';
import { keepsRequest } from '../retention/legal-hold.repository.ts';
import { type ClosedRequest, deleteRequest, getClosed, hangingOn, listClosedBefore } from './request-retention.repository.ts';
import { type Clock, systemClock } from '../shared/clock.ts';
import type { RequestKind } from '../db/vocabulary.ts';
import { addDays, businessToday, businessDate } from '../shared/business-day.ts';

/** The job's actor: a system process with the dpo's rights (the request handler), named in each log entry. */
export const REQUEST_RETENTION_ACTOR: Actor = { kind: 'system', id: 'request-retention', role: 'dpo' };

const PAGE = 200;
const RIGHTS = REQUEST_KINDS.filter(isRight);
const CORRESPONDENCE = REQUEST_KINDS.filter((k) => !isRight(k));

export interface RequestRetentionReport {
  today: string;
  deleted: number;
  /** Due, but kept by a legal hold. */
  held: number;
}

const addDay = (day: string) => addDays(day, 1);

/**
 * Art. 5(1)(e) and 5(2): a closed request of a data subject is kept for the period of `requestKeptUntil` (own-
 * periods.ts says why), then deleted with what hangs on it: its verification challenges, its access packages,
 * its case with the messages, and the mail about it. An open request is never deleted; one a legal hold reaches
 * is kept while the hold is in force. One transaction per request through the guard (`erase` of a case record),
 * logged naming every record, with rows in the erasure ledger so a restored backup deletes them again.
 */
export class RequestRetentionService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly policy: Policy;
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, guard: Guard, policy: Policy, options: { clock?: Clock | undefined } = {}) {
    this.db = db;
    this.guard = guard;
    this.policy = policy;
    this.clock = options.clock ?? systemClock;
  }

  /** Deletes the requests due on `today` (the clock's day by default). */
  async run(options: { today?: string } = {}): Promise<RequestRetentionReport> {
    const today = options.today ?? businessToday(this.clock.now());
    const report: RequestRetentionReport = { today, deleted: 0, held: 0 };
    // Rights: closed on or before this day, five years ago. Questions and complaints: their period is the
    // policy's, so every closed one is read and its own day asked.
    await this.sweep(RIGHTS, addDay(yearsBefore(today, REQUEST_RETENTION_YEARS)), report);
    await this.sweep(CORRESPONDENCE, addDay(today), report);
    return report;
  }

  private async sweep(kinds: readonly RequestKind[], closedBefore: string, report: RequestRetentionReport): Promise<void> {
    let cursor = '';
    for (;;) {
      const page = await listClosedBefore(this.db, kinds, closedBefore, cursor, PAGE);
      for (const request of page) {
        if (this.keptUntil(request) > report.today) continue;
        if (await keepsRequest(this.db, request.subject_id, request.case_id, report.today)) report.held += 1;
        else if (await this.delete(request.id, report.today)) report.deleted += 1;
      }
      const last = page.at(-1);
      if (last === undefined || page.length < PAGE) return;
      cursor = last.id;
    }
  }

  private keptUntil(r: ClosedRequest): string {
    const kind = REQUEST_KINDS.find((k) => k === r.kind) ?? 'access';
    // The days of receipt and closing where the business is: the sweep's `today` is a business day too.
    return requestKeptUntil(this.policy, kind, businessDate(r.received_at), businessDate(r.closed_at));
  }

  private async delete(id: string, today: string): Promise<boolean> {
    return this.guard.process(
      {
        actor: REQUEST_RETENTION_ACTOR,
        operation: 'erase',
        recordType: 'case',
        // The request's case goes with its messages.
        includes: ['message'],
        note: `retention of requests of data subjects on ${today}`,
      },
      async (ctx) => {
        // Again inside the transaction: a hold placed meanwhile keeps it, and a second run finds it gone.
        const row = await getClosed(ctx.trx, id);
        if (row === undefined || this.keptUntil(row) > today || (await keepsRequest(ctx.trx, row.subject_id, row.case_id, today)))
          return false;
        const hanging = await hangingOn(ctx.trx, row.id, row.case_id);
        await deleteRequest(ctx.trx, row.id, hanging.kase?.id ?? null, hanging.mail);
        ctx.touch('rights_request', row.id, row.subject_id ?? undefined);
        for (const p of hanging.packages) ctx.touch('access_package', p.id, p.subject_id);
        if (hanging.kase !== undefined) ctx.touch('case', hanging.kase.id, hanging.kase.subject_id);
        for (const m of hanging.messages) ctx.touch('message', m);
        for (const m of hanging.mail) ctx.touch('outbox', m);
        // The request first: replaying it finds its packages' mail before the packages go (replay-ledger.ts).
        const ledger: ErasureEntry[] = [
          {
            kind: 'retention',
            recordType: 'rights_request',
            recordId: row.id,
            subjectId: row.subject_id ?? '',
            requestId: row.id,
          },
          ...(hanging.kase === undefined
            ? []
            : [
                {
                  kind: 'retention' as const,
                  recordType: 'case',
                  recordId: hanging.kase.id,
                  subjectId: hanging.kase.subject_id,
                  requestId: row.id,
                },
              ]),
          ...hanging.packages.map((p) => ({
            kind: 'retention' as const,
            recordType: 'access_package',
            recordId: p.id,
            subjectId: p.subject_id,
            requestId: row.id,
          })),
        ];
        await recordErasures(ctx.trx, ledger, ctx.clock.now().toISOString());
        return true;
      },
    );
  }
}

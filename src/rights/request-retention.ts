import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import { type ErasureEntry, recordErasures } from '../retention/erasure-ledger.ts';
import { REQUEST_RETENTION_YEARS, yearsBefore } from '../retention/own-periods.ts';
import { deleteRequest, getClosed, hangingOn, isHeld, listClosedBefore } from './request-retention.repository.ts';

/** The job's actor: a system process with the dpo's rights (the request handler), named in each log entry. */
export const REQUEST_RETENTION_ACTOR: Actor = { kind: 'system', id: 'request-retention', role: 'dpo' };

const PAGE = 200;

export interface RequestRetentionReport {
  today: string;
  /** Requests closed before this day were due. */
  closedBefore: string;
  deleted: number;
  /** Due, but kept by a legal hold. */
  held: number;
}

const addDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Art. 5(1)(e) and 5(2): a request of a data subject is kept `REQUEST_RETENTION_YEARS` after it was closed (own-
 * periods.ts says why), then deleted with what hangs on it: its verification challenges, its access packages,
 * its case with the messages, and the mail about it. An open request is never deleted; one a legal hold reaches
 * is kept while the hold is in force. One transaction per request through the guard (`erase` of a case record),
 * logged naming every record, with rows in the erasure ledger so a restored backup deletes them again.
 */
export class RequestRetentionService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly now: () => Date;

  constructor(db: Kysely<DB>, guard: Guard, options: { now?: (() => Date) | undefined } = {}) {
    this.db = db;
    this.guard = guard;
    this.now = options.now ?? (() => new Date());
  }

  /** Deletes the requests due on `today` (the clock's day by default). */
  async run(options: { today?: string } = {}): Promise<RequestRetentionReport> {
    const today = options.today ?? this.now().toISOString().slice(0, 10);
    // Closed on or before this day: five years later is today or earlier.
    const lastDay = yearsBefore(today, REQUEST_RETENTION_YEARS);
    const report: RequestRetentionReport = { today, closedBefore: addDay(lastDay), deleted: 0, held: 0 };
    let cursor = '';
    for (;;) {
      const page = await listClosedBefore(this.db, report.closedBefore, cursor, PAGE);
      for (const request of page) {
        if (await isHeld(this.db, request.subject_id, request.case_id, today)) report.held += 1;
        else if (await this.delete(request.id, report)) report.deleted += 1;
      }
      const last = page.at(-1);
      if (last === undefined || page.length < PAGE) return report;
      cursor = last.id;
    }
  }

  private async delete(id: string, report: RequestRetentionReport): Promise<boolean> {
    return this.guard.process({ actor: REQUEST_RETENTION_ACTOR, operation: 'erase', recordType: 'case', note: `retention: request closed before ${report.closedBefore}, ${REQUEST_RETENTION_YEARS} years after its answer` }, async (ctx) => {
      // Again inside the transaction: a hold placed meanwhile keeps it, and a second run finds it gone.
      const row = await getClosed(ctx.trx, id);
      if (row === undefined || row.closed_at >= report.closedBefore || (await isHeld(ctx.trx, row.subject_id, row.case_id, report.today))) return false;
      const hanging = await hangingOn(ctx.trx, row.id, row.case_id);
      await deleteRequest(ctx.trx, row.id, hanging.kase?.id ?? null, hanging.mail);
      ctx.touch('rights_request', row.id, row.subject_id ?? undefined);
      for (const p of hanging.packages) ctx.touch('access_package', p.id, p.subject_id);
      if (hanging.kase !== undefined) ctx.touch('case', hanging.kase.id, hanging.kase.subject_id);
      for (const m of hanging.messages) ctx.touch('message', m);
      for (const m of hanging.mail) ctx.touch('outbox', m);
      // The request first: replaying it finds its packages' mail before the packages go (replay-ledger.ts).
      const ledger: ErasureEntry[] = [
        { kind: 'retention', recordType: 'rights_request', recordId: row.id, subjectId: row.subject_id ?? '', requestId: row.id },
        ...(hanging.kase === undefined ? [] : [{ kind: 'retention' as const, recordType: 'case', recordId: hanging.kase.id, subjectId: hanging.kase.subject_id, requestId: row.id }]),
        ...hanging.packages.map((p) => ({ kind: 'retention' as const, recordType: 'access_package', recordId: p.id, subjectId: p.subject_id, requestId: row.id })),
      ];
      await recordErasures(ctx.trx, ledger);
      return true;
    });
  }
}

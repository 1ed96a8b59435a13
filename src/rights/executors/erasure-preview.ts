import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { conflict, notFound } from '../../errors.ts';
import type { Actor } from '../../guard/actor.ts';
import { handlesRequests } from '../../guard/request-handler.ts';
import type { Guard, ProcessingContext } from '../../guard/guard.ts';
import { forbidden } from '../../errors.ts';
import type { RecordType } from '../../policy/policy.schema.ts';
import { requireHandler } from '../handler-role.ts';
import * as requests from '../request.repository.ts';
import { type ErasurePlan, planErasure } from './erasure-plan.ts';
import type { ErasureHistory, ErasurePreview } from './erasure-preview.schema.ts';
import { erasedPerRequest, listGrantedErasures } from './erasure-history.repository.ts';
import { holdsInForce } from '../../retention/legal-hold.repository.ts';
import { type SubjectRecords, loadSubjectRecords, ownedBusinessRecords } from './subject-records.ts';
import { businessDate, businessToday } from '../../shared/business-day.ts';

const INCLUDES: RecordType[] = ['agreement', 'invoice', 'case', 'message', 'consent'];

type Named = { title: string | null; date: string | null; messages?: number };

/** Each record of the person by type and id, named as staff know it. */
function namesOf(records: SubjectRecords): Map<string, Named> {
  const names = new Map<string, Named>();
  for (const i of records.invoices)
    names.set(`invoice|${i.id}`, { title: i.number, date: i.issue_date ?? businessDate(i.created_at) });
  for (const a of records.agreements) names.set(`agreement|${a.id}`, { title: a.title, date: a.end_date ?? a.start_date });
  for (const c of records.cases)
    names.set(`case|${c.id}`, {
      title: c.title,
      date: businessDate(c.opened_at),
      messages: records.messages.filter((m) => m.case_id === c.id).length,
    });
  for (const c of records.consents) names.set(`consent|${c.id}`, { title: c.purpose, date: businessDate(c.given_at) });
  const s = records.subject;
  names.set(`subject|${s.id}`, { title: `${s.first_name} ${s.last_name}`.trim(), date: null });
  return names;
}

/** The plan in the words of the back office: every record named, kept ones with ground and date. */
function present(records: SubjectRecords, plan: ErasurePlan): ErasurePreview {
  const names = namesOf(records);
  const named = (recordType: RecordType, id: string) => ({
    recordType,
    id,
    ...(names.get(`${recordType}|${id}`) ?? { title: null, date: null }),
  });
  const erased = [
    ...plan.erase.invoices.map((id) => named('invoice', id)),
    ...plan.erase.agreements.map((id) => named('agreement', id)),
    ...plan.erase.cases.map((id) => named('case', id)),
    ...plan.erase.consents.map((id) => named('consent', id)),
  ];
  const kept = plan.kept.map((k) => ({
    ...named(k.recordType, k.id),
    ground: k.ground,
    legalObligation: k.legalObligation,
    until: k.until,
    reviewOn: k.reviewOn,
  }));
  const s = records.subject;
  return {
    subject: { id: s.id, name: `${s.first_name} ${s.last_name}`.trim(), reference: s.reference },
    erased,
    kept,
    contactDetails: plan.kept.length === 0 ? 'deleted' : plan.subjectHeld ? 'held' : 'reduced',
  };
}

/**
 * The erasure before and after (Art. 17, issue 19): a dry run of the executor's plan, so the dpo sees what goes and
 * what the law keeps before deciding, and afterwards what was erased for which request and what is still kept and
 * why. Reading the records is consultation, logged like any other; nothing is changed.
 */
export class ErasurePreviewService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;

  constructor(db: Kysely<DB>, guard: Guard) {
    this.db = db;
    this.guard = guard;
  }

  /** What deciding this erasure request would delete and keep today, computed as the executor computes it. */
  async forRequest(actor: Actor, requestId: string): Promise<ErasurePreview> {
    const row = await requests.getById(this.db, requestId);
    if (row === undefined) throw notFound('Request', requestId);
    requireHandler(actor, row);
    if (row.kind !== 'erasure') throw conflict(`Request ${row.reference} is not an erasure request`);
    const subjectId = row.subject_id;
    if (subjectId === null) return { subject: null, erased: [], kept: [], contactDetails: 'deleted' };
    return this.guard.process(
      { actor, operation: 'consult', recordType: 'subject', includes: INCLUDES, subjectId },
      async (ctx) => {
        ctx.touch('rights_request', requestId);
        const { records, plan } = await this.plan(ctx, subjectId);
        return present(records, plan);
      },
    );
  }

  /** The erasures done for a person and what is kept of them now, with the ground and until when. */
  async forSubject(actor: Actor, subjectId: string): Promise<ErasureHistory> {
    if (!handlesRequests(this.guard.policy, actor.role)) throw forbidden(`The role ${actor.role} may not see erasures`);
    return this.guard.process(
      { actor, operation: 'consult', recordType: 'subject', includes: INCLUDES, subjectId },
      async (ctx) => {
        const done = await listGrantedErasures(ctx.trx, subjectId);
        for (const r of done) ctx.touch('rights_request', r.id);
        if (done.length === 0) return { erasures: [], kept: [] };
        const counts = await erasedPerRequest(
          ctx.trx,
          done.map((r) => r.id),
        );
        const { records, plan } = await this.plan(ctx, subjectId);
        return {
          erasures: done.map((r) => ({
            requestId: r.id,
            reference: r.reference,
            decision: r.decision ?? '',
            decidedAt: r.decided_at,
            erasedRecords: counts.get(r.id) ?? 0,
          })),
          kept: present(records, plan).kept,
        };
      },
    );
  }

  private async plan(ctx: ProcessingContext, subjectId: string): Promise<{ records: SubjectRecords; plan: ErasurePlan }> {
    const records = await loadSubjectRecords(ctx.trx, subjectId);
    if (records === undefined) throw notFound('Subject', subjectId);
    ctx.touch('subject', subjectId, subjectId);
    // The same holds and plan, on the same day, as the erasure executor takes when the decision is recorded.
    const today = businessToday(ctx.clock.now());
    const holds = await holdsInForce(ctx.trx, subjectId, today);
    // The business the person alone owns is planned as theirs, as the executor plans it.
    const business = await ownedBusinessRecords(ctx.trx, subjectId);
    const all = {
      ...records,
      agreements: [...records.agreements, ...business.agreements],
      invoices: [...records.invoices, ...business.invoices],
    };
    return { records: all, plan: planErasure(this.guard.policy, all, holds, today) };
  }
}

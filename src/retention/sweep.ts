import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { forbidden } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { logAdministration } from '../guard/admin-log.ts';
import type { Guard } from '../guard/guard.ts';
import type { Policy } from '../policy/policy.ts';
import type { RecordType } from '../policy/policy.schema.ts';
import { type LegalHold, holdsOn } from '../rights/execution/legal-holds.ts';
import * as erasure from '../rights/execution/erasure.repository.ts';
import { type RetainedRecord, effectiveRetention } from './effective-retention.ts';
import { recordErasures } from './erasure-ledger.ts';

type Executor = Kysely<DB> | Transaction<DB>;
type SweptType = 'agreement' | 'invoice' | 'case';

/** One record whose effective retention has ended (or ends within a forecast's horizon). */
export interface DueRecord {
  recordType: SweptType;
  id: string;
  subjectId: string;
  /** The rule that decides, or 'legal-hold' when only a hold's end date does. */
  rule: string;
  /** The first day the record may be deleted. */
  until: string;
}

export interface SweepReport {
  dryRun: boolean;
  today: string;
  /** Subjects with at least one record deleted (or due, in a dry run). */
  subjects: number;
  deleted: Record<SweptType | 'message' | 'subject', number>;
  /** Dry run only: exactly what the sweep would delete. */
  due: DueRecord[];
  /** Dry run only: subjects the sweep would remove, having nothing left. */
  subjectsToRemove: string[];
}

export interface Forecast {
  from: string;
  to: string;
  rules: { rule: string; total: number; dates: { date: string; count: number }[] }[];
}

/** The retention sweep's actor: a system process with the dpo's rights, named in every log entry. */
export const SWEEP_ACTOR: Actor = { kind: 'system', id: 'retention-sweep', role: 'dpo' };

/** Subjects per transaction: a kill loses at most one batch of work, which the next run redoes. */
export const BATCH = 100;

const WHOLE_SUBJECT: RecordType[] = ['subject', 'agreement', 'invoice', 'case', 'message', 'consent'];
const todayOf = () => new Date().toISOString().slice(0, 10);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface BatchRows {
  agreements: { id: string; subject_id: string; end_date: string | null; start_date: string | null }[];
  invoices: { id: string; subject_id: string; agreement_id: string | null; credit_for_id: string | null; status: string; issue_date: string | null; completed_on: string | null }[];
  cases: { id: string; subject_id: string; opened_at: string; closed_at: string | null }[];
  withConsents: Set<string>;
  holds: Map<string, LegalHold[]>;
}

async function loadBatch(db: Executor, ids: string[], today: string): Promise<BatchRows> {
  const [agreements, invoices, cases, consents, holdRows] = await Promise.all([
    db.selectFrom('agreements').select(['id', 'subject_id', 'start_date', 'end_date']).where('subject_id', 'in', ids).execute(),
    db.selectFrom('invoices').select(['id', 'subject_id', 'agreement_id', 'credit_for_id', 'status', 'issue_date', 'completed_on']).where('subject_id', 'in', ids).execute(),
    db.selectFrom('cases').select(['id', 'subject_id', 'opened_at', 'closed_at']).where('subject_id', 'in', ids).execute(),
    db.selectFrom('consents').select('subject_id').distinct().where('subject_id', 'in', ids).execute(),
    db
      .selectFrom('legal_holds')
      .select(['subject_id', 'record_type', 'record_id', 'reason', 'ends_on', 'review_on'])
      .where('subject_id', 'in', ids)
      .where('released_at', 'is', null)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', today)]))
      .execute(),
  ]);
  const holds = new Map<string, LegalHold[]>();
  for (const r of holdRows) {
    const base = { reason: r.reason, until: r.ends_on, reviewOn: r.review_on };
    const list = r.record_type === null || r.record_id === null
      ? WHOLE_SUBJECT.map((recordType): LegalHold => ({ ...base, recordType, recordId: null }))
      : [{ ...base, recordType: r.record_type as RecordType, recordId: r.record_id }];
    holds.set(r.subject_id, [...(holds.get(r.subject_id) ?? []), ...list]);
  }
  return { agreements, invoices, cases, withConsents: new Set(consents.map((c) => c.subject_id)), holds };
}

/**
 * What of one subject's records is due by `horizon`: each record's effective retention (with the invoices
 * behind an agreement and the holds in force), the same function erasure and the statement ask. An invoice
 * a kept credit note points to stays with it. `remaining` counts what would be left afterwards.
 */
function planSubject(policy: Policy, subjectId: string, rows: BatchRows, horizon: string): { due: DueRecord[]; remaining: number; held: boolean } {
  const holds = rows.holds.get(subjectId) ?? [];
  const invoices = rows.invoices.filter((i) => i.subject_id === subjectId);
  const due: DueRecord[] = [];
  let remaining = rows.withConsents.has(subjectId) ? 1 : 0;
  const check = (recordType: SweptType, id: string, retained: RetainedRecord): boolean => {
    const r = effectiveRetention(policy, retained);
    if (r.until === null || r.until > horizon) return false;
    due.push({ recordType, id, subjectId, rule: r.governing?.ruleId ?? 'legal-hold', until: r.until });
    return true;
  };
  const invoiceRetained = (i: BatchRows['invoices'][number], withHolds: boolean): RetainedRecord => ({
    recordType: 'invoice',
    dates: { completed_on: i.completed_on, issue_date: i.issue_date },
    holds: withHolds ? holdsOn(holds, 'invoice', i.id) : [],
  });
  const dueInvoices = new Set(invoices.filter((i) => check('invoice', i.id, invoiceRetained(i, true))).map((i) => i.id));
  // An invoice a kept credit note refers to stays (the foreign key, and the books, need it).
  for (const i of invoices) {
    if (!dueInvoices.has(i.id) && i.credit_for_id !== null && dueInvoices.delete(i.credit_for_id)) {
      due.splice(due.findIndex((d) => d.recordType === 'invoice' && d.id === i.credit_for_id), 1);
    }
  }
  remaining += invoices.length - dueInvoices.size;
  for (const a of rows.agreements.filter((x) => x.subject_id === subjectId)) {
    const behind = invoices.filter((i) => i.agreement_id === a.id && i.status !== 'draft').map((i) => invoiceRetained(i, false));
    if (!check('agreement', a.id, { recordType: 'agreement', dates: { start_date: a.start_date, end_date: a.end_date }, linked: behind, holds: holdsOn(holds, 'agreement', a.id) })) remaining += 1;
  }
  for (const c of rows.cases.filter((x) => x.subject_id === subjectId)) {
    if (!check('case', c.id, { recordType: 'case', dates: { opened_at: c.opened_at, closed_at: c.closed_at }, holds: holdsOn(holds, 'case', c.id) })) remaining += 1;
  }
  return { due, remaining, held: holdsOn(holds, 'subject', subjectId).length > 0 };
}

/**
 * The retention sweep (issue 5, point 1). Scans the subjects in batches of BATCH, by id; each batch is one
 * transaction, so a killed run leaves every subject untouched or done, and the next run picks up the rest
 * (what was done is no longer due: the sweep is idempotent). Every deletion goes through the guard as an
 * 'erase' by the system actor, one log entry per subject and record type naming the rule, with its ledger
 * rows in the same transaction. This slice scans every subject; a `retain_until` column would make it
 * cost in proportion to what is due.
 */
export class RetentionService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly policy: Policy;

  constructor(db: Kysely<DB>, guard: Guard, policy: Policy) {
    this.db = db;
    this.guard = guard;
    this.policy = policy;
  }

  async run(options: { dryRun?: boolean; today?: string } = {}): Promise<SweepReport> {
    const today = options.today ?? todayOf();
    const dryRun = options.dryRun === true;
    const report: SweepReport = { dryRun, today, subjects: 0, deleted: { agreement: 0, invoice: 0, case: 0, message: 0, subject: 0 }, due: [], subjectsToRemove: [] };
    let after = '';
    for (;;) {
      const ids = (await this.db.selectFrom('subjects').select('id').where('id', '>', after).orderBy('id').limit(BATCH).execute()).map((r) => r.id);
      if (ids.length === 0) break;
      after = ids.at(-1) as string;
      if (dryRun) {
        const rows = await loadBatch(this.db, ids, today);
        for (const id of ids) {
          const p = planSubject(this.policy, id, rows, today);
          if (p.due.length === 0) continue;
          report.subjects += 1;
          report.due.push(...p.due);
          if (p.remaining === 0 && !p.held) report.subjectsToRemove.push(id);
        }
        continue;
      }
      await this.db.transaction().execute(async (trx) => {
        const rows = await loadBatch(trx, ids, today);
        for (const id of ids) {
          const p = planSubject(this.policy, id, rows, today);
          if (p.due.length === 0) continue;
          report.subjects += 1;
          await this.sweepSubject(trx, id, p.due, p.remaining === 0 && !p.held, report);
        }
      });
    }
    if (!dryRun) {
      const d = report.deleted;
      const reason = `retention sweep on ${today}: ${report.subjects} subject(s); deleted ${d.agreement} agreement(s), ${d.invoice} invoice(s), ${d.case} case(s) with ${d.message} message(s), ${d.subject} subject(s)`;
      await this.db.transaction().execute((trx) => logAdministration(trx, SWEEP_ACTOR, { operation: 'erase', recordType: 'retention', records: [`retention_run:${today}`], reason }));
    }
    return report;
  }

  private async sweepSubject(trx: Transaction<DB>, subjectId: string, due: DueRecord[], removeSubject: boolean, report: SweepReport): Promise<void> {
    const ledger: [string, string][] = [];
    for (const type of ['invoice', 'agreement', 'case'] as const) {
      const records = due.filter((d) => d.recordType === type);
      if (records.length === 0) continue;
      const ids = records.map((r) => r.id);
      const note = `retention: ${records.map((r) => `${type}:${r.id} under ${r.rule} (until ${r.until})`).join(', ')}`;
      await this.guard.processIn(
        trx,
        { actor: SWEEP_ACTOR, operation: 'erase', recordType: type, purpose: this.policy.purposesOf(type)[0], subjectId, note, includes: type === 'case' ? ['message'] : undefined },
        async (ctx) => {
          for (const id of ids) ctx.touch(type, id);
          if (type === 'invoice') await erasure.deleteInvoices(ctx.trx, ids);
          if (type === 'agreement') await erasure.deleteAgreements(ctx.trx, ids);
          if (type === 'case') {
            const messages = await ctx.trx.selectFrom('messages').select('id').where('case_id', 'in', ids).execute();
            const attachments = messages.length === 0 ? [] : await ctx.trx.selectFrom('attachments').select('id').where('message_id', 'in', messages.map((m) => m.id)).execute();
            for (const m of messages) ctx.touch('message', m.id);
            ledger.push(...messages.map((m): [string, string] => ['message', m.id]), ...attachments.map((a): [string, string] => ['attachment', a.id]));
            report.deleted.message += messages.length;
            await erasure.deleteCases(ctx.trx, ids);
          }
        },
      );
      ledger.push(...ids.map((id): [string, string] => [type, id]));
      report.deleted[type] += ids.length;
    }
    if (removeSubject) {
      await this.guard.processIn(trx, { actor: SWEEP_ACTOR, operation: 'erase', recordType: 'subject', subjectId, note: 'retention: nothing left of the subject' }, async (ctx) => {
        ctx.touch('subject', subjectId, subjectId);
        const packages = await erasure.deleteAccessPackages(ctx.trx, subjectId);
        ledger.push(...packages.map((id): [string, string] => ['access_package', id]));
        await erasure.deleteSubject(ctx.trx, subjectId);
      });
      ledger.push(['subject', subjectId]);
      report.deleted.subject += 1;
    }
    await recordErasures(trx, ledger.map(([recordType, recordId]) => ({ kind: 'retention', recordType, recordId, subjectId })));
  }

  /** What will be deleted by `today + days`, per rule and date; what is overdue counts on today. */
  async forecast(actor: Actor, days: number, options: { today?: string } = {}): Promise<Forecast> {
    if (!this.policy.mayAdminister(actor.role, 'holds')) throw forbidden(`The role ${actor.role} may not read the retention forecast`);
    const today = options.today ?? todayOf();
    const to = addDays(today, days);
    const counts = new Map<string, Map<string, number>>();
    let after = '';
    for (;;) {
      const ids = (await this.db.selectFrom('subjects').select('id').where('id', '>', after).orderBy('id').limit(1000).execute()).map((r) => r.id);
      if (ids.length === 0) break;
      after = ids.at(-1) as string;
      const rows = await loadBatch(this.db, ids, today);
      for (const id of ids) {
        for (const d of planSubject(this.policy, id, rows, to).due) {
          const date = d.until < today ? today : d.until;
          const perRule = counts.get(d.rule) ?? new Map<string, number>();
          perRule.set(date, (perRule.get(date) ?? 0) + 1);
          counts.set(d.rule, perRule);
        }
      }
    }
    const rules = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([rule, dates]) => {
      const list = [...dates.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, count]) => ({ date, count }));
      return { rule, total: list.reduce((n, x) => n + x.count, 0), dates: list };
    });
    return { from: today, to, rules };
  }
}

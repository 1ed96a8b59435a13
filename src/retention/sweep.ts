import type { Kysely, Transaction } from 'kysely';
import { isPostgres } from '../db/bulk.ts';
import type { DB } from '../db/types.ts';

import type { Actor } from '../guard/actor.ts';
import { logAdministration } from '../guard/admin-log.ts';
import type { DecidedProcessing, Guard } from '../guard/guard.ts';
import type { Policy } from '../policy/policy.ts';
import { recordErasures } from './erasure-ledger.ts';
import { ensureRetentionDates, refreshRetention } from './retain-until.ts';
import { deleteExpired, deleteRecords, listExpiredReleased } from './deleter.ts';
import { type DueRecord, SWEPT_TABLES, type SubjectPlan, type SweptType, loadSubjects, planSubject } from './retention-plan.ts';
import { ownedOnlyBy } from './owned-organisations.ts';
import { addDays, businessToday } from '../shared/business-day.ts';
import { asOfDay } from './as-of.ts';
import { ContactReduction, type Reduction } from './sweep-reduction.ts';
import * as sweepData from './sweep.repository.ts';
import { sweepReason } from './sweep-summary.ts';
import type { Executor } from '../db/executor.ts';
import { requireCapability } from '../guard/capability.ts';
import { isoNow } from '../shared/clock.ts';

export type { DueRecord } from './retention-plan.ts';

export interface SweepReport {
  dryRun: boolean;
  today: string;
  /** Subjects with at least one record deleted (or due, in a dry run). */
  subjects: number;
  /** `organisation`: sole traders and partnerships with nothing left, removed with their owners' records. */
  deleted: Record<SweptType | 'message' | 'subject' | 'organisation', number>;
  /** Dry run only: exactly what the sweep would delete. */
  due: DueRecord[];
  /** Dry run only: subjects the sweep would remove, having nothing left. */
  subjectsToRemove: string[];
  /** Persons of whom only fiscal records are left: their contact details went (or, in a dry run, would go). */
  reduced: Reduction[];
  /** Released access packages whose link expired: deleted (or, in a dry run, due). */
  accessPackages: number;
}

export interface Forecast {
  from: string;
  to: string;
  rules: { rule: string; total: number; dates: { date: string; count: number }[] }[];
  /** Persons whose contact details go because only fiscal records keep them (sweep-reduction.ts). */
  reductions: { total: number; dates: { date: string; count: number }[] };
}

/** The retention sweep's actor: a system process with the dpo's rights, named in every log entry. */
export const SWEEP_ACTOR: Actor = { kind: 'system', id: 'retention-sweep', role: 'dpo' };

/**
 * Due records read per batch, unless KLUIS_RETENTION_BATCH says otherwise; each batch is one transaction, so
 * a kill loses at most one batch of work. SQLite: a batch holds the one write lock of the database, which
 * every request that writes waits for; 2000 records hold it for some 40 ms and sweep 15% faster than 200
 * (commits and re-planning per batch, BENCHMARKS.md). PostgreSQL locks only the batch's own subjects, and each
 * batch costs a dozen round trips: 1000 doubled the throughput of 200, larger batches measured no better.
 */
const defaultBatchSize = (db: Executor) => (isPostgres(db) ? 1000 : 2000);

/** The order the sweep deletes and names record types in: an invoice points at its agreement. */
const SWEPT_ORDER: SweptType[] = ['invoice', 'agreement', 'case', 'consent'];

/** Ids per `in (...)` list: far below both dialects' parameter limits. */
const ID_CHUNK = 1000;

const chunks = <T>(list: T[]): T[][] =>
  Array.from({ length: Math.ceil(list.length / ID_CHUNK) }, (_, i) => list.slice(i * ID_CHUNK, (i + 1) * ID_CHUNK));

const recordKey = (d: DueRecord): string => `${d.recordType}:${d.id}`;

/** The pages of due records the sweep reads, table by table: a person's own, then those of the businesses they own. */
const SOURCES: { type: SweptType; page: typeof sweepData.duePage }[] = [
  { type: 'invoice', page: sweepData.duePage },
  { type: 'invoice', page: (db, _type, today, cursor, limit) => sweepData.dueOwnedPage(db, 'invoice', today, cursor, limit) },
  { type: 'agreement', page: sweepData.duePage },
  { type: 'agreement', page: (db, _type, today, cursor, limit) => sweepData.dueOwnedPage(db, 'agreement', today, cursor, limit) },
  { type: 'case', page: sweepData.duePage },
  { type: 'consent', page: sweepData.duePage },
];

/**
 * The retention sweep (issue 5, point 1). Reads what is due from `retain_until` (see retain-until.ts), table
 * by table in (retain_until, id) order, a batch of records at a time; for the subjects of a batch it plans again
 * from their records and holds (the same `effectiveRetention` erasure and the statement ask), then deletes in
 * one transaction per batch: the records, the subjects with nothing left, their ledger rows and one log
 * entry per subject naming every record and its rule. A killed run leaves every subject untouched or done;
 * what was done is no longer due, so the next run finishes the job and a second run deletes nothing.
 */
export class RetentionService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly policy: Policy;
  private readonly batchSize: number;

  constructor(db: Kysely<DB>, guard: Guard, policy: Policy, options: { batchSize?: number | undefined } = {}) {
    this.db = db;
    this.guard = guard;
    this.policy = policy;
    this.batchSize = options.batchSize ?? defaultBatchSize(db);
  }

  async run(options: { dryRun?: boolean; today?: string } = {}): Promise<SweepReport> {
    const today = options.today ?? businessToday(this.guard.clock.now());
    const dryRun = options.dryRun === true;
    await ensureRetentionDates(this.db, this.policy, this.guard.clock);
    const report: SweepReport = {
      dryRun,
      today,
      subjects: 0,
      deleted: { agreement: 0, invoice: 0, case: 0, consent: 0, message: 0, subject: 0, organisation: 0 },
      due: [],
      subjectsToRemove: [],
      reduced: [],
      accessPackages: 0,
    };
    // Contact details first, while the records whose end made them due are still there to say on which day
    // (a dry run, which deletes nothing, then says the same); a person who goes as a whole today is left to the deletions.
    report.reduced = await this.reduction().run(today, dryRun);
    // A dry run deletes nothing, so a subject due in two tables comes up twice; it is planned once.
    const planned = new Set<string>();
    for (const { type, page: readPage } of SOURCES) {
      let cursor: sweepData.Cursor = null;
      for (;;) {
        const page = await readPage(this.db, type, today, cursor, this.batchSize);
        const last = page.at(-1);
        if (last === undefined) break;
        cursor = { until: last.retain_until ?? '', id: last.id };
        const subjectIds = [...new Set(page.map((r) => r.subject_id))].filter((id) => !planned.has(id));
        if (dryRun) {
          for (const id of subjectIds) planned.add(id);
          await this.plan(this.db, subjectIds, today, report);
        } else {
          await this.db.transaction().execute(async (trx) => this.sweepBatch(trx, subjectIds, today, report));
        }
      }
    }
    await this.deleteExpiredPackages(today, report);
    if (!dryRun) {
      const d = report.deleted;
      const reason = sweepReason({
        today,
        subjects: report.subjects,
        ...d,
        packages: report.accessPackages,
        reduced: report.reduced.length,
      });
      await this.db.transaction().execute((trx) =>
        logAdministration(trx, SWEEP_ACTOR, {
          at: isoNow(this.guard.clock),
          operation: 'erase',
          recordType: 'retention',
          records: [`retention_run:${today}`],
          reason,
        }),
      );
    }
    return report;
  }

  /**
   * Art. 5(1)(e): a released access package is a full copy of the person's data, kept only for its download
   * link; the day after the link expired it is deleted, through the guard and into the erasure ledger (a
   * restored backup deletes it again). The processing log keeps that it was released and downloaded. A
   * package still waiting for review stays: its request is being handled.
   */
  private async deleteExpiredPackages(today: string, report: SweepReport): Promise<void> {
    if (report.dryRun) {
      report.accessPackages = (await listExpiredReleased(this.db, today, 100_000)).length;
      return;
    }
    for (;;) {
      const expired = await listExpiredReleased(this.db, today, 100);
      if (expired.length === 0) return;
      for (const p of expired) {
        const note = `retention: access package ${p.id} (released ${p.released_at ?? '-'}), its link expired ${p.expires_at}`;
        await this.guard.process(
          { actor: SWEEP_ACTOR, operation: 'erase', recordType: 'subject', subjectId: p.subject_id, note },
          async (ctx) => {
            if (!(await deleteExpired(ctx.trx, p.id, today))) return;
            ctx.touch('access_package', p.id, p.subject_id);
            await recordErasures(
              ctx.trx,
              [{ kind: 'retention', recordType: 'access_package', recordId: p.id, subjectId: p.subject_id }],
              ctx.clock.now().toISOString(),
            );
            report.accessPackages += 1;
          },
        );
      }
    }
  }

  private async plan(db: Executor, subjectIds: string[], today: string, report: SweepReport) {
    if (subjectIds.length === 0) return [];
    const rows = await loadSubjects(db, subjectIds);
    const plans = subjectIds.map((id) => ({ id, ...planSubject(this.policy, id, rows, today) })).filter((p) => p.due.length > 0);
    report.subjects += plans.length;
    if (report.dryRun) {
      const seen = new Set(report.due.map(recordKey));
      for (const p of plans) {
        // A partnership's record is due for each partner read: listed once.
        report.due.push(...p.due.filter((d) => !seen.has(recordKey(d)) && seen.add(recordKey(d))));
        if (p.remaining === 0 && !p.held) report.subjectsToRemove.push(p.id);
      }
    }
    return plans;
  }

  /**
   * Deletes what is due of the subjects, set by set, with their ledger rows and one log entry per subject.
   * A subject with nothing left goes with one ledger row, `subject`: replaying it deletes the subject with
   * everything it still has (src/backup/replay-ledger.ts), so its records need no rows of their own; the log
   * entry names each of them. Records of a subject that stays get a ledger row each.
   */
  private async sweepBatch(trx: Transaction<DB>, subjectIds: string[], today: string, report: SweepReport): Promise<void> {
    // PostgreSQL: lock the subjects first, so a second sweep at the same moment (another instance, a run
    // from the CLI) waits and then plans from what this one left, and no record is added to them meanwhile
    // (an insert takes a share lock on its subject). SQLite's write lock, taken by BEGIN IMMEDIATE, does this.
    if (isPostgres(trx)) await sweepData.lockSubjects(trx, subjectIds);
    const plans = await this.plan(trx, subjectIds, today, report);
    if (plans.length === 0) return;
    const removed = new Set(plans.filter((p) => p.remaining === 0 && !p.held).map((p) => p.id));
    // A partnership's record is planned once per partner in the batch: deleted, written down and counted once.
    const due = [...new Map(plans.flatMap((p) => p.due).map((d) => [recordKey(d), d])).values()];
    const idsOf = (type: SweptType) => due.filter((d) => d.recordType === type).map((d) => d.id);
    const caseIds = idsOf('case');
    const messages: { id: string; case_id: string; subject_id: string }[] = [];
    const attachments: { id: string; subject_id: string }[] = [];
    for (const ids of chunks(caseIds)) {
      const found = await sweepData.messagesOfCases(trx, ids);
      messages.push(...found);
      const kept = found.filter((m) => !removed.has(m.subject_id)).map((m) => m.id);
      for (const m of chunks(kept)) attachments.push(...(await sweepData.attachmentsOfMessages(trx, m)));
    }
    // The foreign keys cascade to lines, messages, attachments and, with the subject, its access packages and
    // the rest; subjects go once nothing of theirs that blocks the delete (invoices) is left.
    const records = { invoice: idsOf('invoice'), agreement: idsOf('agreement'), case: caseIds, consent: idsOf('consent') };
    // Read before the owners' roles cascade with a removed owner.
    const businesses = await this.businessesGoing(trx, plans, removed);
    await deleteRecords(trx, { records, subjects: [...removed] }, this.guard.clock.now().toISOString());
    const gone = await this.withNothingLeft(trx, businesses);
    await deleteRecords(trx, { organisations: [...gone.keys()] }, this.guard.clock.now().toISOString());
    // What is left of the others may now count from other days (a consent from the end of the relationship):
    // their stored dates are computed again in this transaction.
    await refreshRetention(
      trx,
      this.policy,
      plans.filter((p) => !removed.has(p.id)).map((p) => p.id),
    );

    await this.guard.recordDecided(trx, this.entries(plans, messages, removed, gone));
    const kept = <T extends { subject_id: string }>(rows: T[]) => rows.filter((r) => !removed.has(r.subject_id));
    const messagesOf = new Map<string, number>();
    for (const m of messages) messagesOf.set(m.subject_id, (messagesOf.get(m.subject_id) ?? 0) + 1);
    await recordErasures(
      trx,
      [
        ...due
          .filter((d) => !removed.has(d.subjectId))
          .map((d) => ({ kind: 'retention' as const, recordType: d.recordType, recordId: d.id, subjectId: d.subjectId })),
        ...kept(messages).map((m) => ({
          kind: 'retention' as const,
          recordType: 'message',
          recordId: m.id,
          subjectId: m.subject_id,
        })),
        ...kept(attachments).map((a) => ({
          kind: 'retention' as const,
          recordType: 'attachment',
          recordId: a.id,
          subjectId: a.subject_id,
        })),
        ...plans
          .filter((p) => removed.has(p.id))
          .map((p) => ({
            kind: 'retention' as const,
            recordType: 'subject',
            recordId: p.id,
            subjectId: p.id,
            recordsWith: p.due.length + (messagesOf.get(p.id) ?? 0),
          })),
        ...[...gone].map(([organisation, owner]) => ({
          kind: 'retention' as const,
          recordType: 'organisation',
          recordId: organisation,
          subjectId: owner,
        })),
      ],
      this.guard.clock.now().toISOString(),
    );
    for (const d of due) report.deleted[d.recordType] += 1;
    report.deleted.message += messages.length;
    report.deleted.subject += removed.size;
    report.deleted.organisation += gone.size;
  }

  /**
   * The sole traders and partnerships that may go with this batch, each with the owner whose entry names it: those
   * whose records this batch deletes, and those every owner of which the batch removes (a person who goes takes
   * their business's own data along). Never one an owner's hold on the whole person keeps.
   */
  private async businessesGoing(trx: Executor, plans: (SubjectPlan & { id: string })[], removed: Set<string>) {
    const candidates = new Map<string, string>();
    for (const p of plans)
      for (const d of p.due) if (d.organisationId !== undefined && !p.held) candidates.set(d.organisationId, p.id);
    for (const [organisation, owner] of await ownedOnlyBy(trx, [...removed])) candidates.set(organisation, owner);
    const held = new Set(plans.filter((p) => p.held).map((p) => p.id));
    if (held.size > 0) for (const [organisation] of await ownedOnlyBy(trx, [...held])) candidates.delete(organisation);
    return candidates;
  }

  /** Of the businesses, those with no agreement or invoice left: like a person with nothing left, they go. */
  private async withNothingLeft(trx: Executor, businesses: Map<string, string>): Promise<Map<string, string>> {
    if (businesses.size === 0) return businesses;
    const left = await sweepData.organisationsWithRecords(trx, [...businesses.keys()]);
    return new Map([...businesses].filter(([id]) => !left.has(id)));
  }

  /**
   * One log entry per subject (issue 5: "per subject affected, what was deleted and under which rule"): every
   * record with its rule and date, its messages, and the subject itself when nothing was left of it. The
   * entry's record type is the subject when it went, else the first type deleted; the others are `includes`,
   * each authorized like the entry's own.
   */
  private entries(
    plans: { id: string; due: DueRecord[] }[],
    messages: { id: string; case_id: string }[],
    removed: Set<string>,
    businesses: Map<string, string>,
  ): DecidedProcessing[] {
    const messagesOf = new Map<string, string[]>();
    for (const m of messages) messagesOf.set(m.case_id, [...(messagesOf.get(m.case_id) ?? []), m.id]);
    return plans.map((p) => {
      const types = SWEPT_ORDER.filter((type) => p.due.some((d) => d.recordType === type));
      const gone = removed.has(p.id);
      const [recordType, ...others] = gone ? (['subject', ...types] as const) : types;
      const includes = [...others, ...(types.includes('case') ? (['message'] as const) : [])];
      const notes = p.due.map((r) => `${r.recordType}:${r.id} under ${r.rule} (until ${r.until})`);
      const business = [...businesses].filter(([, owner]) => owner === p.id).map(([organisation]) => organisation);
      if (business.length > 0) notes.push(`nothing left of the business they own, removed: ${business.join(', ')}`);
      return {
        processing: {
          actor: SWEEP_ACTOR,
          operation: 'erase',
          recordType: recordType ?? 'subject',
          purpose: this.policy.purposesOf(recordType ?? 'subject')[0],
          subjectId: p.id,
          note: `retention: ${notes.join(', ')}${gone ? '; nothing left of the subject, removed' : ''}`,
          includes: includes.length > 0 ? includes : undefined,
        },
        subjectIds: [p.id],
        records: [
          ...p.due.flatMap((r) => [
            `${r.recordType}:${r.id}`,
            ...(r.recordType === 'case' ? (messagesOf.get(r.id) ?? []).map((m) => `message:${m}`) : []),
          ]),
          ...(gone ? [`subject:${p.id}`] : []),
          ...business.map((id) => `organisation:${id}`),
        ],
      };
    });
  }

  private reduction(): ContactReduction {
    return new ContactReduction(this.db, this.guard, this.policy, SWEEP_ACTOR, this.batchSize);
  }

  /**
   * The dry run for a person (the dpo, or whoever the policy lets keep holds): what the next sweep would delete;
   * with `asOf`, what a sweep on that day would delete. Deletes nothing either way; a look at another day is logged.
   */
  async dryRunFor(actor: Actor, options: { asOf?: string | undefined } = {}): Promise<SweepReport> {
    this.requireKeeper(actor, 'see what the retention sweep would delete');
    const asOf = options.asOf === undefined ? undefined : asOfDay(options.asOf);
    const report = await this.run({ dryRun: true, ...(asOf === undefined ? {} : { today: asOf }) });
    if (asOf !== undefined)
      await this.logLook(
        actor,
        `retention_dry_run:${asOf}`,
        `retention dry run as of ${asOf}: ${report.due.length} record(s) of ${report.subjects} subject(s) due; nothing deleted`,
      );
    return report;
  }

  /** Logs a person's look at the retention of a chosen day (Art. 5(2)): who looked, at which day, and that nothing went. */
  private async logLook(actor: Actor, record: string, reason: string): Promise<void> {
    await this.db.transaction().execute((trx) =>
      logAdministration(trx, actor, {
        at: isoNow(this.guard.clock),
        operation: 'consult',
        recordType: 'retention',
        records: [record],
        reason,
      }),
    );
  }

  /** A sweep now, at a person's request (the back office's button, or after a policy change). */
  async runFor(actor: Actor): Promise<SweepReport> {
    this.requireKeeper(actor, 'run the retention sweep');
    return this.run();
  }

  private requireKeeper(actor: Actor, what: string): void {
    requireCapability(this.policy, actor, 'holds', what);
  }

  /**
   * What will be deleted by `today + days`, per rule and date, read from the stored dates (an index range
   * and a count); what is overdue counts on today.
   */
  async forecast(actor: Actor, days: number, options: { asOf?: string | undefined } = {}): Promise<Forecast> {
    this.requireKeeper(actor, 'read the retention forecast');
    const asOf = options.asOf === undefined ? undefined : asOfDay(options.asOf);
    const forecast = await this.forecastFrom(asOf ?? businessToday(this.guard.clock.now()), days);
    if (asOf !== undefined) {
      const total = forecast.rules.reduce((n, r) => n + r.total, 0);
      await this.logLook(
        actor,
        `retention_forecast:${asOf}`,
        `retention forecast as of ${asOf} to ${forecast.to}: ${total} record(s) due; nothing deleted`,
      );
    }
    return forecast;
  }

  private async forecastFrom(today: string, days: number): Promise<Forecast> {
    const to = addDays(today, days);
    await ensureRetentionDates(this.db, this.policy, this.guard.clock);
    const counts = new Map<string, Map<string, number>>();
    for (const table of Object.values(SWEPT_TABLES)) {
      const rows = await sweepData.dueCounts(this.db, table, to);
      for (const r of rows) {
        const rule = r.retain_rule ?? 'legal-hold';
        const date = (r.retain_until ?? today) < today ? today : (r.retain_until ?? today);
        const perRule = counts.get(rule) ?? new Map<string, number>();
        perRule.set(date, (perRule.get(date) ?? 0) + Number(r.n));
        counts.set(rule, perRule);
      }
    }
    const rules = [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([rule, dates]) => {
        const list = [...dates.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, count]) => ({ date, count }));
        return { rule, total: list.reduce((n, x) => n + x.count, 0), dates: list };
      });
    const reductions = await this.reduction().forecast(today, to);
    return { from: today, to, rules, reductions: { total: reductions.reduce((n, x) => n + x.count, 0), dates: reductions } };
  }
}

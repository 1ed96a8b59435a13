import { throughSystemDoor } from '../guard/door.ts';
import { addDays, businessToday } from '../shared/business-day.ts';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/types.ts';

import type { Actor } from '../guard/actor.ts';
import type { Guard, ResolvedProcessing } from '../guard/guard.ts';
import { withheldByObjection } from '../restrictions-objections/objection-check.ts';
import { withheldByRestriction } from '../restrictions-objections/restriction-check.ts';
import { ensureRetentionDates } from '../retention/retain-until.ts';
import type { SweptType } from '../retention/retention-plan.ts';
import type { RetentionService } from '../retention/sweep.ts';
import { parse } from '../shared/parse.ts';
import { requireCapability } from '../guard/capability.ts';

/** One record that goes, with whose it is and what it is called, for the dpo's retention page (issue 19). */
export interface DueRecordView {
  recordType: SweptType | 'subject_contact_details';
  id: string;
  subjectId: string;
  /** The customer's name; null when their processing is restricted or objected to for this purpose (Art. 18, 21). */
  name: string | null;
  /** An agreement's or case's title, an invoice's number (null: a draft), a consent's purpose id. */
  title: string | null;
  /** The day it may go. */
  until: string;
  rule: string | null;
}

export const dueQuerySchema = z.strictObject({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const forecastQuerySchema = dueQuerySchema.extend({ days: z.enum(['30', '90', '365']).default('30') });

type Due = Omit<DueRecordView, 'name' | 'title'>;

/**
 * Whose data the retention sweep deletes: the forecast's records in full (read from `retain_until`, a page at a
 * time) and the dry run's (the sweep's own plan, paged), each with the customer's name and the record's title. The
 * names are personal data, so each page is a consultation through the guard, logged, naming whom it showed;
 * persons whose processing is restricted or objected to are listed without their name.
 */
export class RetentionDueService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly retention: RetentionService;

  constructor(db: Kysely<DB>, guard: Guard, retention: RetentionService) {
    this.db = db;
    this.guard = guard;
    this.retention = retention;
  }

  /** The records whose retention ends by `today + days` (what is overdue on today), oldest date first. */
  async forecast(
    actor: Actor,
    input: unknown,
    options: { today?: string } = {},
  ): Promise<{ total: number; records: DueRecordView[] }> {
    this.requireKeeper(actor);
    const q = parse(forecastQuerySchema, input, 'forecast');
    const today = options.today ?? businessToday(this.guard.clock.now());
    const to = addDays(today, Number(q.days));
    // Keeping the stored dates current is the guard's follow-up work (retain-until.ts), done here ahead of a read.
    await throughSystemDoor('guard', () => ensureRetentionDates(this.db, this.guard.policy, this.guard.clock));
    // Ids and dates only, like a schedule finding what is due; the names are read in a logged processing below.
    const found = await throughSystemDoor('schedule', () => dueRecords(this.db, to, q));
    const [rows, counted] = found;
    const due: Due[] = rows.map((r) => ({
      recordType: r.record_type as SweptType,
      id: r.id,
      subjectId: r.subject_id ?? '',
      until: (r.retain_until ?? today) < today ? today : (r.retain_until ?? today),
      rule: r.retain_rule ?? 'legal-hold',
    }));
    return { total: Number(counted.n), records: await this.named(actor, due) };
  }

  /** Exactly what the next sweep would delete, and whose contact details it would remove, a page at a time. */
  async dryRun(actor: Actor, input: unknown): Promise<{ today: string; total: number; records: DueRecordView[] }> {
    this.requireKeeper(actor);
    const q = parse(dueQuerySchema, input, 'dry run');
    const report = await this.retention.dryRunFor(actor);
    const all: Due[] = [
      ...report.due.map((d) => ({ recordType: d.recordType, id: d.id, subjectId: d.subjectId, until: d.until, rule: d.rule })),
      ...report.reduced.map((r) => ({
        recordType: 'subject_contact_details' as const,
        id: r.subjectId,
        subjectId: r.subjectId,
        until: r.since,
        rule: null,
      })),
    ];
    return { today: report.today, total: all.length, records: await this.named(actor, all.slice(q.offset, q.offset + q.limit)) };
  }

  private requireKeeper(actor: Actor): void {
    requireCapability(this.guard.policy, actor, 'holds', 'see what the retention sweep deletes');
  }

  /** The page's records with names and titles, read in one logged consultation of the persons it names. */
  private async named(actor: Actor, due: Due[]): Promise<DueRecordView[]> {
    if (due.length === 0) return [];
    return this.guard.process(
      { actor, operation: 'consult', recordType: 'subject', includes: ['agreement', 'invoice', 'case', 'consent'] },
      async (ctx) => {
        const subjectIds = [...new Set(due.map((d) => d.subjectId))];
        const withheld = await this.withheld(ctx.processing, subjectIds, ctx.trx);
        const shown = subjectIds.filter((id) => !withheld.has(id));
        const names = new Map<string, string>();
        if (shown.length > 0) {
          const rows = await ctx.trx
            .selectFrom('subjects')
            .select(['id', 'first_name', 'last_name'])
            .where('id', 'in', shown)
            .execute();
          for (const r of rows) names.set(r.id, `${r.first_name} ${r.last_name}`.trim());
        }
        const titles = await this.titles(
          ctx.trx,
          due.filter((d) => !withheld.has(d.subjectId)),
        );
        for (const d of due) {
          if (withheld.has(d.subjectId)) continue;
          ctx.touch(d.recordType === 'subject_contact_details' ? 'subject' : d.recordType, d.id, d.subjectId);
        }
        return due.map((d) => ({
          ...d,
          name: names.get(d.subjectId) ?? null,
          title: titles.get(`${d.recordType}:${d.id}`) ?? null,
        }));
      },
    );
  }

  private async withheld(p: ResolvedProcessing, subjectIds: string[], trx: Parameters<typeof withheldByRestriction>[3]) {
    return new Set([
      ...(await withheldByRestriction(this.guard.policy, p, subjectIds, trx)),
      ...(await withheldByObjection(this.guard.policy, p, subjectIds, trx)),
    ]);
  }

  private async titles(db: Parameters<typeof withheldByRestriction>[3], due: Due[]): Promise<Map<string, string>> {
    const ids = (type: string) => due.filter((d) => d.recordType === type).map((d) => d.id);
    const titles = new Map<string, string>();
    const add = (type: string, rows: { id: string; title: string | null }[]) => {
      for (const r of rows) if (r.title !== null) titles.set(`${type}:${r.id}`, r.title);
    };
    if (ids('agreement').length > 0)
      add('agreement', await db.selectFrom('agreements').select(['id', 'title']).where('id', 'in', ids('agreement')).execute());
    if (ids('case').length > 0)
      add('case', await db.selectFrom('cases').select(['id', 'title']).where('id', 'in', ids('case')).execute());
    if (ids('invoice').length > 0)
      add(
        'invoice',
        await db.selectFrom('invoices').select(['id', 'number as title']).where('id', 'in', ids('invoice')).execute(),
      );
    if (ids('consent').length > 0)
      add(
        'consent',
        await db.selectFrom('consents').select(['id', 'purpose as title']).where('id', 'in', ids('consent')).execute(),
      );
    return titles;
  }
}

/**
 * A sole trader's or partnership's agreement or invoice (no subject_id) is its owners' and goes with them: it is
 * listed under one of them, as the sweep plans it (sweep.repository.ts, dueOwnedPage).
 */
const dueOwnedOrOwn = (db: Kysely<DB>, type: 'agreement' | 'invoice', to: string) =>
  db
    // Both tables have the columns read here; the types are told one of them.
    .selectFrom(`${type === 'agreement' ? 'agreements' : 'invoices'} as r` as 'agreements as r')
    .select((eb) => [
      sql<string>`${type}`.as('record_type'),
      'r.id',
      eb.fn
        .coalesce(
          'r.subject_id',
          eb
            .selectFrom('contact_roles as owner')
            .select((o) => o.fn.min('owner.subject_id').as('owner_id'))
            .whereRef('owner.organisation_id', '=', 'r.organisation_id')
            .where('owner.owner', '=', 1),
        )
        .$castTo<string>()
        .as('subject_id'),
      'r.retain_until',
      'r.retain_rule',
    ])
    .where('r.retain_until', '<=', to);

const dueOwn = (db: Kysely<DB>, type: 'case' | 'consent', to: string) =>
  db
    .selectFrom(type === 'case' ? 'cases' : 'consents')
    .select([sql<string>`${type}`.as('record_type'), 'id', 'subject_id', 'retain_until', 'retain_rule'])
    .where('retain_until', '<=', to)
    .where('subject_id', 'is not', null)
    .$narrowType<{ subject_id: string }>();

/** The records due by `to`, a page of them and their count: ids, dates and rules, none of their content. */
async function dueRecords(db: Kysely<DB>, to: string, q: { limit: number; offset: number }) {
  const union = dueOwnedOrOwn(db, 'agreement', to)
    .unionAll(dueOwnedOrOwn(db, 'invoice', to))
    .unionAll(dueOwn(db, 'case', to))
    .unionAll(dueOwn(db, 'consent', to));
  return Promise.all([
    db
      .selectFrom(union.as('due'))
      .selectAll()
      .orderBy('retain_until')
      .orderBy('record_type')
      .orderBy('id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    db
      .selectFrom(union.as('due'))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
}

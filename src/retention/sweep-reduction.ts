import type { Kysely, Transaction } from 'kysely';
import { isPostgres } from '../db/bulk.ts';
import type { DB } from '../db/types.ts';
import type { Actor } from '../guard/actor.ts';
import type { DecidedProcessing, Guard } from '../guard/guard.ts';
import type { Policy } from '../policy/policy.ts';
import { ownedOnlyBy } from './owned-organisations.ts';
import { deleteRecords } from './deleter.ts';
import { recordErasures } from './erasure-ledger.ts';
import { reductionDay } from './reduction.ts';
import { loadSubjects, planSubject } from './retention-plan.ts';
import { setReduceOn } from './retain-until.repository.ts';
import {
  type ReductionCursor,
  subjectAddressesOf,
  clearReduceOn,
  dueReductionPage,
  lockSubjects,
  reductionCounts,
} from './sweep.repository.ts';
import type { Executor } from '../db/executor.ts';

/** A person whose contact details go (or, in a dry run, would go): only fiscal records keep them since `since`. */
export interface Reduction {
  subjectId: string;
  since: string;
}

/**
 * The second part of the retention sweep (P3, Art. 5(1)(c) and (e)): a person of whom only fiscal records are
 * left keeps only what those records need, the name and the customer reference (the invoices hold their own
 * billing name and address); their e-mail address, phone number, gender and addresses go, exactly as a granted
 * erasure that keeps invoices reduces them (`deleteRecords` with the subjects `minimised`, which a restore replays from the same ledger
 * rows). Read from `reduce_on` (kept by retain-until.ts) a batch at a time; each batch plans its subjects again
 * (reduction.ts) and is one transaction with its ledger rows and one log entry per person, so a killed run
 * leaves each person untouched or reduced, and the next run finishes the job.
 */
export class ContactReduction {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly policy: Policy;
  private readonly actor: Actor;
  private readonly batchSize: number;

  constructor(db: Kysely<DB>, guard: Guard, policy: Policy, actor: Actor, batchSize: number) {
    this.db = db;
    this.guard = guard;
    this.policy = policy;
    this.actor = actor;
    this.batchSize = batchSize;
  }

  /** Reduces every person due by `today`; a dry run changes nothing and lists them. */
  async run(today: string, dryRun: boolean): Promise<Reduction[]> {
    const done: Reduction[] = [];
    let cursor: ReductionCursor = null;
    for (;;) {
      const page = await dueReductionPage(this.db, today, cursor, this.batchSize);
      const last = page.at(-1);
      if (last === undefined) return done;
      cursor = { on: last.reduce_on ?? '', id: last.id };
      const ids = page.map((r) => r.id);
      if (dryRun) done.push(...(await this.plan(this.db, ids, today)));
      else done.push(...(await this.db.transaction().execute((trx) => this.reduceBatch(trx, ids, today))));
    }
  }

  /** How many persons lose their contact details by `to`, per day; what is overdue counts on `today`. */
  async forecast(today: string, to: string): Promise<{ date: string; count: number }[]> {
    const rows = await reductionCounts(this.db, to);
    const perDay = new Map<string, number>();
    for (const r of rows) {
      const date = (r.reduce_on ?? today) < today ? today : (r.reduce_on ?? today);
      perDay.set(date, (perDay.get(date) ?? 0) + Number(r.n));
    }
    return [...perDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, count]) => ({ date, count }));
  }

  /**
   * Plans the subjects again from their records and holds, so a stale `reduce_on` can only delay a reduction,
   * never cause one; a stale date is corrected (outside a dry run) so the subject leaves the index.
   */
  private async plan(db: Executor, ids: string[], today: string, fix?: Transaction<DB>): Promise<Reduction[]> {
    const rows = await loadSubjects(db, ids);
    const due: Reduction[] = [];
    for (const id of ids) {
      // A person whose every record is due goes as a whole in this run: nothing to reduce first.
      const whole = planSubject(this.policy, id, rows, today);
      if (whole.remaining === 0 && !whole.held) continue;
      const day = reductionDay(this.policy, id, rows);
      if (day !== null && day <= today) due.push({ subjectId: id, since: day });
      else if (fix !== undefined) await setReduceOn(fix, id, day);
    }
    return due;
  }

  private async reduceBatch(trx: Transaction<DB>, ids: string[], today: string): Promise<Reduction[]> {
    // PostgreSQL: lock the subjects first, as the sweep does, so a second run waits and then finds them done.
    if (isPostgres(trx)) await lockSubjects(trx, ids);
    const due = await this.plan(trx, ids, today, trx);
    if (due.length === 0) return [];
    const subjectIds = due.map((d) => d.subjectId);
    const addresses = await subjectAddressesOf(trx, subjectIds);
    // A sole trader's or partnership's details are its owners' contact details too (owned-organisations.repository.ts).
    const businesses = await ownedOnlyBy(trx, subjectIds);
    await deleteRecords(
      trx,
      { minimised: subjectIds, minimisedOrganisations: [...businesses.keys()] },
      this.guard.clock.now().toISOString(),
    );
    await clearReduceOn(trx, subjectIds);
    // The same ledger rows an erasure writes for a reduced subject (src/backup/replay-ledger.ts replays them).
    await recordErasures(
      trx,
      [
        ...addresses.map((a) => ({
          kind: 'retention' as const,
          recordType: 'subject_address',
          recordId: a.id,
          subjectId: a.subject_id,
        })),
        ...subjectIds.map((id) => ({
          kind: 'retention' as const,
          recordType: 'subject_contact_details',
          recordId: id,
          subjectId: id,
        })),
        ...[...businesses].map(([organisation, owner]) => ({
          kind: 'retention' as const,
          recordType: 'organisation_contact_details',
          recordId: organisation,
          subjectId: owner,
        })),
      ],
      this.guard.clock.now().toISOString(),
    );
    const addressesOf = new Map<string, string[]>();
    for (const a of addresses) addressesOf.set(a.subject_id, [...(addressesOf.get(a.subject_id) ?? []), a.id]);
    await this.guard.recordDecided(
      trx,
      due.map((d) =>
        this.entry(
          d,
          addressesOf.get(d.subjectId) ?? [],
          [...businesses].filter(([, owner]) => owner === d.subjectId).map(([organisation]) => organisation),
        ),
      ),
    );
    return due;
  }

  /** One log entry per person: what went, and since when only fiscal records keep them. */
  private entry(d: Reduction, addressIds: string[], businesses: string[]): DecidedProcessing {
    const business =
      businesses.length === 0
        ? ''
        : `; of the business(es) they own only the name and reference kept, addresses, e-mail, phone, KvK and VAT number removed`;
    return {
      processing: {
        actor: this.actor,
        operation: 'erase',
        recordType: 'subject',
        purpose: this.policy.purposesOf('subject')[0],
        subjectId: d.subjectId,
        note: `retention: only fiscal records are kept since ${d.since}; e-mail address, phone number, gender and ${addressIds.length} address(es) removed, name and customer reference kept for the invoices${business}`,
      },
      subjectIds: [d.subjectId],
      records: [
        `subject:${d.subjectId}`,
        ...addressIds.map((id) => `subject_address:${id}`),
        ...businesses.map((id) => `organisation:${id}`),
      ],
    };
  }
}

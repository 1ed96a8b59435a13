import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { type KluisError, forbidden, notFound, purposeNotAllowed } from '../errors.ts';
import { isDenial } from './denials.ts';
import type { Policy } from '../policy/policy.ts';
import type {
  DecidedProcessing,
  Processing,
  ProcessingCheck,
  ProcessingContext,
  ProcessingFollowUp,
  ResolvedProcessing,
} from './processing.ts';

import { type Clock, isoNow, systemClock } from '../shared/clock.ts';
import { insideProcessing, throughSystemDoor } from './door.ts';
import { appendEntries, appendEntry, type NewLogEntry } from './processing-log.repository.ts';
import { EntryBatch } from './entry-batch.ts';
import { isPostgres } from '../db/bulk.ts';
import { onOneConnection } from '../db/pinned.ts';
import { subjectExists, subjectLanguage } from './subject-identity.repository.ts';
import type { LogOutcome } from '../db/vocabulary.ts';

// The types every service names as the guard's, where they were before processing.ts held them.
export type * from './processing.ts';

/** A refusal raised inside a caller's transaction, remembered until the caller can log it (see logDenied). */
const pendingDenials = new WeakMap<object, { processing: ResolvedProcessing; subjects: string[] }>();

/**
 * The one door to personal data. It checks the actor's role and the purpose against the policy, runs the
 * extension checks, runs the work in one transaction and appends to the processing log in that same
 * transaction, so there is no processing without its log entry and no log entry without its processing.
 */
export class Guard {
  private readonly db: Kysely<DB>;
  /** The policy the guard enforces; services read it to validate input against what the policy declares. */
  readonly policy: Policy;
  private readonly checks: ProcessingCheck[];
  private readonly followUps: ProcessingFollowUp[] = [];
  /** The clock of every log entry and of the work's processings (ProcessingContext.clock). */
  readonly clock: Clock;
  /** Where the entries of read-only processings are appended together (group commit). */
  private readonly batch: EntryBatch;

  constructor(db: Kysely<DB>, policy: Policy, checks: ProcessingCheck[] = [], clock: Clock = systemClock) {
    this.db = db;
    this.policy = policy;
    this.checks = checks;
    this.clock = clock;
    this.batch = new EntryBatch(db);
  }

  /** Adds a check that runs on every later processing. */
  addCheck(check: ProcessingCheck): void {
    this.checks.push(check);
  }

  /** Adds work that runs after every later processing, in its transaction. */
  addFollowUp(followUp: ProcessingFollowUp): void {
    this.followUps.push(followUp);
  }

  /**
   * Logs processings a system process has already decided and carried out in the caller's transaction:
   * each is authorized by role and purpose like any other and gets its own entry, all appended in one
   * write. The extension checks and follow-ups do not run: the one caller, the retention sweep, works out
   * holds itself (a restriction or objection never stands in the way of an erasure), and what it deletes
   * needs no new retention dates.
   */
  async recordDecided(trx: Transaction<DB>, decided: DecidedProcessing[]): Promise<void> {
    const at = isoNow(this.clock);
    const entries = decided.map((d) => {
      const resolved = this.resolve(d.processing);
      this.authorize(resolved);
      return {
        entry: { ...this.entry(resolved, d.subjectIds, d.records, 'allowed', resolved.note ?? null), at },
        subjectIds: d.subjectIds,
      };
    });
    await appendEntries(trx, entries);
  }

  async process<T>(processing: Processing, work: (ctx: ProcessingContext) => Promise<T>): Promise<T> {
    const resolved = this.resolve(processing);
    const subjects = new Set<string>();
    try {
      this.authorize(resolved);
      if (resolved.readOnly === true) return await this.read(resolved, subjects, work);
      return await this.db.transaction().execute((trx) => this.run(trx, resolved, subjects, work));
    } catch (error) {
      await this.logDenied(error, { processing: resolved, subjects: [...subjects] });
      throw error;
    }
  }

  /**
   * The same processing, inside a transaction the caller already holds (a decision that carries out a right:
   * the execution, its log entries and the answer commit together). A refusal cannot be logged here, since
   * the caller's transaction rolls back; the error remembers it, and `process` (or the caller, through
   * `logDenied`, once its transaction is over) logs it.
   */
  async processIn<T>(trx: Transaction<DB>, processing: Processing, work: (ctx: ProcessingContext) => Promise<T>): Promise<T> {
    // The connection a read-only processing's work gets is no transaction: what ran in it would commit statement
    // by statement, apart from its entry. Never the case by design; a defect if it happens.
    if (!trx.isTransaction) throw new Error("processIn needs the caller's transaction, and was given a bare connection");
    const resolved = this.resolve(processing);
    const subjects = new Set<string>();
    try {
      this.authorize(resolved);
      return await this.run(trx, resolved, subjects, work);
    } catch (error) {
      if (isDenial(error) && !pendingDenials.has(error))
        pendingDenials.set(error, { processing: resolved, subjects: [...subjects] });
      throw error;
    }
  }

  /**
   * Logs a refusal as `denied` in a transaction of its own: the one an error from `processIn` remembers, or
   * else `fallback`. Does nothing for errors that are not refusals. Call it outside any transaction.
   */
  async logDenied(error: unknown, fallback?: { processing: ResolvedProcessing; subjects: string[] }): Promise<void> {
    if (!isDenial(error)) return;
    const denial = pendingDenials.get(error) ?? fallback;
    if (denial === undefined) return;
    pendingDenials.delete(error);
    await this.logDenial(denial.processing, denial.subjects, error);
  }

  private resolve(processing: Processing): ResolvedProcessing {
    return { ...processing, purpose: processing.purpose ?? this.policy.purposesOf(processing.recordType)[0] ?? '' };
  }

  private async run<T>(
    trx: Transaction<DB>,
    resolved: ResolvedProcessing,
    subjects: Set<string>,
    work: (ctx: ProcessingContext) => Promise<T>,
  ): Promise<T> {
    const { result, entry } = await this.carryOut(trx, resolved, subjects, work);
    await appendEntry(trx, entry, [...subjects]);
    return result;
  }

  /**
   * A read-only processing (Processing.readOnly): the work without a transaction, and its entry appended with
   * those of the other views of the moment (entry-batch.ts), committed before the result is returned. On
   * PostgreSQL the work holds one connection of the pool, as a transaction would, without BEGIN and COMMIT, and
   * gives it back before the append.
   */
  private async read<T>(
    resolved: ResolvedProcessing,
    subjects: Set<string>,
    work: (ctx: ProcessingContext) => Promise<T>,
  ): Promise<T> {
    this.batch.begin();
    let carried: { result: T; entry: NewLogEntry };
    try {
      // Kysely's Transaction only adds to a connection what a processing never uses (it cannot nest one). On
      // PostgreSQL, reads the work issues together go out together (pinned.ts).
      carried = isPostgres(this.db)
        ? await onOneConnection(this.db, (c) => this.carryOut(c as Transaction<DB>, resolved, subjects, work))
        : await this.carryOut(this.db as Transaction<DB>, resolved, subjects, work);
    } catch (error) {
      this.batch.abandon();
      throw error;
    }
    const { result, entry } = carried;
    await this.batch.append(entry, [...subjects]);
    return result;
  }

  /** The checks, the work, the checks of the persons it touched and the follow-ups; the entry that records them. */
  private async carryOut<T>(
    trx: Transaction<DB>,
    resolved: ResolvedProcessing,
    subjects: Set<string>,
    work: (ctx: ProcessingContext) => Promise<T>,
  ): Promise<{ result: T; entry: NewLogEntry }> {
    if (resolved.subjectId !== undefined) subjects.add(resolved.subjectId);
    // The checks and follow-ups are the guard's own (restriction, objection, holds, retention dates): they read
    // whatever record they must. The work reaches only the record types its processing declared (door.ts). Around
    // a read-only work they may only read too: nothing would commit their writes with the entry.
    const guardDoor = { readOnly: resolved.readOnly === true };
    await throughSystemDoor(
      'guard',
      async () => {
        for (const check of this.checks) await check.check(resolved, trx);
      },
      guardDoor,
    );
    const records: string[] = [];
    const declared = [resolved.recordType, ...(resolved.includes ?? [])];
    const result = await insideProcessing(
      `${resolved.operation} ${resolved.recordType}`,
      declared,
      resolved.readOnly === true,
      () =>
        work({
          trx,
          processing: resolved,
          clock: this.clock,
          touch: (type, id, subjectId) => {
            records.push(`${type}:${id}`);
            if (subjectId !== undefined) subjects.add(subjectId);
          },
          requireSubject: async (subjectId) => {
            if (!(await throughSystemDoor('guard', () => subjectExists(trx, subjectId), guardDoor)))
              throw notFound('Subject', subjectId);
          },
          languageOf: (subjectId) => throughSystemDoor('guard', () => subjectLanguage(trx, subjectId), guardDoor),
        }),
    );
    await throughSystemDoor(
      'guard',
      async () => {
        const others = [...subjects].filter((s) => s !== resolved.subjectId);
        if (others.length > 0) {
          for (const check of this.checks) await check.checkTouched?.(resolved, others, trx);
        }
        for (const followUp of this.followUps) await followUp.afterWork(resolved, [...subjects], trx);
      },
      guardDoor,
    );
    const exception =
      resolved.exception === undefined ? null : `exception ${resolved.exception.ground}: ${resolved.exception.reason}`;
    const reason = [exception, resolved.note ?? null].filter((r): r is string => r !== null).join('; ') || null;
    return { result, entry: this.entry(resolved, [...subjects], records, 'allowed', reason) };
  }

  private authorize(p: ResolvedProcessing): void {
    // Only a reading may do without a transaction (a write's follow-ups would commit apart from its entry).
    if (p.readOnly === true && p.operation !== 'consult' && p.operation !== 'export')
      throw new Error(`A processing that ${p.operation}s cannot be read-only`);
    if (!this.policy.purposesOf(p.recordType).includes(p.purpose)) {
      throw purposeNotAllowed(`A ${p.recordType} record is not processed for the purpose ${p.purpose}`, {
        allowed: this.policy.purposesOf(p.recordType),
      });
    }
    for (const recordType of [p.recordType, ...(p.includes ?? [])]) {
      if (!this.policy.allows(p.actor.role, p.operation, recordType)) {
        throw forbidden(`The role ${p.actor.role} may not ${p.operation} ${recordType} records`);
      }
    }
  }

  private async logDenial(p: ResolvedProcessing, subjects: string[], error: KluisError): Promise<void> {
    await this.db
      .transaction()
      .execute((trx) => appendEntry(trx, this.entry(p, subjects, [], 'denied', `${error.code}: ${error.message}`), subjects));
  }

  private entry(p: ResolvedProcessing, subjects: string[], records: string[], outcome: LogOutcome, reason: string | null) {
    return {
      at: isoNow(this.clock),
      actor_kind: p.actor.kind,
      actor_id: p.actor.id,
      actor_role: p.actor.role,
      operation: p.operation,
      purpose: p.purpose,
      record_type: p.recordType,
      subject_ids: JSON.stringify(subjects),
      records: JSON.stringify(records),
      outcome,
      reason,
    };
  }
}

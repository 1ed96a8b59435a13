import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { KluisError, forbidden, purposeNotAllowed } from '../errors.ts';
import type { Operation, Policy, RecordType } from '../policy/policy.ts';
import type { Actor } from './actor.ts';
import { appendEntry } from './processing-log.repository.ts';

/** One processing of personal data, as the statement defines it (WAT BETEKENT 'VERWERKEN'). */
export interface Processing {
  actor: Actor;
  operation: Operation;
  recordType: RecordType;
  /** A purpose declared for the record type; the record type's first purpose when absent. */
  purpose?: string | undefined;
  /** The person whose data this is, when known before the work runs. */
  subjectId?: string | undefined;
  /** Other record types the same operation reads or writes (a customer page shows all of them). */
  includes?: RecordType[] | undefined;
}

export interface ResolvedProcessing extends Processing {
  purpose: string;
}

/** What the work function gets: the transaction, and a way to name what it touched for the log. */
export interface ProcessingContext {
  trx: Transaction<DB>;
  processing: ResolvedProcessing;
  /** Names a record the operation touched; its subject goes into the log too. */
  touch(recordType: string, recordId: string, subjectId?: string): void;
}

/**
 * A rule that may refuse a processing after the role check, inside the transaction: restriction (Art. 18),
 * objection (Art. 21) and legal holds plug in here. Throw a KluisError to refuse.
 */
export interface ProcessingCheck {
  name: string;
  check(processing: ResolvedProcessing, trx: Transaction<DB>): Promise<void>;
}

// Refusals of these kinds are themselves worth a log entry: somebody tried to reach personal data.
const DENIALS = new Set(['forbidden', 'purpose_not_allowed', 'restricted', 'objected', 'retention_hold']);

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

  constructor(db: Kysely<DB>, policy: Policy, checks: ProcessingCheck[] = []) {
    this.db = db;
    this.policy = policy;
    this.checks = checks;
  }

  /** Adds a check that runs on every later processing. */
  addCheck(check: ProcessingCheck): void {
    this.checks.push(check);
  }

  async process<T>(processing: Processing, work: (ctx: ProcessingContext) => Promise<T>): Promise<T> {
    const resolved = { ...processing, purpose: processing.purpose ?? this.policy.purposesOf(processing.recordType)[0] ?? '' };
    try {
      this.authorize(resolved);
      return await this.db.transaction().execute(async (trx) => {
        for (const check of this.checks) await check.check(resolved, trx);
        const subjects = new Set<string>();
        const records: string[] = [];
        if (resolved.subjectId !== undefined) subjects.add(resolved.subjectId);
        const result = await work({
          trx,
          processing: resolved,
          touch: (type, id, subjectId) => {
            records.push(`${type}:${id}`);
            if (subjectId !== undefined) subjects.add(subjectId);
          },
        });
        await appendEntry(trx, this.entry(resolved, [...subjects], records, 'allowed', null), [...subjects]);
        return result;
      });
    } catch (error) {
      if (error instanceof KluisError && DENIALS.has(error.code)) await this.logDenial(resolved, error);
      throw error;
    }
  }

  private authorize(p: ResolvedProcessing): void {
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

  private async logDenial(p: ResolvedProcessing, error: KluisError): Promise<void> {
    const subjects = p.subjectId === undefined ? [] : [p.subjectId];
    await this.db
      .transaction()
      .execute((trx) => appendEntry(trx, this.entry(p, subjects, [], 'denied', `${error.code}: ${error.message}`), subjects));
  }

  private entry(p: ResolvedProcessing, subjects: string[], records: string[], outcome: string, reason: string | null) {
    return {
      at: new Date().toISOString(),
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

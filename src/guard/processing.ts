import type { Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Operation, RecordType } from '../policy/policy.ts';
import type { Clock } from '../shared/clock.ts';
import type { Actor } from './actor.ts';

// What the guard (guard.ts) takes and gives: a processing as declared, the context its work gets, and the checks
// and follow-ups that plug into every processing.

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
  includes?: readonly RecordType[] | undefined;
  /**
   * Art. 18(2): processing of restricted data beyond storage is lawful with the person's consent or for
   * legal claims. The reason is recorded in the log entry; the restriction check reads the ground.
   * `legal_obligation`: a disclosure the law demands of us (a legal demand of an authority, Art. 6(1)(c)
   * and 23), which Art. 18(2) allows for an important public interest and Art. 21 does not reach.
   */
  exception?: { ground: 'consent' | 'legal_claims' | 'legal_obligation'; reason: string } | undefined;
  /** Why the processing happened, in a few words, for the log entry's reason (a retention sweep names its rule). */
  note?: string | undefined;
  /**
   * The work only reads (a page that shows data). A reading changes nothing, so nothing has to commit with its
   * entry: such a processing runs without a transaction, and its entry is appended after the work, together with
   * the entries of the other views of the moment (entry-batch.ts: one commit for many), and committed before the
   * result leaves the guard (issue 21). On PostgreSQL that saves the round trips of BEGIN and COMMIT on every
   * view; under READ COMMITTED every statement sees the data as committed when it starts, inside a transaction
   * or not, and on SQLite each read sees a committed state too. A write in such a work fails at the door
   * (door.ts), so nothing can commit apart from the entry.
   */
  readOnly?: boolean | undefined;
}

export interface ResolvedProcessing extends Processing {
  purpose: string;
}

/** What the work function gets: the transaction, and a way to name what it touched for the log. */
export interface ProcessingContext {
  trx: Transaction<DB>;
  processing: ResolvedProcessing;
  /** The guard's clock: the work reads the time from it, so a test (or `--as-of`) fixes the day. */
  clock: Clock;
  /** Names a record the operation touched; its subject goes into the log too. */
  touch(recordType: string, recordId: string, subjectId?: string): void;
  /**
   * Throws not_found unless the person exists. Every record belongs to a person, so any processing may ask
   * this; it reads the person's id only, none of their data, and needs no `subject` in the declaration.
   */
  requireSubject(subjectId: string): Promise<void>;
  /**
   * The language the person reads, so that what this processing produces for them speaks it (Art. 12(1));
   * reads nothing else of them. Undefined when the person is gone.
   */
  languageOf(subjectId: string): Promise<string | undefined>;
}

/**
 * A rule that may refuse a processing after the role check, inside the transaction: restriction (Art. 18),
 * objection (Art. 21) and legal holds plug in here. Throw a KluisError to refuse.
 */
export interface ProcessingCheck {
  name: string;
  check(processing: ResolvedProcessing, trx: Transaction<DB>): Promise<void>;
  /**
   * Runs after the work, before the log entry, on the subjects the work touched that the processing did not
   * name up front (a search, a record fetched by its own id). Throwing rolls the work back.
   */
  checkTouched?(processing: ResolvedProcessing, subjectIds: string[], trx: Transaction<DB>): Promise<void>;
}

/**
 * Work that follows every processing inside its transaction, after the checks and before the log entry:
 * derived data that must never lag behind the records (the retention dates of a subject's records).
 */
export interface ProcessingFollowUp {
  name: string;
  afterWork(processing: ResolvedProcessing, subjectIds: string[], trx: Transaction<DB>): Promise<void>;
}

/** One processing already decided by a system process (the retention sweep), for `recordDecided`. */
export interface DecidedProcessing {
  processing: Processing;
  subjectIds: string[];
  records: string[];
}

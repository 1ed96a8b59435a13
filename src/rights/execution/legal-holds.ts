import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { RecordType } from '../../policy/policy.schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** A legal hold on a person's records: evidence kept for legal claims (Art. 17(3)(e)). */
export interface LegalHold {
  recordType: RecordType;
  /** One record, or null: every record of the type. */
  recordId: string | null;
  reason: string;
  /** The day the hold ends, or null while it has no end. */
  until: string | null;
}

/** The holds on a person's records. */
export type LegalHoldSource = (db: Executor, subjectId: string) => Promise<LegalHold[]>;

/**
 * NOT YET THE HOLDS REGISTER. Legal holds arrive with the retention work; until then there are none. An
 * erasure asks this hook, so the records a hold names will be kept (Art. 17(3)(e)) once it is filled.
 */
export const legalHoldsNotYetRecorded: LegalHoldSource = async () => [];

/** The holds that reach one record. */
export const holdsOn = (holds: LegalHold[], recordType: RecordType, recordId: string): LegalHold[] =>
  holds.filter((h) => h.recordType === recordType && (h.recordId === null || h.recordId === recordId));

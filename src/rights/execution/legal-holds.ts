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
  /** The day the hold is to be reviewed, when it has no end yet (or before it). */
  reviewOn?: string | null;
}

/** The holds on a person's records. */
export type LegalHoldSource = (db: Executor, subjectId: string) => Promise<LegalHold[]>;

/**
 * NOT YET THE HOLDS REGISTER. Legal holds arrive with the retention work; until then there are none. An
 * erasure asks this hook, so the records a hold names will be kept (Art. 17(3)(e)) once it is filled.
 */
export const legalHoldsNotYetRecorded: LegalHoldSource = async () => [];

/** Every record type a hold on the whole subject reaches. */
const WHOLE_SUBJECT: RecordType[] = ['subject', 'agreement', 'invoice', 'case', 'message', 'consent'];

/**
 * The holds register (legal_holds): the holds in force on a person today, not released and not ended. A
 * hold on the whole subject becomes one hold per record type, so `holdsOn` finds it for every record.
 */
export const legalHoldsInForce: LegalHoldSource = async (db, subjectId) => {
  const today = new Date().toISOString().slice(0, 10);
  const rows = await db
    .selectFrom('legal_holds')
    .select(['record_type', 'record_id', 'reason', 'ends_on', 'review_on'])
    .where('subject_id', '=', subjectId)
    .where('released_at', 'is', null)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', today)]))
    .orderBy('placed_at')
    .orderBy('id')
    .execute();
  return rows.flatMap((r): LegalHold[] => {
    const base = { reason: r.reason, until: r.ends_on, reviewOn: r.review_on };
    if (r.record_type === null || r.record_id === null) return WHOLE_SUBJECT.map((recordType) => ({ ...base, recordType, recordId: null }));
    return [{ ...base, recordType: r.record_type as RecordType, recordId: r.record_id }];
  });
};

/** The holds that reach one record. */
export const holdsOn = (holds: LegalHold[], recordType: RecordType, recordId: string): LegalHold[] =>
  holds.filter((h) => h.recordType === recordType && (h.recordId === null || h.recordId === recordId));

import { sql } from 'kysely';
import { idsIn } from '../db/bulk.ts';
import type { LegalHoldRow } from '../db/types.ts';
import type { RecordType } from '../policy/policy.schema.ts';
import type { Executor } from '../db/executor.ts';
import { type Order, type Paging, countRows, offsetOf } from '../shared/list.ts';
import type { HOLD_RECORD_TYPES, HOLD_SORTS, HOLD_STATES } from './legal-hold.schema.ts';

const COLUMNS = [
  'id',
  'subject_id',
  'record_type',
  'record_id',
  'reason',
  'placed_by',
  'placed_at',
  'ends_on',
  'review_on',
  'released_at',
  'released_by',
  'release_reason',
] as const;

const TABLES = { agreement: 'agreements', invoice: 'invoices', case: 'cases', consent: 'consents' } as const;

export async function insert(db: Executor, row: LegalHoldRow): Promise<void> {
  await db.insertInto('legal_holds').values(row).execute();
}

export const getById = (db: Executor, id: string): Promise<LegalHoldRow | undefined> =>
  db.selectFrom('legal_holds').select(COLUMNS).where('id', '=', id).executeTakeFirst();

export const listOfSubject = (db: Executor, subjectId: string): Promise<LegalHoldRow[]> =>
  db.selectFrom('legal_holds').select(COLUMNS).where('subject_id', '=', subjectId).orderBy('placed_at').orderBy('id').execute();

export interface HoldFilter extends Paging {
  state?: (typeof HOLD_STATES)[number] | undefined;
  reviewDue?: boolean | undefined;
  customer?: string | undefined;
  sort: (typeof HOLD_SORTS)[number];
  order: Order;
}

/** A page of the holds on every customer with the customer's name, and how many the filter finds; `today` decides ended. */
export async function listAll(db: Executor, f: HoldFilter, today: string) {
  // In force until the day before ends_on, as inForceOn says.
  const ended = sql<boolean>`(legal_holds.ends_on is not null and legal_holds.ends_on <= ${today})`;
  const query = db
    .selectFrom('legal_holds')
    .innerJoin('subjects', 'subjects.id', 'legal_holds.subject_id')
    .select(COLUMNS.map((c) => `legal_holds.${c}` as const))
    .select(sql<string>`subjects.first_name || ' ' || subjects.last_name`.as('customer_name'))
    .$if(f.customer !== undefined, (qb) => qb.where('legal_holds.subject_id', '=', f.customer ?? ''))
    .$if(f.state === 'released', (qb) => qb.where('legal_holds.released_at', 'is not', null))
    .$if(f.state === 'ended', (qb) => qb.where('legal_holds.released_at', 'is', null).where(ended))
    .$if(f.state === 'in_force' || f.reviewDue === true, (qb) =>
      qb.where('legal_holds.released_at', 'is', null).where(sql<boolean>`not ${ended}`),
    )
    .$if(f.reviewDue === true, (qb) => qb.where('legal_holds.review_on', '<=', today));
  // A hold without a date sorts after those with one, either way, on both databases.
  const orders = {
    placedAt: [sql`legal_holds.placed_at`],
    reviewOn: [sql`coalesce(legal_holds.review_on, '9999-12-31')`],
    endsOn: [sql`coalesce(legal_holds.ends_on, '9999-12-31')`],
    customer: [sql`lower(subjects.last_name)`, sql`lower(subjects.first_name)`],
  }[f.sort];
  let ordered = query;
  for (const o of orders) ordered = ordered.orderBy(o, f.order);
  const rows = await ordered.orderBy('legal_holds.id').limit(f.pageSize).offset(offsetOf(f)).execute();
  return { rows, total: await countRows(db, query) };
}

/** Releases a hold still in place; false when it was released already (by someone else meanwhile, too). */
export async function release(db: Executor, id: string, at: string, by: string, reason: string): Promise<boolean> {
  const result = await db
    .updateTable('legal_holds')
    .set({ released_at: at, released_by: by, release_reason: reason })
    .where('id', '=', id)
    .where('released_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Whether the record of the type exists and belongs to the subject: their own, or an agreement or invoice of the
 * sole trader or partnership they own, which retention counts as theirs (owned-organisations.repository.ts) and a hold of
 * theirs must therefore be able to keep.
 */
export async function recordOfSubject(
  db: Executor,
  type: (typeof HOLD_RECORD_TYPES)[number],
  id: string,
  subjectId: string,
): Promise<boolean> {
  if (type === 'agreement' || type === 'invoice') {
    const row = await db
      .selectFrom(TABLES[type])
      .select('id')
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb('subject_id', '=', subjectId),
          eb(
            'organisation_id',
            'in',
            eb
              .selectFrom('contact_roles')
              .innerJoin('organisations', 'organisations.id', 'contact_roles.organisation_id')
              .select('contact_roles.organisation_id')
              .where('contact_roles.subject_id', '=', subjectId)
              .where('contact_roles.owner', '=', 1)
              .where('organisations.kind', '!=', 'legal_entity'),
          ),
        ]),
      )
      .executeTakeFirst();
    return row !== undefined;
  }
  const row = await db
    .selectFrom(TABLES[type])
    .select('id')
    .where('id', '=', id)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  return row !== undefined;
}

/** A legal hold on a person's records: evidence kept for legal claims (Art. 17(3)(e)). */
export interface LegalHold {
  recordType: RecordType;
  /** One record, or null: every record of the type. */
  recordId: string | null;
  reason: string;
  /** The day the hold ends (from that day on it no longer keeps anything), or null while it has no end. */
  until: string | null;
  /** The day the hold is to be reviewed, when it has no end yet (or before it). */
  reviewOn?: string | null;
}

/**
 * Whether a hold keeps anything on `day`. Every reader of holds asks this one rule: a hold not released (the
 * readers here never return released ones) keeps its records until the day it ends, not on or after it.
 */
export const inForceOn = (hold: Pick<LegalHold, 'until'>, day: string): boolean => hold.until === null || hold.until > day;

/** Every record type a hold on the whole subject reaches. */
const WHOLE_SUBJECT: RecordType[] = ['subject', 'agreement', 'invoice', 'case', 'message', 'consent'];

type HoldColumns = Pick<LegalHoldRow, 'record_type' | 'record_id' | 'reason' | 'ends_on' | 'review_on'>;

/** A hold on the whole subject becomes one hold per record type, so `holdsOn` finds it for every record. */
function expand(r: HoldColumns): LegalHold[] {
  const base = { reason: r.reason, until: r.ends_on, reviewOn: r.review_on };
  if (r.record_type === null || r.record_id === null)
    return WHOLE_SUBJECT.map((recordType) => ({ ...base, recordType, recordId: null }));
  return [{ ...base, recordType: r.record_type as RecordType, recordId: r.record_id }];
}

/** The holds in force on a person on `today` (not released, not ended): what an erasure and an access report see. */
export async function holdsInForce(db: Executor, subjectId: string, today: string): Promise<LegalHold[]> {
  const rows = await db
    .selectFrom('legal_holds')
    .select(['record_type', 'record_id', 'reason', 'ends_on', 'review_on'])
    .where('subject_id', '=', subjectId)
    .where('released_at', 'is', null)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', today)]))
    .orderBy('placed_at')
    .orderBy('id')
    .execute();
  return rows.flatMap(expand);
}

/**
 * The unreleased holds of many subjects, those that ended too, per subject: the retention sweep computes stored
 * dates from them. An ended hold's end date lies in the past, so `effectiveRetention` lets it keep nothing on any
 * day, and stored dates do not depend on the day they were computed; whether a hold keeps a whole subject on a
 * day is `inForceOn`.
 */
export async function unreleasedHoldsOf(db: Executor, subjectIds: string[]): Promise<Map<string, LegalHold[]>> {
  const rows = await db
    .selectFrom('legal_holds')
    .select(['subject_id', 'record_type', 'record_id', 'reason', 'ends_on', 'review_on'])
    .where('subject_id', 'in', idsIn(db, subjectIds))
    .where('released_at', 'is', null)
    .execute();
  const holds = new Map<string, LegalHold[]>();
  for (const r of rows) holds.set(r.subject_id, [...(holds.get(r.subject_id) ?? []), ...expand(r)]);
  return holds;
}

/**
 * Whether a hold in force on `today` keeps a request (Art. 17(3)(e)): one on the whole person, or on the request's
 * case.
 */
export async function keepsRequest(
  db: Executor,
  subjectId: string | null,
  caseId: string | null,
  today: string,
): Promise<boolean> {
  if (subjectId === null && caseId === null) return false;
  const row = await db
    .selectFrom('legal_holds')
    .select('id')
    .where('released_at', 'is', null)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', today)]))
    .where((eb) =>
      eb.or([
        ...(subjectId === null ? [] : [eb.and([eb('subject_id', '=', subjectId), eb('record_id', 'is', null)])]),
        ...(caseId === null ? [] : [eb.and([eb('record_type', '=', 'case'), eb('record_id', '=', caseId)])]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The holds that reach one record. */
export const holdsOn = (holds: LegalHold[], recordType: RecordType, recordId: string): LegalHold[] =>
  holds.filter((h) => h.recordType === recordType && (h.recordId === null || h.recordId === recordId));

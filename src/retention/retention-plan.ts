import type { Policy } from '../policy/policy.ts';
import { type RetainedRecord, retentionOf } from './rules/effective-retention.ts';
import { type LegalHold, holdsOn, inForceOn, unreleasedHoldsOf } from './legal-hold.repository.ts';
import { agreementDates, consentDates } from './period-starts.ts';
import type { Executor } from '../db/executor.ts';
import { ownedOrganisations, ownersOf as allOwnersOf } from './owned-organisations.repository.ts';
import * as planned from './retention-plan.repository.ts';

/** The record types the sweep deletes by their own retention; messages go with their case. */
export type SweptType = 'agreement' | 'invoice' | 'case' | 'consent';
export const SWEPT_TABLES = { invoice: 'invoices', agreement: 'agreements', case: 'cases', consent: 'consents' } as const;

/** One record's effective retention, as `retain_until` stores it. */
export interface RecordRetention {
  recordType: SweptType;
  id: string;
  subjectId: string;
  /** The sole trader or partnership the record belongs to, whose owner `subjectId` is; null for the person's own. */
  organisationId: string | null;
  /** The first day the record may be deleted; null while unknown (a running agreement, a hold without end). */
  until: string | null;
  /** The rule that decides, or 'legal-hold' when only a hold's end date does; null with no rule at all. */
  rule: string | null;
}

/** One record whose retention has ended (or ends within a forecast's horizon). */
export interface DueRecord {
  recordType: SweptType;
  id: string;
  subjectId: string;
  /** Set when the record is a sole trader's or partnership's, counted as its owner's (owned-organisations.repository.ts). */
  organisationId?: string;
  rule: string;
  until: string;
}

type Stored = { retain_until: string | null; retain_rule: string | null };
type Own = {
  agreements: SubjectRows['agreements'];
  invoices: SubjectRows['invoices'];
  cases: SubjectRows['cases'];
  consents: SubjectRows['consents'];
};

/** Everything retention needs of a set of subjects, read in one go. */
export interface SubjectRows {
  /** A sole trader's or partnership's records carry `organisation_id`, and as `subject_id` the owner they are read for. */
  agreements: ({
    id: string;
    subject_id: string;
    organisation_id: string | null;
    status: string;
    start_date: string | null;
    end_date: string | null;
    updated_at: string;
  } & Stored)[];
  invoices: ({
    id: string;
    subject_id: string;
    organisation_id: string | null;
    agreement_id: string | null;
    credit_for_id: string | null;
    status: string;
    issue_date: string | null;
    completed_on: string | null;
  } & Stored)[];
  cases: ({ id: string; subject_id: string; opened_at: string; closed_at: string | null } & Stored)[];
  consents: ({ id: string; subject_id: string; given_at: string; withdrawn_at: string | null } & Stored)[];
  /** Per subject: whether it still has contact details (e-mail, phone, gender, an address), and its stored `reduce_on`. */
  subjects: Map<string, { contact: boolean; reduce_on: string | null }>;
  holds: Map<string, LegalHold[]>;
  /** Per owner, the sole traders and partnerships whose records are read as theirs. */
  organisations: Map<string, string[]>;
  /**
   * Per such organisation, all its owners, also those outside the subjects read: a hold of any partner keeps the
   * partnership's records (their holds are in `holds`), whichever partner's records are computed.
   */
  organisationOwners: Map<string, string[]>;
  /** The same records, per subject (a batch of the sweep reads a thousand subjects at once). */
  bySubject: Map<string, Own>;
}

/**
 * Reads the records, consents and unreleased holds of the subjects. A hold whose end date has passed is
 * still read: its end date then lies in the past and no longer keeps anything, which `effectiveRetention`
 * works out the same on any day, so stored dates do not depend on the day they were computed. Of the subject
 * itself only whether contact details are left is read, never the details.
 */
export async function loadSubjects(db: Executor, subjectIds: string[]): Promise<SubjectRows> {
  // A sole trader's or partnership's agreements and invoices are its owners' personal data, so they are read as
  // theirs (docs/organisations.md, Retention); a legal entity's are no one's and get no retention date.
  const organisations = await ownedOrganisations(db, subjectIds);
  const organisationIds = [...new Set([...organisations.values()].flat())];
  const organisationOwners = await allOwnersOf(db, organisationIds);
  const holdSubjects = [...new Set([...subjectIds, ...[...organisationOwners.values()].flat()])];
  const ownersOf = new Map<string, string[]>();
  for (const [owner, list] of organisations) for (const o of list) ownersOf.set(o, [...(ownersOf.get(o) ?? []), owner]);
  const [agreements, invoices, cases, consents, holds, subjectRows, addressed, organisationAgreements, organisationInvoices] =
    await Promise.all([
      planned.agreementsOf(db, subjectIds),
      planned.invoicesOf(db, subjectIds),
      planned.casesOf(db, subjectIds),
      planned.consentsOf(db, subjectIds),
      unreleasedHoldsOf(db, holdSubjects),
      planned.contactLeftOf(db, subjectIds),
      planned.addressedOf(db, subjectIds),
      planned.organisationAgreements(db, organisationIds),
      planned.organisationInvoices(db, organisationIds),
    ]);
  // Read once per owner: a partnership's records belong to each of its partners.
  const asOwners = <T extends { organisation_id: string }>(rows: T[]) =>
    rows.flatMap((r) => (ownersOf.get(r.organisation_id) ?? []).map((owner) => ({ ...r, subject_id: owner })));
  agreements.push(...asOwners(organisationAgreements));
  invoices.push(...asOwners(organisationInvoices));
  const withAddress = new Set(addressed.map((a) => a.subject_id));
  // SQLite answers the condition with 0 or 1, PostgreSQL with a boolean.
  const subjects = new Map(
    subjectRows.map((r) => [r.id, { contact: Boolean(Number(r.contact)) || withAddress.has(r.id), reduce_on: r.reduce_on }]),
  );
  const bySubject: SubjectRows['bySubject'] = new Map(
    subjectIds.map((id) => [id, { agreements: [], invoices: [], cases: [], consents: [] }]),
  );
  for (const a of agreements) bySubject.get(a.subject_id)?.agreements.push(a);
  for (const i of invoices) bySubject.get(i.subject_id)?.invoices.push(i);
  for (const c of cases) bySubject.get(c.subject_id)?.cases.push(c);
  for (const c of consents) bySubject.get(c.subject_id)?.consents.push(c);
  return { agreements, invoices, cases, consents, subjects, holds, organisations, organisationOwners, bySubject };
}

const later = (a: string | null, b: string | null): string | null => (a === null || b === null ? null : a > b ? a : b);

/**
 * Every swept record of one subject with its effective retention: the same function erasure and the
 * statement ask, with the issued invoices behind an agreement and the holds. An invoice a credit note
 * refers to is kept as long as that credit note (the books, and the foreign key, need it).
 */
export function subjectRetention(policy: Policy, subjectId: string, rows: SubjectRows): RecordRetention[] {
  const holds = rows.holds.get(subjectId) ?? [];
  // A sole trader's or partnership's record is kept by a hold of any of its owners, not only of this one.
  const holdsFor = (organisationId: string | null): LegalHold[] =>
    organisationId === null
      ? holds
      : (rows.organisationOwners.get(organisationId) ?? [subjectId]).flatMap((owner) => rows.holds.get(owner) ?? []);
  const own = rows.bySubject.get(subjectId) ?? { agreements: [], invoices: [], cases: [], consents: [] };
  const invoices = own.invoices;
  const result: RecordRetention[] = [];
  const add = (
    recordType: SweptType,
    id: string,
    record: RetainedRecord,
    organisationId: string | null = null,
  ): RecordRetention => {
    const r = retentionOf(policy, record);
    const rule = r.governing?.ruleId ?? (r.held ? 'legal-hold' : null);
    // When a hold's end date outlasts every rule, the hold decides.
    const holdDecides = r.until !== null && r.governing !== null && r.governing.until !== null && r.until > r.governing.until;
    const entry: RecordRetention = {
      recordType,
      id,
      subjectId,
      organisationId,
      until: r.until,
      rule: holdDecides ? 'legal-hold' : rule,
    };
    result.push(entry);
    return entry;
  };
  const invoiceDates = (i: SubjectRows['invoices'][number]) => ({ completed_on: i.completed_on, issue_date: i.issue_date });
  const byId = new Map<string, RecordRetention>();
  for (const i of invoices) {
    byId.set(
      i.id,
      add(
        'invoice',
        i.id,
        { recordType: 'invoice', dates: invoiceDates(i), holds: holdsOn(holdsFor(i.organisation_id), 'invoice', i.id) },
        i.organisation_id,
      ),
    );
  }
  for (const i of invoices) {
    const original = i.credit_for_id === null ? undefined : byId.get(i.credit_for_id);
    const credit = byId.get(i.id);
    if (original === undefined || credit === undefined) continue;
    const until = later(original.until, credit.until);
    if (until !== original.until) Object.assign(original, { until, rule: credit.rule });
  }
  for (const a of own.agreements) {
    const behind = invoices
      .filter((i) => i.agreement_id === a.id && i.status !== 'draft')
      .map((i): RetainedRecord => ({ recordType: 'invoice', dates: invoiceDates(i) }));
    add(
      'agreement',
      a.id,
      {
        recordType: 'agreement',
        dates: agreementDates(a),
        linked: behind,
        holds: holdsOn(holdsFor(a.organisation_id), 'agreement', a.id),
      },
      a.organisation_id,
    );
  }
  for (const c of own.cases) {
    add('case', c.id, {
      recordType: 'case',
      dates: { opened_at: c.opened_at, closed_at: c.closed_at },
      holds: holdsOn(holds, 'case', c.id),
    });
  }
  for (const c of own.consents) {
    add('consent', c.id, { recordType: 'consent', dates: consentDates(c, own), holds: holdsOn(holds, 'consent', c.id) });
  }
  return result;
}

export interface SubjectPlan {
  due: DueRecord[];
  /** What would be left of the subject afterwards: its records (consents too) that are not due. */
  remaining: number;
  /** A hold on the whole subject in force on the horizon: it stays even with nothing left. */
  held: boolean;
}

/** What of one subject is due by `horizon`. */
export function planSubject(policy: Policy, subjectId: string, rows: SubjectRows, horizon: string): SubjectPlan {
  const all = subjectRetention(policy, subjectId, rows);
  const due = all
    .filter((r): r is RecordRetention & { until: string } => r.until !== null && r.until <= horizon)
    .map((r): DueRecord => ({
      recordType: r.recordType,
      id: r.id,
      subjectId,
      rule: r.rule ?? 'legal-hold',
      until: r.until,
      ...(r.organisationId === null ? {} : { organisationId: r.organisationId }),
    }));
  const remaining = all.length - due.length;
  // A hold that has ended by the horizon keeps the subject no longer (the same rule as the erasure's).
  return {
    due,
    remaining,
    held: holdsOn(rows.holds.get(subjectId) ?? [], 'subject', subjectId).some((h) => inForceOn(h, horizon)),
  };
}

import type { Policy } from '../../policy/policy.ts';
import type { PolicyDocument } from '../../policy/policy.schema.ts';
import { type RequestKind, isRight } from '../../shared/request-kind.ts';
import { retentionOf } from './effective-retention.ts';
import { type Period, addPeriod, parsePeriod } from './period.ts';

// How long Kluis keeps the records of its own work (Art. 5(1)(e) GDPR): requests of data subjects, the text of
// the mail it sent, the processing log. The policy's rules cover the customer's records; these are what Kluis
// does for every controller, so they are fixed here and the statement and the Art. 30 record say them from here.

/** The limitation of a claim for damages (art. 3:310 lid 1 BW) and of the AP's power to fine (art. 5:45 lid 1 Awb). */
const CLAIMS_YEARS = 5;

/**
 * A closed request to exercise a right (answered, withdrawn, unverifiable) with its verification, its case and
 * its access packages: five years after the answer. What the record proves is how the request was handled
 * (Art. 5(2), 12(3)-(4)), and it is needed for as long as anyone can hold us to that: a claim for damages
 * (Art. 82 GDPR) lapses five years after the person knew of the damage and of us (art. 3:310 lid 1 BW), which for
 * the handling of a request is at the latest its answer; the Autoriteit Persoonsgegevens may fine an infringement
 * until five years after it (art. 5:45 lid 1 Awb); the court route of art. 35 UAVG closes six weeks after the
 * answer. Longer would keep a file on every person who ever asked something, past any use; shorter would leave
 * us unable to defend a claim. A day is a UTC calendar day, as for the retention sweep.
 */
export const REQUEST_RETENTION_YEARS = CLAIMS_YEARS;

/**
 * The first day a closed request may be deleted. A right exercised (Art. 15-22, 7(3)): `REQUEST_RETENTION_YEARS`
 * after it was closed. A question or complaint is correspondence (P5) and keeps the policy's period for a case,
 * counted from the answer, so the statement's promise for correspondence holds for it too; a policy without one
 * keeps it as long as a right.
 */
export function requestKeptUntil(policy: Policy, kind: RequestKind, receivedDay: string, closedDay: string): string {
  const rights = addPeriod(closedDay, { years: REQUEST_RETENTION_YEARS, months: 0, days: 0 });
  if (isRight(kind)) return rights;
  return correspondenceUntil(policy, receivedDay, closedDay) ?? rights;
}

/** When the policy's rules for a case opened and closed on these days end; null when no rule gives a date. */
export function correspondenceUntil(policy: Policy, openedDay: string, closedDay: string): string | null {
  return retentionOf(policy, { recordType: 'case', dates: { opened_at: openedDay, closed_at: closedDay } }).until;
}

/**
 * The text of a delivered message: thirty days after delivery, and of a message given up, thirty days after its
 * last attempt (time for staff to correct the address and try again, or to post it). The letter repeats what the
 * request, the decision or the record it is about already holds; the person has their copy. Who it went to, its
 * subject, when and whether it arrived stay: they show that and when the person was told (Art. 5(2), 12(3)-(4),
 * 18(3), 19, 34).
 */
export const MAIL_TEXT_DAYS = 30;

/**
 * The processing log: entries are pruned this many years after the end of the calendar year in which they were
 * written. The log accounts for the records (Art. 5(2), 24), so it must outlive them: the longest period of the
 * policy (for Sen ICT the books, seven years after the end of the book year: art. 52 lid 4 AWR, art. 2:10 lid 3
 * BW) plus one year, because a record's period may start after the entry that made it (an invoice issued in
 * December for work completed the next year is kept seven years after the completion). Never less than five
 * years, the limitation of claims and fines over a processing (art. 3:310 BW, art. 5:45 Awb). Entries naming a
 * person under a legal hold stay while the hold is in force (Art. 17(3)(e)).
 */
export function logRetention(document: PolicyDocument): LogRetention {
  const longest = Math.max(0, ...document.retention.map((rule) => wholeYears(parsePeriod(rule.period))));
  return longest + 1 >= CLAIMS_YEARS ? { years: longest + 1, basis: 'records' } : { years: CLAIMS_YEARS, basis: 'claims' };
}

/** The log's period and what sets it: a year past the longest record of the policy, or the five years of claims. */
export interface LogRetention {
  years: number;
  basis: 'records' | 'claims';
}

const wholeYears = (p: Period): number => p.years + Math.ceil((p.months * 31 + p.days) / 365);

/** The same calendar day `years` earlier; 29 February becomes 28 February in a common year (as addPeriod counts). */
export function yearsBefore(day: string, years: number): string {
  const year = Number(day.slice(0, 4)) - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDay = day.slice(5, 10) === '02-29' && !leap ? '02-28' : day.slice(5, 10);
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

/** The first day entries written on `day` may be pruned: 1 January, `years` after the end of their year. */
export function logPrunableFrom(day: string, years: number): string {
  return `${String(Number(day.slice(0, 4)) + 1 + years).padStart(4, '0')}-01-01`;
}

/** Entries written before this day are due for pruning on `today`. */
export function logDueBefore(today: string, years: number): string {
  return `${String(Number(today.slice(0, 4)) - years).padStart(4, '0')}-01-01`;
}

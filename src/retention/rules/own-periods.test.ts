import { describe, expect, it } from 'vitest';
import { POLICY_PATH } from '../../../test/harness.ts';
import { loadPolicy } from '../../policy/policy.ts';
import { logDueBefore, logPrunableFrom, logRetention, yearsBefore } from './own-periods.ts';

describe("the periods of Kluis's own records (Art. 5(1)(e) GDPR)", () => {
  const document = loadPolicy(POLICY_PATH).document;

  it('keeps the processing log a year longer than the longest record of the policy: eight years after the end of the year for Sen ICT', () => {
    // The books: seven years after the end of the book year (art. 52 lid 4 AWR), plus one.
    expect(logRetention(document)).toEqual({ years: 8, basis: 'records' });
    expect(logPrunableFrom('2026-12-03', 8)).toBe('2035-01-01');
    expect(logPrunableFrom('2026-01-01', 8)).toBe('2035-01-01');
    // An invoice of 31 December 2026 is kept until 1 January 2034; the entries about it a year longer.
    expect(logDueBefore('2034-12-31', 8)).toBe('2026-01-01');
    expect(logDueBefore('2035-01-01', 8)).toBe('2027-01-01');
  });

  it('never keeps the log shorter than the five years of claims and fines (art. 3:310 BW, art. 5:45 Awb)', () => {
    const short = {
      ...document,
      retention: [
        { id: 'kort', records: ['case' as const], period: 'P6M', from: 'closed_at', reason: { nl: 'kort', en: 'short' } },
      ],
    };
    expect(logRetention(short)).toEqual({ years: 5, basis: 'claims' });
    const long = {
      ...document,
      retention: [
        ...document.retention,
        { id: 'lang', records: ['case' as const], period: 'P10Y6M', from: 'closed_at', reason: { nl: 'lang', en: 'long' } },
      ],
    };
    expect(logRetention(long)).toEqual({ years: 12, basis: 'records' });
  });

  it('counts the five years of a request back to the same calendar day, 29 February to 28 February', () => {
    expect(yearsBefore('2031-12-03', 5)).toBe('2026-12-03');
    expect(yearsBefore('2029-02-28', 5)).toBe('2024-02-28');
    expect(yearsBefore('2028-02-29', 5)).toBe('2023-02-28');
  });
});

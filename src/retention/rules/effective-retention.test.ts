import { describe, expect, it } from 'vitest';
import { POLICY_PATH } from '../../../test/harness.ts';
import { loadPolicy } from '../../policy/policy.ts';
import { effectiveRetention } from './effective-retention.ts';
import { addPeriod, describePeriod, parsePeriod } from './period.ts';

const policy = loadPolicy(POLICY_PATH);

describe('periods', () => {
  it('adds years and months on the calendar, ending on the last day of a short month', () => {
    expect(addPeriod('2026-01-31', parsePeriod('P7Y'))).toBe('2033-01-31');
    expect(addPeriod('2024-02-29', parsePeriod('P1Y'))).toBe('2025-02-28');
    expect(addPeriod('2026-01-31', parsePeriod('P1M'))).toBe('2026-02-28');
    // A moment counts from its day where the business is: 23:59 UTC on 25 November is 26 November in Utrecht.
    expect(addPeriod('2026-11-25T22:59:00.000Z', parsePeriod('P2Y'))).toBe('2028-11-25');
    expect(addPeriod('2026-11-25T23:59:00.000Z', parsePeriod('P2Y'))).toBe('2028-11-26');
    expect(addPeriod('2026-12-20', parsePeriod('P30D'))).toBe('2027-01-19');
  });

  it('says a period in words', () => {
    expect(describePeriod(parsePeriod('P7Y'), 'nl')).toBe('zeven jaar');
    expect(describePeriod(parsePeriod('P2Y6M'), 'en')).toBe('two years and six months');
  });

  it('refuses what is not a period', () => {
    expect(() => parsePeriod('7 years')).toThrow();
    expect(() => parsePeriod('P')).toThrow();
  });
});

describe('effective retention for the Sen ICT policy', () => {
  it('keeps an invoice seven years after the end of its book year, naming the fiscal duty (art. 52 lid 4 AWR, art. 2:10 lid 3 BW)', () => {
    const r = effectiveRetention(policy, {
      recordType: 'invoice',
      dates: { issue_date: '2026-12-02', completed_on: '2026-01-15' },
    });
    expect(r.until).toBe('2034-01-01');
    expect(r.governing?.ruleId).toBe('fiscal-seven-years');
    expect(r.explanation.nl).toBe(
      'bewaard tot 2034-01-01: factuur, wettelijke fiscale bewaarplicht (art. 52 lid 4 AWR; art. 2:10 lid 3 BW)',
    );
    expect(r.explanation.en).toBe(
      'kept until 2034-01-01: invoice, statutory fiscal retention duty (art. 52 lid 4 AWR; art. 2:10 lid 3 BW)',
    );
  });

  // AWR art. 52 lid 4: seven years from the end of the book year; the statement (P4): never less than seven
  // years from completion. The later of the two decides.
  it.each([
    ['an invoice of the first day of the year', '2026-01-01', '2026-01-01', '2034-01-01', 'fiscal-seven-years'],
    ['an invoice of the last day of the year', '2026-12-31', '2026-12-31', '2034-01-01', 'fiscal-seven-years'],
    [
      'the example of the review: invoiced 2 December, completed 15 January',
      '2026-12-02',
      '2026-01-15',
      '2034-01-01',
      'fiscal-seven-years',
    ],
    [
      'work completed after the book year of its invoice (an advance invoice)',
      '2026-12-02',
      '2027-03-31',
      '2034-03-31',
      'seven-years-after-completion',
    ],
    ['completed on the last day of the book year', '2026-06-01', '2026-12-31', '2034-01-01', 'fiscal-seven-years'],
    ['completed on a leap day, invoiced the next day', '2028-03-01', '2028-02-29', '2036-01-01', 'fiscal-seven-years'],
    ['completed on a leap day in the next book year', '2027-12-20', '2028-02-29', '2035-02-28', 'seven-years-after-completion'],
    ['invoiced on a leap day', '2028-02-29', '2028-02-29', '2036-01-01', 'fiscal-seven-years'],
  ])('keeps %s until the later of both periods', (_, issued, completed, until, rule) => {
    const r = effectiveRetention(policy, { recordType: 'invoice', dates: { issue_date: issued, completed_on: completed } });
    expect(r.until).toBe(until);
    expect(r.governing?.ruleId).toBe(rule);
    expect(r.applied.map((a) => [a.ruleId, a.fromDate])).toEqual([
      ['fiscal-seven-years', `${Number(issued.slice(0, 4)) + 1}-01-01`],
      ['seven-years-after-completion', completed],
    ]);
  });

  it('has no date yet for a draft, which has no invoice date and so no book year', () => {
    const r = effectiveRetention(policy, { recordType: 'invoice', dates: { issue_date: null, completed_on: '2026-01-15' } });
    expect(r.until).toBeNull();
    expect(r.atLeastUntil).toBe('2033-01-15');
  });

  it('keeps an agreement two years after it ended (P3)', () => {
    const r = effectiveRetention(policy, {
      recordType: 'agreement',
      dates: { start_date: '2020-01-01', end_date: '2024-06-30' },
    });
    expect(r.until).toBe('2026-06-30');
    expect(r.governing?.ruleId).toBe('contract-two-years');
  });

  it('keeps an agreement behind an invoice as long as the invoice: the law keeps it longer (P3 "tenzij")', () => {
    const r = effectiveRetention(policy, {
      recordType: 'agreement',
      dates: { start_date: '2020-01-01', end_date: '2024-06-30' },
      linked: [{ recordType: 'invoice', dates: { issue_date: '2024-07-20', completed_on: '2024-07-15' } }],
    });
    expect(r.until).toBe('2032-01-01');
    expect(r.governing).toMatchObject({ ruleId: 'fiscal-seven-years', via: 'invoice' });
    expect(r.applied.map((a) => a.ruleId).sort()).toEqual([
      'contract-two-years',
      'fiscal-seven-years',
      'seven-years-after-completion',
    ]);
    expect(r.explanation.en).toContain('through its invoice');
  });

  it('cannot name a date for an agreement that has not ended, but says the floor', () => {
    const r = effectiveRetention(policy, {
      recordType: 'agreement',
      dates: { start_date: '2025-01-01', end_date: null },
      linked: [{ recordType: 'invoice', dates: { issue_date: '2025-03-01', completed_on: '2025-03-01' } }],
    });
    expect(r.until).toBeNull();
    expect(r.atLeastUntil).toBe('2033-01-01');
    expect(r.explanation.nl).toContain('in elk geval tot 2033-01-01');
  });

  it('lets a hold outlast every rule, and an open-ended hold keep the record', () => {
    const base = { recordType: 'invoice' as const, dates: { issue_date: '2018-01-01', completed_on: '2018-01-01' } };
    expect(effectiveRetention(policy, { ...base, holds: [{ reason: 'klacht', until: '2030-01-01' }] }).until).toBe('2030-01-01');
    const open = effectiveRetention(policy, { ...base, holds: [{ reason: 'rechtszaak', until: null }] });
    expect(open.until).toBeNull();
    expect(open.held).toBe(true);
    expect(open.explanation.nl).toContain('juridische blokkade: rechtszaak');
  });

  it('says so when no rule covers a record type', () => {
    const r = effectiveRetention(policy, { recordType: 'subject', dates: {} });
    expect(r.until).toBeNull();
    expect(r.applied).toEqual([]);
    expect(r.explanation.en).toContain('no retention rule');
  });
});

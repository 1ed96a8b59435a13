import { describe, expect, it } from 'vitest';
import { POLICY_PATH } from '../../test/harness.ts';
import { loadPolicy } from '../policy/policy.ts';
import { effectiveRetention } from './effective-retention.ts';
import { addPeriod, describePeriod, parsePeriod } from './period.ts';

const policy = loadPolicy(POLICY_PATH);

describe('periods', () => {
  it('adds years and months on the calendar, ending on the last day of a short month', () => {
    expect(addPeriod('2026-01-31', parsePeriod('P7Y'))).toBe('2033-01-31');
    expect(addPeriod('2024-02-29', parsePeriod('P1Y'))).toBe('2025-02-28');
    expect(addPeriod('2026-01-31', parsePeriod('P1M'))).toBe('2026-02-28');
    expect(addPeriod('2026-11-25T23:59:00.000Z', parsePeriod('P2Y'))).toBe('2028-11-25');
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
  it('keeps an invoice seven years after completion, naming the fiscal duty (P4)', () => {
    const r = effectiveRetention(policy, { recordType: 'invoice', dates: { issue_date: '2026-02-01', completed_on: '2026-01-31' } });
    expect(r.until).toBe('2033-01-31');
    expect(r.governing?.ruleId).toBe('fiscal-seven-years');
    expect(r.explanation.nl).toBe('bewaard tot 2033-01-31: factuur, wettelijke fiscale bewaarplicht (AWR art. 52; BW 2:10)');
    expect(r.explanation.en).toBe('kept until 2033-01-31: invoice, statutory fiscal retention duty (AWR art. 52; BW 2:10)');
  });

  it('keeps an agreement two years after it ended (P3)', () => {
    const r = effectiveRetention(policy, { recordType: 'agreement', dates: { start_date: '2020-01-01', end_date: '2024-06-30' } });
    expect(r.until).toBe('2026-06-30');
    expect(r.governing?.ruleId).toBe('contract-two-years');
  });

  it('keeps an agreement behind an invoice as long as the invoice: the law keeps it longer (P3 "tenzij")', () => {
    const r = effectiveRetention(policy, {
      recordType: 'agreement',
      dates: { start_date: '2020-01-01', end_date: '2024-06-30' },
      linked: [{ recordType: 'invoice', dates: { completed_on: '2024-07-15' } }],
    });
    expect(r.until).toBe('2031-07-15');
    expect(r.governing).toMatchObject({ ruleId: 'fiscal-seven-years', via: 'invoice' });
    expect(r.applied.map((a) => a.ruleId).sort()).toEqual(['contract-two-years', 'fiscal-seven-years']);
    expect(r.explanation.en).toContain('through its invoice');
  });

  it('cannot name a date for an agreement that has not ended, but says the floor', () => {
    const r = effectiveRetention(policy, {
      recordType: 'agreement',
      dates: { start_date: '2025-01-01', end_date: null },
      linked: [{ recordType: 'invoice', dates: { completed_on: '2025-03-01' } }],
    });
    expect(r.until).toBeNull();
    expect(r.atLeastUntil).toBe('2032-03-01');
    expect(r.explanation.nl).toContain('in elk geval tot 2032-03-01');
  });

  it('lets a hold outlast every rule, and an open-ended hold keep the record', () => {
    const base = { recordType: 'invoice' as const, dates: { completed_on: '2018-01-01' } };
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

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addPeriod, parsePeriod } from './period.ts';

/** The calendar as Date counts it: the month moves, a day beyond its end becomes the last day, then days are added. */
function byDate(date: string, years: number, months: number, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + years * 12 + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const at = new Date(Date.UTC(year, month, Math.min(d, last)));
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

describe('adding a period to a date (Regulation 1182/71 art. 3(2)(c))', () => {
  it('ends a period that starts on a day the target month lacks on its last day', () => {
    expect(addPeriod('2024-02-29', parsePeriod('P1Y'))).toBe('2025-02-28');
    expect(addPeriod('2024-02-29', parsePeriod('P4Y'))).toBe('2028-02-29');
    expect(addPeriod('2023-01-31', parsePeriod('P1M'))).toBe('2023-02-28');
    expect(addPeriod('2024-01-31', parsePeriod('P1M'))).toBe('2024-02-29');
    expect(addPeriod('2099-02-28', parsePeriod('P1Y'))).toBe('2100-02-28');
    expect(addPeriod('1999-02-28', parsePeriod('P1Y')).slice(0, 7)).toBe('2000-02');
    expect(addPeriod('2026-03-31', parsePeriod('P6M'))).toBe('2026-09-30');
    expect(addPeriod('2026-12-15', parsePeriod('P30D'))).toBe('2027-01-14');
    expect(addPeriod('2026-12-15T10:00:00.000Z', parsePeriod('P2Y'))).toBe('2028-12-15');
  });

  it('agrees with the calendar for any date and period', () => {
    const date = fc
      .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.nat(20), fc.nat(24), fc.nat(400), (d, years, months, days) => {
        expect(addPeriod(d, { years, months, days })).toBe(byDate(d, years, months, days));
      }),
      { numRuns: 2000 },
    );
  });
});

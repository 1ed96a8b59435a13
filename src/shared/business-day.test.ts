import { describe, expect, it } from 'vitest';
import { businessDate, businessToday, calendarDay } from './business-day.ts';

describe('the business day (Europe/Amsterdam)', () => {
  it('is the next day from 23:00 UTC in winter and from 22:00 UTC in summer', () => {
    expect(businessToday(new Date('2026-12-04T22:59:59Z'))).toBe('2026-12-04');
    expect(businessToday(new Date('2026-12-04T23:00:00Z'))).toBe('2026-12-05');
    expect(businessToday(new Date('2026-07-04T21:59:59Z'))).toBe('2026-07-04');
    expect(businessToday(new Date('2026-07-04T22:00:00Z'))).toBe('2026-07-05');
    expect(businessDate('2026-12-31T23:30:00.000Z')).toBe('2027-01-01');
  });

  it('reads a stored date as it is and a stored moment as its day in Utrecht', () => {
    expect(calendarDay('2026-12-04')).toBe('2026-12-04');
    expect(calendarDay('2026-12-04T23:30:00.000Z')).toBe('2026-12-05');
    expect(calendarDay('2026-12-04T10:00:00.000Z')).toBe('2026-12-04');
  });
});

import { describe, expect, it } from 'vitest';
import { dayOfReceipt, dueOn, isOverdue, latestExtension } from './deadline.ts';

const at = (iso: string) => new Date(iso);

describe('the deadline of a request (Art. 12(3), Regulation 1182/71)', () => {
  it('falls on the same date next month', () => {
    expect(dueOn(at('2026-03-15T10:00:00+01:00'))).toBe('2026-04-15');
    expect(dueOn(at('2026-12-10T09:00:00+01:00'))).toBe('2027-01-10');
  });

  it('falls on the last day of a month that lacks the date', () => {
    expect(dueOn(at('2026-01-31T12:00:00+01:00'))).toBe('2026-02-28');
    expect(dueOn(at('2028-01-31T12:00:00+01:00'))).toBe('2028-02-29');
    expect(dueOn(at('2026-03-31T12:00:00+02:00'))).toBe('2026-04-30');
    expect(dueOn(at('2026-08-31T12:00:00+02:00'))).toBe('2026-09-30');
  });

  it('counts from the day of receipt in the Netherlands, not in UTC', () => {
    // 23:30 UTC on 31 January is already 1 February in Utrecht.
    expect(dayOfReceipt(at('2026-01-31T23:30:00Z'))).toBe('2026-02-01');
    expect(dueOn(at('2026-01-31T23:30:00Z'))).toBe('2026-03-01');
  });

  it('can be extended by two more months at most', () => {
    expect(latestExtension(at('2026-11-30T10:00:00+01:00'))).toBe('2027-02-28');
    expect(latestExtension(at('2027-11-30T10:00:00+01:00'))).toBe('2028-02-29');
  });

  it('is overdue only after the due day', () => {
    expect(isOverdue('2026-02-28', '2026-02-28')).toBe(false);
    expect(isOverdue('2026-02-28', '2026-03-01')).toBe(true);
  });
});

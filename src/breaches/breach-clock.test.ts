import { describe, expect, it } from 'vitest';
import { breachClock, isLate, notificationDeadline } from './breach-clock.ts';

const AWARE = '2026-03-27T16:00:00.000Z';
const after = (hours: number) => new Date(Date.parse(AWARE) + hours * 3_600_000);

describe('the 72-hour clock of Art. 33(1)', () => {
  it('ends 72 hours after awareness, across the change to summer time and the weekend', () => {
    // Friday 17:00 in Utrecht; the clocks go forward on Sunday 29 March 2026: still 72 real hours.
    expect(notificationDeadline(AWARE)).toBe('2026-03-30T16:00:00.000Z');
  });

  it('is late only after the 72 hours', () => {
    expect(isLate(AWARE, after(72).toISOString())).toBe(false);
    expect(isLate(AWARE, new Date(after(72).getTime() + 1).toISOString())).toBe(true);
    expect(isLate(AWARE, after(1).toISOString())).toBe(false);
  });

  it('runs, is near with less than 24 hours left, and is overdue after the deadline', () => {
    const open = { becameAwareAt: AWARE, risk: 'high' as const, initialNotifiedAt: null };
    expect(breachClock(open, after(0))).toEqual({ deadline: '2026-03-30T16:00:00.000Z', hoursLeft: 72, state: 'running' });
    expect(breachClock(open, after(48))).toMatchObject({ hoursLeft: 24, state: 'running' });
    expect(breachClock(open, after(48.1))).toMatchObject({ hoursLeft: 23.9, state: 'near' });
    expect(breachClock(open, after(72))).toMatchObject({ hoursLeft: 0, state: 'near' });
    expect(breachClock(open, after(72.5))).toMatchObject({ hoursLeft: -0.5, state: 'overdue' });
  });

  it('stops once notified, and marks a late notification', () => {
    expect(
      breachClock({ becameAwareAt: AWARE, risk: 'risk', initialNotifiedAt: after(70).toISOString() }, after(100)),
    ).toMatchObject({ hoursLeft: null, state: 'notified' });
    expect(
      breachClock({ becameAwareAt: AWARE, risk: 'risk', initialNotifiedAt: after(80).toISOString() }, after(100)),
    ).toMatchObject({ hoursLeft: null, state: 'notified_late' });
  });

  it('needs no notification when a breach is unlikely to result in a risk, unless one was made', () => {
    expect(breachClock({ becameAwareAt: AWARE, risk: 'none', initialNotifiedAt: null }, after(500))).toMatchObject({
      hoursLeft: null,
      state: 'not_required',
    });
    expect(breachClock({ becameAwareAt: AWARE, risk: 'none', initialNotifiedAt: after(2).toISOString() }, after(500)).state).toBe(
      'notified',
    );
  });
});

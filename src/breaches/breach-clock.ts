import type { ClockState, Risk } from './breach.schema.ts';

const HOUR_MS = 3_600_000;

/** Art. 33(1): notify the supervisory authority without undue delay and, where feasible, within 72 hours. */
export const NOTIFY_WITHIN_HOURS = 72;

/** Less than this left: the clock is flagged `near`. */
export const NEAR_HOURS = 24;

/** The moment the 72 hours of Art. 33(1) end: counted from awareness, in hours, weekends included. */
export function notificationDeadline(becameAwareAt: string): string {
  return new Date(Date.parse(becameAwareAt) + NOTIFY_WITHIN_HOURS * HOUR_MS).toISOString();
}

/** Whether a notification at this moment comes after the 72 hours (and so needs its reasons, Art. 33(1)). */
export function isLate(becameAwareAt: string, notifiedAt: string): boolean {
  return Date.parse(notifiedAt) > Date.parse(notificationDeadline(becameAwareAt));
}

export interface BreachClock {
  deadline: string;
  /** Hours left (negative once past), to one decimal; null once notified or when no notification is due. */
  hoursLeft: number | null;
  state: ClockState;
}

/**
 * Where a breach stands against the 72 hours. A breach unlikely to result in a risk need not be notified
 * (Art. 33(1)), unless it was anyway; once the initial notification is recorded the clock stops.
 */
export function breachClock(
  breach: { becameAwareAt: string; risk: Risk; initialNotifiedAt: string | null },
  now: Date,
): BreachClock {
  const deadline = notificationDeadline(breach.becameAwareAt);
  if (breach.initialNotifiedAt !== null) {
    return {
      deadline,
      hoursLeft: null,
      state: isLate(breach.becameAwareAt, breach.initialNotifiedAt) ? 'notified_late' : 'notified',
    };
  }
  if (breach.risk === 'none') return { deadline, hoursLeft: null, state: 'not_required' };
  const hoursLeft = Math.round(((Date.parse(deadline) - now.getTime()) / HOUR_MS) * 10) / 10;
  const state: ClockState = now.getTime() > Date.parse(deadline) ? 'overdue' : hoursLeft < NEAR_HOURS ? 'near' : 'running';
  return { deadline, hoursLeft, state };
}

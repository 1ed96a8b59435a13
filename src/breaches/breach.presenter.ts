import type { BreachNotificationRow, BreachRow } from '../db/types.ts';
import { breachClock, isLate } from './breach-clock.ts';
import type { Breach, Notification } from './breach.schema.ts';

export interface LetterCounts {
  queued: number;
  sent: number;
  failed: number;
}

export const NO_LETTERS: LetterCounts = { queued: 0, sent: 0, failed: 0 };

export function presentNotification(row: BreachNotificationRow, becameAwareAt: string): Notification {
  return {
    id: row.id,
    phase: row.phase,
    notifiedAt: row.notified_at,
    reference: row.reference,
    summary: row.summary,
    lateReason: row.late_reason,
    late: row.phase === 'initial' && isLate(becameAwareAt, row.notified_at),
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  };
}

/** A breach with its clock as of `now`, its notifications (oldest first), exemption and letters. */
export function presentBreach(row: BreachRow, notifications: BreachNotificationRow[], letters: LetterCounts, now: Date): Breach {
  const risk = row.risk;
  const initial = notifications.find((n) => n.phase === 'initial');
  return {
    id: row.id,
    becameAwareAt: row.became_aware_at,
    description: row.description,
    subjectCategories: JSON.parse(row.subject_categories) as string[],
    dataCategories: JSON.parse(row.data_categories) as string[],
    approxSubjects: Number(row.approx_subjects),
    approxRecords: Number(row.approx_records),
    consequences: row.consequences,
    measures: row.measures,
    risk,
    clock: breachClock({ becameAwareAt: row.became_aware_at, risk, initialNotifiedAt: initial?.notified_at ?? null }, now),
    notifications: notifications.map((n) => presentNotification(n, row.became_aware_at)),
    exemption:
      row.exemption_ground === null
        ? null
        : {
            ground: row.exemption_ground,
            motivation: row.exemption_motivation ?? '',
            publicNotice:
              row.public_notice_on === null
                ? null
                : { publishedOn: row.public_notice_on, where: row.public_notice_where ?? '', text: row.public_notice_text ?? '' },
            recordedAt: row.exemption_recorded_at ?? '',
            recordedBy: row.exemption_recorded_by ?? '',
          },
    letters,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    updatedAt: row.updated_at,
  };
}

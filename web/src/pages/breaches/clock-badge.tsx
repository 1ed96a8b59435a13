import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Breach } from './types.ts';

const COLOURS: Record<string, string> = {
  running: 'blue',
  near: 'orange',
  overdue: 'red',
  notified: 'green',
  notified_late: 'yellow',
  not_required: 'gray',
};

/** The 72-hour clock (Art. 33(1)): near (under 24 hours left) and overdue stand out. */
export function ClockBadge({ clock }: { clock: Breach['clock'] }) {
  const { t } = useI18n();
  const loud = clock.state === 'near' || clock.state === 'overdue';
  return (
    <StateBadge color={COLOURS[clock.state] ?? 'gray'} alarm={clock.state === 'overdue'} fw={loud ? 800 : undefined}>
      {t(`breaches.clock.${clock.state}`)}
      {clock.hoursLeft !== null && clock.hoursLeft > 0 && (clock.state === 'running' || clock.state === 'near')
        ? ` · ${t('breaches.hoursLeft', { hours: Math.floor(clock.hoursLeft) })}`
        : ''}
    </StateBadge>
  );
}

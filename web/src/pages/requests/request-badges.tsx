import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

const COLOURS: Record<string, string> = {
  received: 'blue',
  verification_sent: 'cyan',
  verified: 'indigo',
  decided: 'violet',
  awaiting_release: 'grape',
  answered: 'green',
  withdrawn: 'gray',
  unverifiable: 'orange',
};

/** Where a request stands, as a badge (light variant: dark text on a light shade passes contrast). */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return <StateBadge color={COLOURS[status] ?? 'gray'}>{t(`requests.status.${status}`)}</StateBadge>;
}

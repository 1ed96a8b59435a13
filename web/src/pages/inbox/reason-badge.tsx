import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

const COLOURS: Record<string, string> = {
  not_addressed: 'blue',
  no_sender: 'gray',
  automatic: 'gray',
  bulk: 'gray',
  closed: 'indigo',
  dmarc_failed: 'red',
  restricted: 'grape',
  refused: 'red',
};

/** Why a mail waits for staff, as a badge. */
export function ReasonBadge({ reason }: { reason: string }) {
  const { t } = useI18n();
  return <StateBadge color={COLOURS[reason] ?? 'gray'}>{t(`inbox.reason.${reason}`)}</StateBadge>;
}

import { Text } from '@mantine/core';
import { useI18n } from '../../i18n/i18n.tsx';
import type { StartPage } from './types.ts';

type Finding = NonNullable<StartPage['selfCheck']>['findings'][number];

/**
 * A finding of the self-check in words a privacy officer understands (issue 19): the measure and what is wrong, from
 * the back office's own texts per check. The check's message names settings and commands; it stays folded away,
 * marked as the administrator's note. A check these texts do not know yet shows its message as it is.
 */
export function SelfCheckFinding({ finding }: { finding: Finding }) {
  const { t, language } = useI18n();
  const known = (key: string, params?: Record<string, string>) => {
    const text = t(key, params);
    return text === key ? null : text;
  };
  const measure = known(`selfCheck.${finding.id}.measure`);
  const words =
    measure === null
      ? null
      : finding.severity === 'unknown'
        ? known('selfCheck.unknown', { measure })
        : known(`selfCheck.${finding.id}.problem`);
  if (words === null) return <>{finding.message[language]}</>;
  return (
    <>
      {words}
      <details>
        <Text component="summary" size="xs" c="gray.7" style={{ cursor: 'pointer' }}>
          {t('selfCheck.forAdministrator')}
        </Text>
        <Text size="xs" c="gray.7">
          {finding.message[language]}
        </Text>
      </details>
    </>
  );
}

import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { KeptTable } from '../requests/erasure-records.tsx';
import type { ErasureHistory } from '../requests/erasure-types.ts';

/**
 * After an erasure (Art. 17) the customer page says so: which request, when, and what is still kept, why and until
 * when. Nothing when the person never had data erased on request.
 */
export function ErasureNotice({ subjectId }: { subjectId: string }) {
  const { t, date } = useI18n();
  const history = useApi<ErasureHistory>(`/api/subjects/${subjectId}/erasures`);
  const h = history.data;
  if (h === undefined || h.erasures.length === 0) return null;
  return (
    <Paper withBorder p="md" bg="orange.0" component="section" aria-label={t('erasure.history.title')}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('erasure.history.title')}
        </Title>
        {h.erasures.map((e) => (
          <Text key={e.requestId}>
            <Anchor component={Link} to={`/requests/${e.requestId}`}>
              {t('erasure.history.request', {
                reference: e.reference,
                date: date(e.decidedAt, true),
                decision: t(`requests.decision.${e.decision}`).toLowerCase(),
                count: e.erasedRecords,
              })}
            </Anchor>
          </Text>
        ))}
        <Text fw={600} size="sm">
          {t('erasure.history.kept')}
        </Text>
        <KeptTable records={h.kept} />
      </Stack>
    </Paper>
  );
}

import { Table, Text } from '@mantine/core';
import { useApi } from '../../api/use-api.ts';
import { Loaded } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { DashboardCard } from './dashboard-card.tsx';
import type { Forecast } from './types.ts';

/** What the retention sweep will delete in the next 30 days, per rule (P3-P5). */
export function RetentionCard() {
  const { t, date } = useI18n();
  const labels = useLabels();
  const forecast = useApi<Forecast>('/api/retention/forecast?days=30');
  return (
    <DashboardCard title={t('dashboard.retention')} link={{ to: '/retention', label: t('dashboard.toRetention') }}>
      <Loaded data={forecast.data} error={forecast.error}>
        {(f) => {
          const rules = f.rules.filter((r) => r.total > 0);
          return (
            <>
              <Text size="sm" c="gray.7">
                {t('dashboard.forecastPeriod', { from: date(f.from), to: date(f.to) })}
              </Text>
              {rules.length === 0 ? (
                <Text>{t('dashboard.nothingDue')}</Text>
              ) : (
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('dashboard.rule')}</Table.Th>
                      <Table.Th style={{ textAlign: 'right' }}>{t('dashboard.records')}</Table.Th>
                      <Table.Th>{t('dashboard.firstDate')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rules.map((r) => (
                      <Table.Tr key={r.rule}>
                        <Table.Td>{labels.rule(r.rule)}</Table.Td>
                        <Table.Td style={{ textAlign: 'right' }}>{r.total}</Table.Td>
                        <Table.Td>{date(r.dates[0]?.date)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </>
          );
        }}
      </Loaded>
    </DashboardCard>
  );
}

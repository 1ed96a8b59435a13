import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Text, VisuallyHidden } from '@mantine/core';
import { useApi } from '../../api/use-api.ts';
import { Loaded } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { DashboardCard } from './dashboard-card.tsx';
import type { DeletionsPerMonth, RequestsPerMonth } from './types.ts';

// The plots are pictures for the eye (aria-hidden, the numbers are in a hidden table): recharts must not make them focusable.
const NOT_FOCUSABLE = { accessibilityLayer: false };
// Counts: no 0.25 of a request on the axis.
const WHOLE_NUMBERS = { allowDecimals: false };

/** 'YYYY-MM' as a short month and year in the language. */
function monthLabel(month: string, language: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString(language === 'nl' ? 'nl-NL' : 'en-GB', {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });
}

/** The plot's numbers as a table for screen readers: a picture alone tells them nothing. */
function HiddenTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: (string | number)[][] }) {
  return (
    <VisuallyHidden>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={String(r[0])}>
              {r.map((v, i) => (
                <td key={`${columns[i] ?? i}`}>{v}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </VisuallyHidden>
  );
}

/** Requests received and answered per month, and the median days to answer (Art. 12(3): within a month). */
export function RequestsPlot() {
  const { t, language } = useI18n();
  const stats = useApi<RequestsPerMonth>('/api/statistics/requests-per-month?months=12');
  return (
    <DashboardCard title={t('dashboard.requestsPerMonth')}>
      <Loaded data={stats.data} error={stats.error}>
        {({ months }) => {
          const data = months.map((m) => ({
            month: monthLabel(m.month, language),
            received: m.received,
            answered: m.answered,
            late: m.answeredLate,
            days: m.medianDaysToAnswer,
          }));
          const received = t('dashboard.received');
          const answered = t('dashboard.answered');
          const late = t('dashboard.answeredLate');
          const days = t('dashboard.medianDays');
          return (
            <>
              <div aria-hidden="true">
                <BarChart
                  h={220}
                  data={data}
                  dataKey="month"
                  withLegend
                  barChartProps={NOT_FOCUSABLE}
                  yAxisProps={WHOLE_NUMBERS}
                  series={[
                    { name: 'received', label: received, color: 'indigo.8' },
                    { name: 'answered', label: answered, color: 'teal.7' },
                    { name: 'late', label: late, color: 'red.8' },
                  ]}
                />
                <Text size="sm" c="gray.7" mt="sm">
                  {days}
                </Text>
                <LineChart
                  h={160}
                  data={data}
                  dataKey="month"
                  lineChartProps={NOT_FOCUSABLE}
                  connectNulls
                  unit={` ${t('dashboard.daysUnit')}`}
                  referenceLines={[{ y: 30, label: t('dashboard.oneMonth'), color: 'red.8' }]}
                  series={[{ name: 'days', label: days, color: 'indigo.8' }]}
                />
              </div>
              <HiddenTable
                caption={t('dashboard.requestsPerMonth')}
                columns={[t('dashboard.month'), received, answered, late, days]}
                rows={months.map((m) => [
                  monthLabel(m.month, language),
                  m.received,
                  m.answered,
                  m.answeredLate,
                  m.medianDaysToAnswer ?? '–',
                ])}
              />
            </>
          );
        }}
      </Loaded>
    </DashboardCard>
  );
}

/** Records deleted per month, by erasure requests and by the retention sweep (the erasure ledger). */
export function DeletionsPlot() {
  const { t, language } = useI18n();
  const stats = useApi<DeletionsPerMonth>('/api/statistics/deletions-per-month?months=12');
  return (
    <DashboardCard title={t('dashboard.deletionsPerMonth')}>
      <Loaded data={stats.data} error={stats.error}>
        {({ months }) => {
          const erasure = t('dashboard.byErasure');
          const retention = t('dashboard.byRetention');
          return (
            <>
              <div aria-hidden="true">
                <BarChart
                  h={220}
                  type="stacked"
                  withLegend
                  data={months.map((m) => ({ month: monthLabel(m.month, language), erasure: m.erasure, retention: m.retention }))}
                  dataKey="month"
                  barChartProps={NOT_FOCUSABLE}
                  yAxisProps={WHOLE_NUMBERS}
                  series={[
                    { name: 'erasure', label: erasure, color: 'indigo.8' },
                    { name: 'retention', label: retention, color: 'gray.6' },
                  ]}
                />
              </div>
              <HiddenTable
                caption={t('dashboard.deletionsPerMonth')}
                columns={[t('dashboard.month'), erasure, retention, t('dashboard.customersRemoved')]}
                rows={months.map((m) => [monthLabel(m.month, language), m.erasure, m.retention, m.subjects])}
              />
            </>
          );
        }}
      </Loaded>
    </DashboardCard>
  );
}

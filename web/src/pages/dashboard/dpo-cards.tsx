import { Anchor, Badge, Group, List, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../api/use-api.ts';
import { Loaded } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { DashboardCard } from './dashboard-card.tsx';
import type { BreachSummary, Forecast, Recipient, SelfChecks } from './types.ts';

const CLOCK_COLOR: Record<BreachSummary['clock']['state'], string> = {
  running: 'blue',
  near: 'orange.6',
  overdue: 'red.9',
  notified: 'teal.9',
  notified_late: 'orange.6',
  not_required: 'gray.7',
};

/** Breaches whose notification to the AP is still due, with the 72-hour clock (Art. 33(1)). */
export function BreachesCard() {
  const { t, date } = useI18n();
  const list = useApi<{ breaches: BreachSummary[] }>('/api/breaches?open=true');
  return (
    <DashboardCard title={t('dashboard.breaches')} link={{ to: '/breaches', label: t('dashboard.allBreaches') }}>
      <Loaded data={list.data} error={list.error}>
        {({ breaches }) =>
          breaches.length === 0 ? (
            <Text>{t('dashboard.noOpenBreaches')}</Text>
          ) : (
            <List spacing="xs" listStyleType="none" p={0}>
              {breaches.map((b) => (
                <List.Item key={b.id}>
                  <Group gap="xs" wrap="nowrap" align="start">
                    <Badge color={CLOCK_COLOR[b.clock.state]} variant="filled" autoContrast miw={110}>
                      {b.clock.hoursLeft === null
                        ? t(`dashboard.clock.${b.clock.state}`)
                        : b.clock.hoursLeft < 0
                          ? t('dashboard.hoursLate', { hours: Math.ceil(-b.clock.hoursLeft) })
                          : t('dashboard.hoursLeft', { hours: Math.floor(b.clock.hoursLeft) })}
                    </Badge>
                    <div>
                      <Anchor component={Link} to={`/breaches/${b.id}`}>
                        {b.description.length > 80 ? `${b.description.slice(0, 80)}…` : b.description}
                      </Anchor>
                      <Text size="sm" c="gray.7">
                        {t('dashboard.notifyBefore', { date: date(b.clock.deadline, true) })}
                      </Text>
                    </div>
                  </Group>
                </List.Item>
              ))}
            </List>
          )
        }
      </Loaded>
    </DashboardCard>
  );
}

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

const SEVERITY_COLOR = { ok: 'cyan', warning: 'grape', error: 'red', unknown: 'gray' } as const;

/** The newest self-check of the security measures (BEVEILIGING: "checked regularly"). */
export function SelfCheckCard() {
  const { t, date, language } = useI18n();
  const checks = useApi<SelfChecks>('/api/self-checks?limit=1');
  return (
    <DashboardCard title={t('dashboard.selfCheck')}>
      <Loaded data={checks.data} error={checks.error}>
        {({ latest }) =>
          latest === null ? (
            <Text>{t('dashboard.noSelfCheck')}</Text>
          ) : (
            <>
              <Group gap="xs">
                <Badge
                  color={latest.errors > 0 ? 'red.9' : latest.warnings > 0 ? 'orange.6' : 'teal.9'}
                  variant="filled"
                  autoContrast
                >
                  {latest.errors > 0
                    ? t('dashboard.selfCheckErrors', { n: latest.errors })
                    : latest.warnings > 0
                      ? t('dashboard.selfCheckWarnings', { n: latest.warnings })
                      : t('dashboard.selfCheckOk')}
                </Badge>
                <Text size="sm" c="gray.7">
                  {t('dashboard.ranAt', { date: date(latest.finishedAt, true) })}
                </Text>
              </Group>
              <List spacing={4} size="sm" listStyleType="none" p={0}>
                {latest.checks
                  .filter((c) => c.severity !== 'ok')
                  .slice(0, 6)
                  .map((c) => (
                    <List.Item key={c.id}>
                      <Badge size="xs" color={SEVERITY_COLOR[c.severity]} variant="light" mr={6}>
                        {t(`dashboard.severity.${c.severity}`)}
                      </Badge>
                      {language === 'nl' ? c.messageNl : c.message}
                    </List.Item>
                  ))}
              </List>
            </>
          )
        }
      </Loaded>
    </DashboardCard>
  );
}

const DAY = 86_400_000;
/** Processor agreements ending within this many days are shown (Art. 28(3): no processor without one). */
const EXPIRY_WINDOW_DAYS = 60;

/**
 * Every active processor the register must hold an agreement with: the processor companies of a category that
 * names its companies (the storage provider's too), else the processor category itself.
 */
function processors(
  recipients: Recipient[],
  language: 'nl' | 'en',
): { id: string; label: string; agreement: Recipient['agreement'] }[] {
  return recipients
    .filter((r) => r.active)
    .flatMap((r) => {
      const companies = r.companies.filter((c) => c.active);
      if (companies.length === 0)
        return r.role === 'processor' ? [{ id: r.id, label: r.name[language], agreement: r.agreement }] : [];
      return companies
        .filter((c) => c.role === 'processor')
        .map((c) => ({ id: `${r.id}/${c.id}`, label: `${c.legalName} (${r.name[language]})`, agreement: c.agreement }));
    });
}

/** Processors whose agreement ends soon, has ended, or is missing. */
export function ProcessorAgreementsCard({ linkToRegister }: { linkToRegister: boolean }) {
  const { t, date, language } = useI18n();
  const list = useApi<{ recipients: Recipient[] }>('/api/registers/recipients');
  // The moment the page opened: days left are counted from it (a render must not read the clock).
  const [now] = useState(() => Date.now());
  return (
    <DashboardCard
      title={t('dashboard.processorAgreements')}
      link={linkToRegister ? { to: '/policy', label: t('dashboard.toRegister') } : undefined}
    >
      <Loaded data={list.data} error={list.error}>
        {({ recipients }) => {
          const attention = processors(recipients, language)
            .map((r) => {
              const expires = r.agreement?.expiresOn ?? null;
              const days = expires === null ? null : Math.ceil((Date.parse(`${expires}T00:00:00Z`) - now) / DAY);
              return { r, expires, days };
            })
            .filter(({ r, days }) => r.agreement === null || (days !== null && days <= EXPIRY_WINDOW_DAYS))
            .sort((a, b) => (a.days ?? -Infinity) - (b.days ?? -Infinity));
          if (attention.length === 0) return <Text>{t('dashboard.agreementsFine', { days: EXPIRY_WINDOW_DAYS })}</Text>;
          return (
            <List spacing="xs" listStyleType="none" p={0}>
              {attention.map(({ r, expires, days }) => (
                <List.Item key={r.id}>
                  <Group gap="xs">
                    <Badge
                      color={r.agreement === null || (days !== null && days < 0) ? 'red.9' : 'orange.6'}
                      variant="filled"
                      autoContrast
                    >
                      {r.agreement === null
                        ? t('dashboard.noAgreement')
                        : days !== null && days < 0
                          ? t('dashboard.expired')
                          : t('dashboard.expiresInDays', { days: days ?? 0 })}
                    </Badge>
                    <Text>
                      {r.label}
                      {expires !== null && ` · ${date(expires)}`}
                    </Text>
                  </Group>
                </List.Item>
              ))}
            </List>
          );
        }}
      </Loaded>
    </DashboardCard>
  );
}

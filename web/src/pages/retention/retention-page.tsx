import { Alert, Button, Checkbox, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { get, post, query } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert, Loaded, Page } from '../../components/page.tsx';
import { Section } from '../../components/section.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { HoldList } from './hold-list.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { DueRecords } from './due-records.tsx';
import { Holds } from './holds.tsx';
import { readSweepSummary } from './sweep-summary.ts';

interface Forecast {
  from: string;
  to: string;
  rules: { rule: string; total: number; dates: { date: string; count: number }[] }[];
  /** Customers whose contact details go, only invoices being left of them. */
  reductions: { total: number; dates: { date: string; count: number }[] };
}
interface DryRun {
  today: string;
  subjects: number;
  total: number;
  truncated: boolean;
  subjectsToRemove: number;
  subjectsToReduce: number;
}
interface SweepResult {
  today: string;
  subjects: number;
  deleted: Record<'agreement' | 'invoice' | 'case' | 'consent' | 'message' | 'subject', number>;
  reduced: number;
}
interface LogPage {
  entries: { seq: number; at: string; recordType: string; reason: string | null }[];
}
interface LedgerPage {
  entries: {
    seq: number;
    at: string;
    kind: 'erasure' | 'retention';
    recordType: string;
    recordId: string;
    recordsWith: number;
  }[];
  next: number | null;
}

/** Retention (the dpo's): what goes when, the sweep (dry run and now), legal holds, past sweeps, the ledger. */
export function RetentionPage() {
  const { t } = useI18n();
  const [days, setDays] = useState('30');
  const forecast = useApi<Forecast>(`/api/retention/forecast${query({ days })}`);
  // The forecast answers 403 to anyone but the dpo: the whole page is refused then, not each part.
  if (forecast.error?.status === 403) {
    return (
      <Page title={t('retention.title')}>
        <ErrorAlert error={forecast.error} />
      </Page>
    );
  }
  return (
    <Page title={t('retention.title')}>
      <Section title={t('retention.forecast')}>
        <SegmentedControl
          aria-label={t('retention.forecastPeriod')}
          value={days}
          onChange={setDays}
          data={[
            { value: '30', label: t('retention.days30') },
            { value: '90', label: t('retention.days90') },
            { value: '365', label: t('retention.days365') },
          ]}
          w="fit-content"
        />
        <Loaded data={forecast.data} error={forecast.error}>
          {(f) =>
            f.rules.length === 0 && f.reductions.total === 0 ? (
              <Text>{t('retention.nothingDue')}</Text>
            ) : (
              <>
                <ForecastTable forecast={f} />
                <DueRecords
                  key={days}
                  path={`/api/retention/forecast/records${query({ days })}`}
                  caption={t('retention.forecastRecords')}
                />
              </>
            )
          }
        </Loaded>
      </Section>
      <Sweep onSwept={forecast.reload} />
      <HoldList />
      <Holds />
      <History />
      <Ledger />
    </Page>
  );
}

function ForecastTable({ forecast }: { forecast: Forecast }) {
  const { t, date } = useI18n();
  const labels = useLabels();
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('retention.rule')}</Table.Th>
            <Table.Th>{t('retention.total')}</Table.Th>
            <Table.Th>{t('retention.firstDate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {forecast.rules.map((r) => (
            <Table.Tr key={r.rule}>
              <Table.Td>{labels.rule(r.rule)}</Table.Td>
              <Table.Td>{r.total}</Table.Td>
              <Table.Td>{date(r.dates[0]?.date)}</Table.Td>
            </Table.Tr>
          ))}
          {forecast.reductions.total > 0 && (
            <Table.Tr>
              <Table.Td>{t('retention.reduction')}</Table.Td>
              <Table.Td>{forecast.reductions.total}</Table.Td>
              <Table.Td>{date(forecast.reductions.dates[0]?.date)}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Sweep({ onSwept }: { onSwept: () => void }) {
  const { t, date } = useI18n();
  const [confirmed, setConfirmed] = useState(false);
  const [dry, setDry] = useState<DryRun>();
  const [result, setResult] = useState<SweepResult>();
  const [dryRound, setDryRound] = useState(0);
  const dryRun = useAction(
    useCallback(() => get<DryRun>('/api/retention/dry-run'), []),
    useCallback((d: DryRun) => {
      setDry(d);
      setDryRound((n) => n + 1);
    }, []),
  );
  const run = useAction(
    useCallback(() => post<SweepResult>('/api/retention/run'), []),
    useCallback(
      (r: SweepResult) => {
        setResult(r);
        setDry(undefined);
        setConfirmed(false);
        onSwept();
      },
      [onSwept],
    ),
  );
  return (
    <Section title={t('retention.sweep')} intro={t('retention.sweepIntro')}>
      <Group>
        <Button variant="light" loading={dryRun.busy} onClick={() => void dryRun.run()}>
          {t('retention.dryRun')}
        </Button>
      </Group>
      <ErrorAlert error={dryRun.error} />
      {dry !== undefined && (
        <Stack gap="xs">
          <Alert color="blue" role="status">
            {t('retention.dryRunResult', {
              today: date(dry.today),
              total: dry.total,
              subjects: dry.subjects,
              remove: dry.subjectsToRemove,
              reduce: dry.subjectsToReduce,
            })}
          </Alert>
          {dry.total > 0 && (
            <DueRecords
              key={dry.today + String(dryRound)}
              path="/api/retention/dry-run/records"
              caption={t('retention.dryRunRecords')}
            />
          )}
        </Stack>
      )}
      <Group>
        <Checkbox label={t('retention.confirmRun')} checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} />
        <Button color="red.9" disabled={!confirmed} loading={run.busy} onClick={() => void run.run()}>
          {t('retention.runNow')}
        </Button>
      </Group>
      <ErrorAlert error={run.error} />
      {result !== undefined && (
        <Alert color="green" role="status">
          {t('retention.runResult', { today: date(result.today), ...result.deleted, reduced: result.reduced })}
        </Alert>
      )}
    </Section>
  );
}

/** Past sweeps: the summary each wrote to the processing log (src/retention/sweep.ts). */
function History() {
  const { t, date } = useI18n();
  const log = useApi<LogPage>(`/api/processing-log${query({ actorId: 'retention-sweep', operation: 'erase', limit: 200 })}`);
  return (
    <Section title={t('retention.history')}>
      <Loaded data={log.data} error={log.error}>
        {({ entries }) => {
          const runs = entries.filter((e) => e.recordType === 'retention').slice(0, 20);
          if (runs.length === 0) return <Text>{t('retention.noHistory')}</Text>;
          return (
            <Table.ScrollContainer minWidth={560}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('retention.when')}</Table.Th>
                    <Table.Th>{t('retention.summary')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {runs.map((e) => (
                    <Table.Tr key={e.seq}>
                      <Table.Td>{date(e.at, true)}</Table.Td>
                      <Table.Td>{sweepSummary(e.reason, t, date)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          );
        }}
      </Loaded>
    </Section>
  );
}

// The summary the sweep writes to the log, kept as written there: read back into numbers (sweep-summary.ts) to
// say it in the page's language.
function sweepSummary(
  reason: string | null,
  t: (key: string, values?: Record<string, string | number>) => string,
  date: (iso: string) => string,
): string {
  const summary = readSweepSummary(reason);
  if (summary === null) return reason ?? '';
  return t('retention.sweepSummary', { ...summary, today: date(summary.today) });
}

function Ledger() {
  const { t, date } = useI18n();
  const labels = useLabels();
  const [after, setAfter] = useState(0);
  const ledger = useApi<LedgerPage>(`/api/erasure-ledger${query({ after, limit: 50 })}`);
  return (
    <Section title={t('retention.ledger')} intro={t('retention.ledgerIntro')}>
      <Loaded data={ledger.data} error={ledger.error}>
        {({ entries, next }) =>
          entries.length === 0 ? (
            <Text>{t('retention.noLedger')}</Text>
          ) : (
            <Stack gap="xs">
              <Table.ScrollContainer minWidth={640}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('retention.when')}</Table.Th>
                      <Table.Th>{t('retention.kind')}</Table.Th>
                      <Table.Th>{t('retention.recordType')}</Table.Th>
                      <Table.Th>{t('retention.ledgerRecord')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {entries.map((e) => (
                      <Table.Tr key={e.seq}>
                        <Table.Td>{date(e.at, true)}</Table.Td>
                        <Table.Td>
                          <StateBadge color={e.kind === 'erasure' ? 'violet' : 'gray'}>
                            {t(`retention.kind.${e.kind}`)}
                          </StateBadge>
                        </Table.Td>
                        <Table.Td>{labels.recordType(e.recordType)}</Table.Td>
                        <Table.Td>
                          {/* The record is gone; its opaque id only serves a restore from backup: folded away, not read. */}
                          <details>
                            <Text component="summary" size="xs" c="gray.7" style={{ cursor: 'pointer' }}>
                              {t('retention.recordIdForRestore')}
                            </Text>
                            <Text size="xs" ff="monospace">
                              {e.recordId}
                            </Text>
                          </details>
                          {e.recordsWith > 0 && <Text size="xs">{t('retention.recordsWith', { n: e.recordsWith })}</Text>}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {next !== null && (
                <Group>
                  <Button variant="subtle" onClick={() => setAfter(next)}>
                    {t('retention.more')}
                  </Button>
                </Group>
              )}
            </Stack>
          )
        }
      </Loaded>
    </Section>
  );
}

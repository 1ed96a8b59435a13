import { Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { postForDownload, query } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert, Loaded, Page } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { money } from '../customers/format.ts';
import { InvoiceTable } from '../customers/invoices-section.tsx';
import type { Invoice } from '../customers/types.ts';
import { OverdueInvoices } from './overdue-invoices.tsx';
import { DateField } from '../../components/date-field.tsx';

/** The first and last day of the current quarter: what the accounts ask for. */
function thisQuarter(): { from: string; to: string } {
  const now = new Date();
  const first = Math.floor(now.getMonth() / 3) * 3;
  const pad = (n: number) => String(n).padStart(2, '0');
  const last = new Date(now.getFullYear(), first + 3, 0).getDate();
  return { from: `${now.getFullYear()}-${pad(first + 1)}-01`, to: `${now.getFullYear()}-${pad(first + 3)}-${pad(last)}` };
}

/** Issued invoices of a period (GET /api/invoices), for staff and the accountant; the fiscal export for the accountant and dpo. */
export function InvoicesPage() {
  const { t, language } = useI18n();
  const { session } = useSession();
  const [period, setPeriod] = useState(thisQuarter);
  const [shown, setShown] = useState(period);
  const list = useApi<{ invoices: Invoice[] }>(`/api/invoices${query(shown)}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setShown(period);
  };
  const mayExport = session?.role === 'accountant' || session?.role === 'dpo';
  return (
    <Page title={t('nav.invoices')}>
      <form onSubmit={submit} aria-label={t('records.period')}>
        <Group align="end">
          <DateField label={t('records.from')} required value={period.from} onChange={(v) => setPeriod({ ...period, from: v })} />
          <DateField label={t('records.to')} required value={period.to} onChange={(v) => setPeriod({ ...period, to: v })} />
          <Button type="submit">{t('records.show')}</Button>
        </Group>
      </form>
      <Loaded data={list.data} error={list.error}>
        {({ invoices }) => (
          <Stack>
            <Text c="gray.7">
              {t('records.invoicesInPeriod', {
                count: invoices.length,
                total: money(
                  invoices.reduce((sum, i) => sum + i.totalInclCents, 0),
                  'EUR',
                  language,
                ),
              })}
            </Text>
            {invoices.length > 0 && <InvoiceTable invoices={invoices} withName />}
          </Stack>
        )}
      </Loaded>
      <OverdueInvoices />
      {mayExport && <FiscalExport period={shown} />}
    </Page>
  );
}

/** The issued invoices of the period for the accounting firm, logged as a disclosure per person (P7). */
function FiscalExport({ period }: { period: { from: string; to: string } }) {
  const { t } = useI18n();
  const [format, setFormat] = useState('csv');
  const run = useAction(() => postForDownload('/api/fiscal-exports', { ...period, format }, `invoices.${format}`));
  return (
    <Paper withBorder p="md" id="fiscal-export">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('records.fiscalExport')}
        </Title>
        <Text c="gray.7">{t('records.fiscalExportIntro')}</Text>
        <ErrorAlert error={run.error} />
        <Group align="end">
          <Select
            label={t('records.format')}
            value={format}
            allowDeselect={false}
            onChange={(v) => setFormat(v ?? 'csv')}
            data={[
              { value: 'csv', label: 'CSV' },
              { value: 'zip', label: t('records.formatZip') },
            ]}
          />
          <Button loading={run.busy} onClick={() => void run.run()}>
            {t('records.download')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

import { Anchor, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Invoice } from '../../../../src/invoices/invoice.schema.ts';
import { postForDownload } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ListTable, useListParams } from '../../components/list-table.tsx';
import { ErrorAlert, Page } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { can, useSession } from '../../session/session.tsx';
import { money } from '../customers/format.ts';
import { CustomerFilter } from './customer-filter.tsx';
import { InvoiceStatus } from './invoices-section.tsx';
import { OverdueInvoices } from './overdue-invoices.tsx';

/** The first and last day of the current quarter: what the accounts ask for. */
function thisQuarter(): { from: string; to: string } {
  const now = new Date();
  const first = Math.floor(now.getMonth() / 3) * 3;
  const pad = (n: number) => String(n).padStart(2, '0');
  const last = new Date(now.getFullYear(), first + 3, 0).getDate();
  return { from: `${now.getFullYear()}-${pad(first + 1)}-01`, to: `${now.getFullYear()}-${pad(first + 3)}-${pad(last)}` };
}

/**
 * Invoices by customer, number, status and issue date, newest first (GET /api/invoices), for staff and the
 * accountant; the filters, sort and page are in the address (issue 19). The fiscal export for the accountant and dpo takes the
 * period of the filter, or this quarter.
 */
export function InvoicesPage() {
  const { t, date, language } = useI18n();
  const { session } = useSession();
  const state = useListParams();
  const quarter = thisQuarter();
  const period = { from: state.get('from') || quarter.from, to: state.get('to') || quarter.to };
  const mayExport = can(session, 'fiscal_export');
  // A role that reads fiscal data only, not the customers (the accountant): no customer to search for.
  const byCustomer = can(session, 'customers');
  const customer = state.get('customer');
  return (
    <Page title={t('nav.invoices')}>
      {byCustomer && <CustomerFilter />}
      <ListTable<Invoice>
        path="/api/invoices"
        fixed={byCustomer && customer !== '' ? { customer } : {}}
        label={t('nav.invoices')}
        defaultSort="issueDate"
        defaultOrder="desc"
        rowKey={(i) => i.id}
        empty={t('records.noInvoicesFound')}
        minWidth={700}
        filters={[
          { name: 'number', label: t('records.invoiceNumber'), text: true },
          { name: 'from', label: t('invoices.issuedFrom'), text: true, type: 'date' },
          { name: 'to', label: t('invoices.issuedUntil'), text: true, type: 'date' },
          {
            name: 'status',
            label: t('records.status'),
            options: (['draft', 'issued'] as const).map((s) => ({ value: s, label: t(`records.invoiceStatus.${s}`) })),
          },
        ]}
        columns={[
          {
            label: t('records.invoiceNumber'),
            sort: 'number',
            cell: (i) => (
              <Anchor component={Link} to={`/invoices/${i.id}`}>
                {i.number ?? t('records.draftInvoice')}
              </Anchor>
            ),
          },
          { label: t('records.billedTo'), sort: 'name', cell: (i) => i.billing.name },
          {
            label: t('records.status'),
            cell: (i) => (
              <Group gap={4}>
                <InvoiceStatus invoice={i} />
              </Group>
            ),
          },
          { label: t('records.issueDate'), sort: 'issueDate', cell: (i) => date(i.issueDate) },
          { label: t('records.reference'), cell: (i) => i.reference ?? '–' },
          { label: t('records.totalIncl'), sort: 'total', cell: (i) => money(i.totalInclCents, i.currency, language) },
        ]}
      />
      <OverdueInvoices />
      {mayExport && <FiscalExport period={period} />}
    </Page>
  );
}

/** The issued invoices of the period for the accounting firm, logged as a disclosure per person (P7). */
function FiscalExport({ period }: { period: { from: string; to: string } }) {
  const { t, date } = useI18n();
  const [format, setFormat] = useState('csv');
  const run = useAction(() => postForDownload('/api/fiscal-exports', { ...period, format }, `invoices.${format}`));
  return (
    <Paper withBorder p="md" id="fiscal-export">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('records.fiscalExport')}
        </Title>
        <Text c="gray.7">{t('records.fiscalExportIntro')}</Text>
        <Text>{t('records.fiscalExportPeriod', { from: date(period.from), to: date(period.to) })}</Text>
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

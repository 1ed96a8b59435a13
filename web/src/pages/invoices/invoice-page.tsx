import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert, Loaded, Page } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { isStaff, useSession } from '../../session/session.tsx';
import { money } from '../customers/format.ts';
import { InvoiceStatus } from '../customers/invoices-section.tsx';
import type { Invoice } from '../customers/types.ts';

/** One invoice with its lines; staff issue a draft (it is immutable from then on) or credit an issued one. */
export function InvoicePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const invoice = useApi<Invoice>(`/api/invoices/${id}`);
  return (
    <Loaded data={invoice.data} error={invoice.error}>
      {(i) => (
        <Page title={i.number === null ? t('records.draftInvoice') : t('records.invoiceTitle', { number: i.number })} actions={<InvoiceActions invoice={i} reload={invoice.reload} />}>
          <InvoiceView invoice={i} />
        </Page>
      )}
    </Loaded>
  );
}

function InvoiceActions({ invoice, reload }: { invoice: Invoice; reload: () => void }) {
  const { t } = useI18n();
  const { session } = useSession();
  const navigate = useNavigate();
  const [completedOn, setCompletedOn] = useState(invoice.completedOn ?? '');
  const issue = useAction(() => post<Invoice>(`/api/invoices/${invoice.id}/issue`, completedOn === '' ? {} : { completedOn }), reload);
  const credit = useAction(() => post<Invoice>(`/api/invoices/${invoice.id}/credit`), (c) => void navigate(`/invoices/${c.id}`));
  if (!isStaff(session)) return null;
  return (
    <Stack gap="xs" align="flex-end">
      <ErrorAlert error={issue.error ?? credit.error} />
      {invoice.status === 'draft' ? (
        <Group align="end">
          <TextInput label={t('records.completedOn')} type="date" value={completedOn} onChange={(e) => setCompletedOn(e.currentTarget.value)} />
          <Button loading={issue.busy} onClick={() => void issue.run()}>
            {t('records.issue')}
          </Button>
        </Group>
      ) : (
        invoice.creditForId === null && (
          <Button variant="light" color="grape" loading={credit.busy} onClick={() => void credit.run()}>
            {t('records.creditInvoice')}
          </Button>
        )
      )}
    </Stack>
  );
}

function InvoiceView({ invoice: i }: { invoice: Invoice }) {
  const { t, date, language } = useI18n();
  const { session } = useSession();
  const amount = (cents: number) => money(cents, i.currency, language);
  const item = (label: string, value: string) => (
    <div>
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      <Text>{value}</Text>
    </div>
  );
  return (
    <Stack>
      <Group gap="xs">
        <InvoiceStatus invoice={i} />
        {isStaff(session) && (
          <Anchor component={Link} to={`/customers/${i.subjectId}`}>
            {t('records.toCustomer')}
          </Anchor>
        )}
        {i.creditForId !== null && (
          <Anchor component={Link} to={`/invoices/${i.creditForId}`}>
            {t('records.creditedInvoice')}
          </Anchor>
        )}
      </Group>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <div>
            <Text size="sm" c="gray.7">
              {t('records.billedTo')}
            </Text>
            <Text>{i.billing.name}</Text>
            <Text>{i.billing.street}</Text>
            <Text>
              {i.billing.postalCode} {i.billing.city}, {i.billing.country}
            </Text>
          </div>
          {item(t('records.issueDate'), date(i.issueDate))}
          {item(t('records.completedOn'), date(i.completedOn))}
          {item(t('records.reference'), i.reference ?? '–')}
        </SimpleGrid>
      </Paper>
      <Table.ScrollContainer minWidth={600}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('records.description')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('records.quantity')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('records.unitPrice')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('records.vat')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('records.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {i.lines.map((l) => (
              <Table.Tr key={l.position}>
                <Table.Td>{l.description}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{l.quantity.toLocaleString(language === 'nl' ? 'nl-NL' : 'en-GB')}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{amount(l.unitPriceCents)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{l.vatRate} %</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{amount(l.amountCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={4}>{t('records.totalExcl')}</Table.Th>
              <Table.Td style={{ textAlign: 'right' }}>{amount(i.totalExclCents)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th colSpan={4}>{t('records.vat')}</Table.Th>
              <Table.Td style={{ textAlign: 'right' }}>{amount(i.vatCents)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th colSpan={4}>{t('records.totalIncl')}</Table.Th>
              <Table.Td style={{ textAlign: 'right', fontWeight: 700 }}>{amount(i.totalInclCents)}</Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      {i.status === 'issued' && <Text c="gray.7">{t('records.issuedNote')}</Text>}
    </Stack>
  );
}

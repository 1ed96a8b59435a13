import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useApi } from '../../api/use-api.ts';
import { Loaded } from '../../components/page.tsx';
import { Section } from '../../components/section.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { money } from '../customers/format.ts';
import type { Invoice } from '../customers/types.ts';
import { longDate } from './invoice-format.ts';

/** Issued invoices past their due date with something outstanding (GET /api/invoices/overdue), the longest overdue first. */
export function OverdueInvoices() {
  const { t, language } = useI18n();
  const overdue = useApi<{ invoices: Invoice[] }>('/api/invoices/overdue');
  return (
    <Section title={t('invoices.overdue')} intro={t('invoices.overdueIntro')}>
      <Loaded data={overdue.data} error={overdue.error}>
        {({ invoices }) =>
          invoices.length === 0 ? (
            <Text c="gray.7">{t('invoices.noOverdue')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table striped aria-label={t('invoices.overdue')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('records.invoiceNumber')}</Table.Th>
                    <Table.Th>{t('invoices.customer')}</Table.Th>
                    <Table.Th>{t('invoices.dueDate')}</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>{t('invoices.outstanding')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {invoices.map((i) => (
                    <Table.Tr key={i.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/invoices/${i.id}`}>
                          {i.number}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{i.billing.name}</Table.Td>
                      <Table.Td>{longDate(i.dueDate, language)}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>
                        {money(i.payment?.outstandingCents ?? 0, i.currency, language)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </Loaded>
    </Section>
  );
}

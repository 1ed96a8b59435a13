import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import { NewInvoiceButton } from './invoice-form.tsx';
import { type ContactChoice, contactNameOf } from '../organisations/contact-select.tsx';
import { money } from '../customers/format.ts';
import type { Agreement, Invoice, Subject } from '../customers/types.ts';

/** A customer's invoices (P4): drafts can change, issued ones are fiscal records kept seven years. */
export function InvoicesSection({
  subject,
  invoices,
  agreements,
  reload,
}: {
  subject: Subject;
  invoices: Invoice[];
  agreements: Agreement[];
  reload: () => void;
}) {
  const { t } = useI18n();
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="gray.7">{t('records.invoicesIntro')}</Text>
        <NewInvoiceButton subjectId={subject.id} agreements={agreements} onSaved={reload} />
      </Group>
      {invoices.length === 0 ? <Text>{t('records.noInvoices')}</Text> : <InvoiceTable invoices={invoices} />}
    </Stack>
  );
}

/** Invoices as a table, each linked to its own page; shared by the customer page and the invoice list. */
/** `contacts`: an organisation's contact persons, to show whom each invoice is addressed to. */
export function InvoiceTable({
  invoices,
  withName = false,
  contacts,
}: {
  invoices: Invoice[];
  withName?: boolean;
  contacts?: ContactChoice[];
}) {
  const { t, date, language } = useI18n();
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('records.invoiceNumber')}</Table.Th>
            {withName && <Table.Th>{t('records.billedTo')}</Table.Th>}
            {contacts !== undefined && <Table.Th>{t('organisations.contactPerson')}</Table.Th>}
            <Table.Th>{t('records.status')}</Table.Th>
            <Table.Th>{t('records.issueDate')}</Table.Th>
            <Table.Th>{t('records.reference')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('records.totalIncl')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoices.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>
                <Anchor component={Link} to={`/invoices/${i.id}`}>
                  {i.number ?? t('records.draftInvoice')}
                </Anchor>
              </Table.Td>
              {withName && <Table.Td>{i.billing.name}</Table.Td>}
              {contacts !== undefined && <Table.Td>{contactNameOf(contacts, i.contactId)}</Table.Td>}
              <Table.Td>
                <Group gap={4}>
                  <InvoiceStatus invoice={i} />
                </Group>
              </Table.Td>
              <Table.Td>{date(i.issueDate)}</Table.Td>
              <Table.Td>{i.reference ?? '–'}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{money(i.totalInclCents, i.currency, language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function InvoiceStatus({ invoice }: { invoice: Invoice }) {
  const { t } = useI18n();
  return (
    <>
      <Badge color={invoice.status === 'issued' ? 'cyan' : 'gray'} variant="light">
        {t(`records.invoiceStatus.${invoice.status}`)}
      </Badge>
      {invoice.creditForId !== null && (
        <Badge color="grape" variant="light">
          {t('records.credit')}
        </Badge>
      )}
    </>
  );
}

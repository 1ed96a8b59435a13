import { Anchor, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { del, post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { ErrorAlert, Loaded, Page } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { can, useSession } from '../../session/session.tsx';
import { countryName, money } from '../customers/format.ts';
import { InvoiceStatus } from './invoices-section.tsx';
import type { Invoice } from '../customers/types.ts';
import { EditInvoiceButton } from './invoice-form.tsx';
import { longDate } from './invoice-format.ts';
import { InvoiceDocuments, InvoicePayments } from './invoice-payment.tsx';
import { DateField } from '../../components/date-field.tsx';

/** One invoice with its lines; staff issue a draft (it is immutable from then on) or credit an issued one. */
export function InvoicePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const invoice = useApi<Invoice>(`/api/invoices/${id}`);
  return (
    <Loaded data={invoice.data} error={invoice.error}>
      {(i) => (
        <Page
          title={i.number === null ? t('records.draftInvoice') : t('records.invoiceTitle', { number: i.number })}
          actions={<InvoiceActions invoice={i} reload={invoice.reload} />}
        >
          <Stack>
            <InvoiceDocuments invoice={i} reload={invoice.reload} />
            <InvoiceView invoice={i} />
            <InvoicePayments invoice={i} reload={invoice.reload} />
          </Stack>
        </Page>
      )}
    </Loaded>
  );
}

/**
 * Staff act on an invoice: a draft is edited, deleted or issued; an issued invoice is credited. Issuing, crediting
 * and deleting cannot be undone (an issued number stays in the books, art. 35a Wet OB), so each asks first.
 */
function InvoiceActions({ invoice, reload }: { invoice: Invoice; reload: () => void }) {
  const { t } = useI18n();
  const { session } = useSession();
  const navigate = useNavigate();
  const [completedOn, setCompletedOn] = useState(invoice.completedOn ?? '');
  const issue = useAction(
    () => post<Invoice>(`/api/invoices/${invoice.id}/issue`, completedOn === '' ? {} : { completedOn }),
    reload,
  );
  const credit = useAction(
    () => post<Invoice>(`/api/invoices/${invoice.id}/credit`),
    (c) => void navigate(`/invoices/${c.id}`),
  );
  const remove = useAction(
    () => del(`/api/invoices/${invoice.id}`),
    () =>
      void navigate(
        invoice.subjectId === null ? `/organisations/${invoice.organisationId ?? ''}` : `/customers/${invoice.subjectId}`,
      ),
  );
  if (!can(session, 'invoicing')) return null;
  return (
    <Stack gap="xs" align="flex-end">
      <ErrorAlert error={issue.error ?? credit.error ?? remove.error} />
      {invoice.status === 'draft' ? (
        <Group align="end">
          <EditInvoiceButton draft={invoice} onSaved={reload} />
          {/* Deleting is an erasure; Sen ICT's policy leaves erasing to the dpo (least privilege). */}
          {can(session, 'delete_drafts') && (
            <ConfirmButton
              label={t('records.deleteDraft')}
              title={t('records.deleteDraftTitle')}
              confirm={t('records.deleteDraft')}
              color="red"
              variant="light"
              busy={remove.busy}
              onConfirm={remove.run}
            >
              {t('records.deleteDraftText')}
            </ConfirmButton>
          )}
          <DateField label={t('records.completedOn')} value={completedOn} onChange={(v) => setCompletedOn(v)} />
          <ConfirmButton
            label={t('records.issue')}
            title={t('records.issueTitle')}
            confirm={t('records.issueConfirm')}
            busy={issue.busy}
            onConfirm={issue.run}
          >
            {t('records.issueText')}
          </ConfirmButton>
        </Group>
      ) : (
        invoice.creditForId === null && (
          <ConfirmButton
            label={t('records.creditInvoice')}
            title={t('records.creditTitle', { number: invoice.number ?? '' })}
            confirm={t('records.creditConfirm')}
            color="grape"
            variant="light"
            busy={credit.busy}
            onConfirm={credit.run}
          >
            {t('records.creditText')}
          </ConfirmButton>
        )
      )}
    </Stack>
  );
}

function InvoiceView({ invoice: i }: { invoice: Invoice }) {
  const { t, language } = useI18n();
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
        {can(session, 'customers') && (
          <Anchor
            component={Link}
            to={i.subjectId === null ? `/organisations/${i.organisationId ?? ''}` : `/customers/${i.subjectId}`}
          >
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
              {i.billing.postalCode} {i.billing.city}, {countryName(i.billing.country, language)}
            </Text>
          </div>
          {item(t('records.issueDate'), longDate(i.issueDate, language))}
          {item(t('records.completedOn'), longDate(i.completedOn, language))}
          {item(t('records.reference'), i.reference ?? '–')}
          {/* Whom an organisation's invoice is addressed to (it is mailed to them): by name and role, as the invoice's
              own answer carries them for staff, so no id is shown and the organisation is not read for it. */}
          {i.contact !== undefined && i.contact !== null && (
            <div>
              <Text size="sm" c="gray.7">
                {t('organisations.contactPerson')}
              </Text>
              <Text>{i.contact.name}</Text>
              <Text size="sm">{i.contact.role}</Text>
            </div>
          )}
          {i.buyerVatNumber !== null && item(t('invoices.buyerVat'), i.buyerVatNumber)}
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
                <Table.Td style={{ textAlign: 'right' }}>
                  {l.quantity.toLocaleString(language === 'nl' ? 'nl-NL' : 'en-GB')}
                </Table.Td>
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
      {i.vatTreatment !== 'standard' && (
        <Text fw={600}>
          {t(`invoices.vatTreatment.${i.vatTreatment}`)}
          {i.vatExemptionReason !== null && `: ${i.vatExemptionReason}`}
        </Text>
      )}
      {i.status === 'issued' && <Text c="gray.7">{t('records.issuedNote')}</Text>}
    </Stack>
  );
}

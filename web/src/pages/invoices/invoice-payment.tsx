import { Alert, Button, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { ErrorAlert, Loaded } from '../../components/page.tsx';
import { Fact, Section } from '../../components/section.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { can, useSession } from '../../session/session.tsx';
import { money, today } from '../customers/format.ts';
import type { Invoice, Payment } from '../customers/types.ts';
import { longDate, PAYMENT_COLOR, parseAmount } from './invoice-format.ts';
import { DateField } from '../../components/date-field.tsx';

/** The documents of an invoice to download, and (staff) sending it and its reminders. */
export function InvoiceDocuments({ invoice, reload }: { invoice: Invoice; reload: () => void }) {
  const { t } = useI18n();
  const { session } = useSession();
  const [queued, setQueued] = useState<string>();
  const send = useAction(
    () => post<{ to: string }>(`/api/invoices/${invoice.id}/send`),
    (r) => setQueued(t('invoices.sent', { to: r.to })),
  );
  const remind = useAction(
    () => post<{ to: string }>(`/api/invoices/${invoice.id}/reminders`),
    (r) => {
      setQueued(t('invoices.reminded', { to: r.to }));
      reload();
    },
  );
  const issued = invoice.status === 'issued';
  return (
    <Stack gap="xs">
      <Group>
        <Button component="a" variant="light" href={`/api/invoices/${invoice.id}/pdf`} download>
          {t('invoices.downloadPdf')}
        </Button>
        {issued && (
          <Button component="a" variant="subtle" href={`/api/invoices/${invoice.id}/ubl`} download>
            {t('invoices.downloadUbl')}
          </Button>
        )}
        {issued && can(session, 'invoicing') && (
          <ConfirmButton
            label={t('invoices.send')}
            title={t('invoices.sendTitle')}
            confirm={t('invoices.sendConfirm')}
            busy={send.busy}
            onConfirm={send.run}
          >
            {t('invoices.sendText')}
          </ConfirmButton>
        )}
        {invoice.payment?.status === 'overdue' && can(session, 'invoicing') && (
          <ConfirmButton
            label={t('invoices.remind')}
            title={t('invoices.remindTitle')}
            confirm={t('invoices.remindConfirm')}
            color="red"
            variant="light"
            busy={remind.busy}
            onConfirm={remind.run}
          >
            {t('invoices.remindText')}
          </ConfirmButton>
        )}
      </Group>
      <ErrorAlert error={send.error ?? remind.error} />
      {queued !== undefined && (
        <Alert color="cyan" role="status">
          {queued}
        </Alert>
      )}
    </Stack>
  );
}

/** Due date, payment status and the payments of an issued invoice; staff record a payment received. */
export function InvoicePayments({ invoice, reload }: { invoice: Invoice; reload: () => void }) {
  const { t, language } = useI18n();
  const { session } = useSession();
  const payments = useApi<{ payments: Payment[] }>(`/api/invoices/${invoice.id}/payments`);
  const amount = (cents: number) => money(cents, invoice.currency, language);
  if (invoice.creditForId !== null) return <Text c="gray.7">{t('invoices.creditNoPayment')}</Text>;
  const payment = invoice.payment;
  if (payment === null) return null;
  return (
    <Section title={t('invoices.payment')}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        <Fact label={t('invoices.dueDate')}>{longDate(invoice.dueDate, language)}</Fact>
        <div>
          <Text size="sm" fw={600} c="gray.7">
            {t('invoices.paymentStatus')}
          </Text>
          <StateBadge color={PAYMENT_COLOR[payment.status]} alarm={payment.status === 'overdue'}>
            {t(`invoices.paymentStatus.${payment.status}`)}
          </StateBadge>
        </div>
        <Fact label={t('invoices.paid')}>{amount(payment.paidCents)}</Fact>
        <Fact label={t('invoices.outstanding')}>{amount(payment.outstandingCents)}</Fact>
      </SimpleGrid>
      <Loaded data={payments.data} error={payments.error}>
        {({ payments: list }) =>
          list.length === 0 ? (
            <Text c="gray.7">{t('invoices.noPayments')}</Text>
          ) : (
            <Table aria-label={t('invoices.payments')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('invoices.paidOn')}</Table.Th>
                  <Table.Th>{t('invoices.paymentReference')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('invoices.amount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{longDate(p.paidOn, language)}</Table.Td>
                    <Table.Td>{p.reference ?? '–'}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{amount(p.amountCents)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </Loaded>
      {can(session, 'invoicing') && payment.outstandingCents > 0 && (
        <RecordPayment
          invoiceId={invoice.id}
          onRecorded={() => {
            payments.reload();
            reload();
          }}
        />
      )}
    </Section>
  );
}

function RecordPayment({ invoiceId, onRecorded }: { invoiceId: string; onRecorded: () => void }) {
  const { t, language } = useI18n();
  const [paidOn, setPaidOn] = useState(today);
  const [text, setText] = useState('');
  const [reference, setReference] = useState('');
  const [invalid, setInvalid] = useState(false);
  const record = useAction(
    (amountCents: number) =>
      post(`/api/invoices/${invoiceId}/payments`, {
        paidOn,
        amountCents,
        ...(reference.trim() === '' ? {} : { reference: reference.trim() }),
      }),
    () => {
      setText('');
      setReference('');
      onRecorded();
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const cents = parseAmount(text, language);
    setInvalid(cents === undefined);
    if (cents !== undefined) void record.run(cents);
  };
  return (
    <form onSubmit={submit} aria-label={t('invoices.recordPayment')}>
      <Stack gap="xs">
        <Group align="start">
          <DateField label={t('invoices.paidOn')} required value={paidOn} onChange={(v) => setPaidOn(v)} />
          <TextInput
            label={t('invoices.amount')}
            description={t('invoices.amountHint')}
            required
            inputMode="decimal"
            value={text}
            error={invalid ? t('invoices.amountInvalid') : undefined}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <TextInput
            label={t('invoices.paymentReference')}
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
          />
        </Group>
        <Group>
          <Button type="submit" loading={record.busy}>
            {t('invoices.recordPayment')}
          </Button>
        </Group>
        <ErrorAlert error={record.error} />
      </Stack>
    </form>
  );
}

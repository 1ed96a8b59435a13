import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { AwaitingDisclosure } from '../../../../src/disclosures/disclosure.schema.ts';
import { useCategoryLabels } from '../../components/category-select.tsx';
import { ListTable } from '../../components/list-table.tsx';
import { ErrorAlert } from '../../components/page.tsx';
import { Section } from '../../components/section.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { longDate, longMoment } from '../invoices/invoice-format.ts';
import { RecipientName, WaitingActions, useWaitingActions } from './waiting-actions.tsx';

/** The advance notice of a waiting disclosure in words (P9): not sent yet, or sent on a day, and from when it may go. */
function NoticeState({ d }: { d: AwaitingDisclosure }) {
  const { t, language } = useI18n();
  const { status, sentAt } = d.notice;
  if (status !== 'sent' || sentAt === null)
    return (
      <Text size="sm">
        {t(status === 'queued' || status === 'failed' ? `disclosures.noticeState.${status}` : `disclosures.notice.${status}`)}
      </Text>
    );
  return (
    <Stack gap={0}>
      <Text size="sm">{t('disclosures.noticeState.sent', { sent: longDate(sentAt, language) })}</Text>
      <Text size="sm" c="gray.7">
        {d.releasable || d.releasableFrom === null
          ? t('disclosures.noticeState.releasable')
          : t('disclosures.noticeState.releasableFrom', { from: longMoment(d.releasableFrom, language) })}
      </Text>
    </Stack>
  );
}

/**
 * The disclosures of every customer that wait for their advance notice (P9, issue 19), for the dpo: who, to whom,
 * what and since when, the notice's state, and release or cancel. Filter, sort and page are in the address.
 */
export function AwaitingNotice({ refresh, onChanged }: { refresh: number; onChanged: () => void }) {
  const { t, language } = useI18n();
  const categoryLabels = useCategoryLabels();
  const labels = useLabels();
  const actions = useWaitingActions(onChanged);
  return (
    <Section title={t('disclosures.awaiting')} intro={t('disclosures.awaitingIntro')}>
      <ErrorAlert error={actions.release.error} />
      <ListTable<AwaitingDisclosure>
        path="/api/disclosures"
        fixed={{ status: 'awaiting_notice' }}
        prefix="w."
        label={t('disclosures.awaiting')}
        defaultSort="requestedAt"
        rowKey={(d) => d.id}
        empty={t('disclosures.noneAwaiting')}
        minWidth={920}
        refresh={refresh}
        filters={[
          {
            name: 'releasable',
            label: t('disclosures.awaitingState'),
            options: (['true', 'false'] as const).map((v) => ({ value: v, label: t(`disclosures.awaitingState.${v}`) })),
          },
        ]}
        columns={[
          {
            label: t('disclosures.customer'),
            sort: 'customer',
            cell: (d) =>
              d.customerName === null ? (
                t('disclosures.erasedCustomer')
              ) : (
                <Anchor component={Link} to={`/customers/${d.subjectId}`}>
                  {d.customerName}
                </Anchor>
              ),
          },
          { label: t('disclosures.recipient'), cell: (d) => <RecipientName kind={d.kind} recipient={d.recipient} /> },
          {
            label: t('disclosures.categoriesPurpose'),
            cell: (d) => (
              <Stack gap={2}>
                <Text size="sm">{categoryLabels(d.categories)}</Text>
                <Text size="xs" c="gray.7">
                  {labels.purpose(d.purpose)}
                </Text>
              </Stack>
            ),
          },
          { label: t('disclosures.requestedAt'), sort: 'requestedAt', cell: (d) => longDate(d.requestedAt, language) },
          { label: t('disclosures.notice'), cell: (d) => <NoticeState d={d} /> },
          {
            label: t('disclosures.awaitingAction'),
            cell: (d) => <WaitingActions id={d.id} actions={actions} releasable={d.releasable} />,
          },
        ]}
      />
    </Section>
  );
}

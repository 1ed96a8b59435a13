import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { NoticeListItem } from '../../../../src/disclosures/recipient-notice.schema.ts';
import { post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ListTable } from '../../components/list-table.tsx';
import { Section } from '../../components/section.tsx';
import { TextAction } from '../../components/text-action.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

const STATUSES = ['queued', 'confirmed', 'impossible'] as const;

/**
 * Art. 19: the notices to recipients after a rectification, erasure or restriction, until each is closed; those
 * still awaiting the recipient first (the server's default). Filters, sort and page are in the address (issue 19).
 */
export function RecipientNotices() {
  const { t, date, language } = useI18n();
  const [refresh, setRefresh] = useState(0);
  const done = useCallback(() => setRefresh((r) => r + 1), []);
  const confirm = useAction(
    useCallback((id: string, note: string) => post(`/api/recipient-notices/${id}/confirm`, note === '' ? {} : { note }), []),
    done,
  );
  const impossible = useAction(
    useCallback((id: string, reason: string) => post(`/api/recipient-notices/${id}/impossible`, { reason }), []),
    done,
  );
  return (
    <Section title={t('disclosures.notices')} intro={t('disclosures.noticesIntro')}>
      <ListTable<NoticeListItem>
        path="/api/recipient-notices"
        prefix="n."
        label={t('disclosures.notices')}
        defaultSort="createdAt"
        rowKey={(n) => n.id}
        empty={t('disclosures.noNotices')}
        minWidth={820}
        refresh={refresh}
        filters={[
          {
            name: 'status',
            label: t('disclosures.noticeStatus'),
            options: STATUSES.map((s) => ({ value: s, label: t(`disclosures.noticeStatus.${s}`) })),
            // Without a status the server lists what still awaits the recipient.
            placeholder: t('disclosures.noticeStatus.queued'),
          },
          {
            name: 'kind',
            label: t('disclosures.about'),
            options: (['rectification', 'erasure', 'restriction'] as const).map((k) => ({
              value: k,
              label: t(`disclosures.noticeKind.${k}`),
            })),
          },
        ]}
        columns={[
          { label: t('disclosures.created'), sort: 'createdAt', cell: (n) => date(n.createdAt, true) },
          { label: t('disclosures.customer'), sort: 'customer', cell: (n) => n.customerName ?? t('disclosures.erasedCustomer') },
          { label: t('disclosures.recipient'), cell: (n) => n.recipient.name[language] },
          {
            label: t('disclosures.about'),
            sort: 'kind',
            cell: (n) => <StateBadge color="blue">{t(`disclosures.noticeKind.${n.kind}`)}</StateBadge>,
          },
          {
            label: t('disclosures.resolution'),
            cell: (n) =>
              n.status === 'queued' ? (
                <SimpleGrid cols={2}>
                  <TextAction
                    label={t('disclosures.confirmNote')}
                    submit={t('disclosures.confirm')}
                    minRows={1}
                    required={false}
                    busy={confirm.busy}
                    error={confirm.error}
                    onSubmit={(note) => confirm.run(n.id, note)}
                  />
                  <TextAction
                    label={t('disclosures.impossibleReason')}
                    submit={t('disclosures.impossible')}
                    minRows={1}
                    busy={impossible.busy}
                    error={impossible.error}
                    onSubmit={(reason) => impossible.run(n.id, reason)}
                  />
                </SimpleGrid>
              ) : (
                <Stack gap={0}>
                  <Text size="sm">{n.resolution ?? '–'}</Text>
                  <Text size="xs" c="gray.7">
                    {date(n.resolvedAt, true)}
                  </Text>
                </Stack>
              ),
          },
        ]}
      />
    </Section>
  );
}

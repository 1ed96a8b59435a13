import { SegmentedControl, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { post, query } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { Loaded } from '../../components/page.tsx';
import { Section } from '../../components/section.tsx';
import { TextAction } from '../../components/text-action.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

interface Notice {
  id: string;
  recipient: { id: string; name: { nl: string; en: string } };
  kind: string;
  createdAt: string;
  message: { status: string } | null;
  status: 'queued' | 'confirmed' | 'impossible';
  resolution: string | null;
  resolvedAt: string | null;
}

/** Art. 19: the notices to recipients after a rectification, erasure or restriction, until each is closed. */
export function RecipientNotices() {
  const { t, date, language } = useI18n();
  const [status, setStatus] = useState('queued');
  const notices = useApi<{ notices: Notice[] }>(`/api/recipient-notices${query({ status })}`);
  const confirm = useAction(
    useCallback((id: string, note: string) => post(`/api/recipient-notices/${id}/confirm`, note === '' ? {} : { note }), []),
    notices.reload,
  );
  const impossible = useAction(
    useCallback((id: string, reason: string) => post(`/api/recipient-notices/${id}/impossible`, { reason }), []),
    notices.reload,
  );
  return (
    <Section title={t('disclosures.notices')} intro={t('disclosures.noticesIntro')}>
      <SegmentedControl
        aria-label={t('disclosures.noticeStatus')}
        w="fit-content"
        value={status}
        onChange={setStatus}
        data={(['queued', 'confirmed', 'impossible'] as const).map((s) => ({
          value: s,
          label: t(`disclosures.noticeStatus.${s}`),
        }))}
      />
      <Loaded data={notices.data} error={notices.error}>
        {({ notices: list }) =>
          list.length === 0 ? (
            <Text>{t('disclosures.noNotices')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={820}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('disclosures.created')}</Table.Th>
                    <Table.Th>{t('disclosures.recipient')}</Table.Th>
                    <Table.Th>{t('disclosures.about')}</Table.Th>
                    <Table.Th>{status === 'queued' ? '' : t('disclosures.resolution')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((n) => (
                    <Table.Tr key={n.id}>
                      <Table.Td>{date(n.createdAt, true)}</Table.Td>
                      <Table.Td>{n.recipient.name[language]}</Table.Td>
                      <Table.Td>
                        <StateBadge color="blue">{t(`disclosures.noticeKind.${n.kind}`)}</StateBadge>
                      </Table.Td>
                      <Table.Td>
                        {n.status === 'queued' ? (
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
                        )}
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

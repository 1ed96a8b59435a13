import { Anchor, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import { post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert, Loaded } from '../../components/page.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { AccessPackage } from './types.ts';

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** The access packages of a request (Art. 15): the dpo downloads one to review it (15(4)), then releases it. */
export function AccessPackages({ requestId }: { requestId: string }) {
  const { t, date } = useI18n();
  const list = useApi<{ packages: AccessPackage[] }>(`/api/requests/${requestId}/access-packages`);
  const release = useAction(
    useCallback((id: string) => post<AccessPackage>(`/api/access-packages/${id}/release`), []),
    list.reload,
  );
  return (
    <Paper withBorder p="md" component="section" aria-label={t('requests.packages.title')}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('requests.packages.title')}
        </Title>
        <Text size="sm">{t('requests.packages.intro')}</Text>
        <ErrorAlert error={release.error} />
        <Loaded data={list.data} error={list.error}>
          {({ packages }) =>
            packages.length === 0 ? (
              <Text>{t('requests.packages.none')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('requests.packages.created')}</Table.Th>
                      <Table.Th>{t('requests.packages.size')}</Table.Th>
                      <Table.Th>{t('requests.packages.status')}</Table.Th>
                      <Table.Th>{t('requests.packages.expires')}</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {packages.map((p) => (
                      <Table.Tr key={p.id}>
                        <Table.Td>{date(p.createdAt, true)}</Table.Td>
                        <Table.Td>{kilobytes(p.sizeBytes)}</Table.Td>
                        <Table.Td>
                          <StateBadge color={p.reviewStatus === 'released' ? 'green' : 'yellow'}>
                            {t(`requests.packages.${p.reviewStatus}`)}
                          </StateBadge>
                          {p.downloadedAt !== null && (
                            <StateBadge color="teal" ml="xs">
                              {t('requests.packages.downloaded')}
                            </StateBadge>
                          )}
                        </Table.Td>
                        <Table.Td>{date(p.expiresAt)}</Table.Td>
                        <Table.Td>
                          <Stack gap={4} align="flex-start">
                            <Anchor href={`/api/access-packages/${p.id}/content`} download>
                              {t('requests.packages.review')}
                            </Anchor>
                            {p.reviewStatus === 'pending_review' && (
                              <Button size="xs" loading={release.busy} onClick={() => void release.run(p.id)}>
                                {t('requests.packages.release')}
                              </Button>
                            )}
                          </Stack>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </Loaded>
      </Stack>
    </Paper>
  );
}

import { Anchor, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import { post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert, Loaded } from '../../components/page.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { AccessPackage, RightsRequest } from './types.ts';

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * The packages of a request for access (Art. 15) or portability (Art. 20): the dpo downloads one to review it
 * (15(4), 20(4)), then releases it; a transfer to another organisation (20(2)) then waits for the customer's confirmation.
 */
export function AccessPackages({ request }: { request: RightsRequest }) {
  const { t, date } = useI18n();
  const requestId = request.id;
  const portability = request.kind === 'portability';
  let intro = t('requests.packages.intro');
  if (portability && request.transferEmail === null) intro = t('requests.packages.portabilityIntro');
  if (portability && request.transferEmail !== null)
    intro = t('requests.packages.transferIntro', {
      organisation: request.transferOrganisation ?? '',
      email: request.transferEmail,
    });
  const list = useApi<{ packages: AccessPackage[] }>(`/api/requests/${requestId}/access-packages`);
  const release = useAction(
    useCallback((id: string) => post<AccessPackage>(`/api/access-packages/${id}/release`), []),
    list.reload,
  );
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-label={t(portability ? 'requests.packages.portabilityTitle' : 'requests.packages.title')}
    >
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t(portability ? 'requests.packages.portabilityTitle' : 'requests.packages.title')}
        </Title>
        <Text size="sm">{intro}</Text>
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
                          {p.deliverTo !== null && (
                            <Text size="sm" mt={4}>
                              {t('requests.packages.deliveredTo', { email: p.deliverTo })}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{date(p.expiresAt)}</Table.Td>
                        <Table.Td>
                          <Stack gap={4} align="flex-start">
                            <Anchor href={`/api/access-packages/${p.id}/content`} download>
                              {t('requests.packages.review')}
                            </Anchor>
                            {p.reviewStatus !== 'released' && (
                              <Button size="xs" loading={release.busy} onClick={() => void release.run(p.id)}>
                                {t(
                                  p.reviewStatus === 'awaiting_confirmation'
                                    ? 'requests.packages.askAgain'
                                    : 'requests.packages.release',
                                )}
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

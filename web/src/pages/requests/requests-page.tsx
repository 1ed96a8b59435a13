import { Anchor, Checkbox, Group, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { query } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { Loaded, Page } from '../../components/page.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { REQUEST_STATUSES, type RequestSummary } from './types.ts';
import { StatusBadge } from './request-badges.tsx';

/**
 * Requests by deadline, earliest first, with the target date and its legal end (Regulation 1182/71 art. 3(4));
 * an overdue one is red (Art. 12(3): one month, at most three).
 */
export function RequestsPage() {
  const { t, date } = useI18n();
  const [status, setStatus] = useState<string | null>(null);
  const [overdue, setOverdue] = useState(false);
  const list = useApi<{ requests: RequestSummary[] }>(
    `/api/requests${query({ status, overdue: overdue ? 'true' : undefined, limit: 500 })}`,
  );
  return (
    <Page title={t('requests.title')}>
      <Group align="end">
        <Select
          label={t('requests.filterStatus')}
          placeholder={t('requests.allStatuses')}
          clearable
          value={status}
          onChange={setStatus}
          data={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`requests.status.${s}`) }))}
        />
        <Checkbox
          label={t('requests.overdueOnly')}
          checked={overdue}
          onChange={(e) => setOverdue(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      <Loaded data={list.data} error={list.error}>
        {({ requests }) =>
          requests.length === 0 ? (
            <Text>{t('requests.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('requests.reference')}</Table.Th>
                    <Table.Th>{t('requests.kind')}</Table.Th>
                    <Table.Th>{t('requests.requester')}</Table.Th>
                    <Table.Th>{t('requests.received')}</Table.Th>
                    <Table.Th>{t('requests.deadline')}</Table.Th>
                    <Table.Th>{t('requests.legalEnd')}</Table.Th>
                    <Table.Th>{t('requests.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {requests.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/requests/${r.id}`}>
                          {r.reference}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{t(`requests.kind.${r.kind}`)}</Table.Td>
                      <Table.Td>{r.requesterName}</Table.Td>
                      <Table.Td>{date(r.receivedAt)}</Table.Td>
                      <Table.Td>{date(r.deadline)}</Table.Td>
                      <Table.Td>
                        <Group gap="xs">
                          <Text size="sm" c={r.overdue ? 'red.9' : undefined} fw={r.overdue ? 700 : undefined}>
                            {date(r.legalEnd)}
                          </Text>
                          {r.overdue && (
                            <StateBadge color="red" alarm>
                              {t('requests.overdue')}
                            </StateBadge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={r.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </Loaded>
    </Page>
  );
}

import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useApi } from '../../api/use-api.ts';
import { Loaded } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { DashboardCard } from './dashboard-card.tsx';
import type { ListPage } from '../../../../src/shared/list.ts';
import type { RequestSummary } from './types.ts';

/** Open requests by deadline, earliest first; overdue ones in red (Art. 12(3): one month, extendable by two). */
export function RequestsCard() {
  const { t, date } = useI18n();
  // Answered, withdrawn and unverifiable requests have no deadline left to watch: the open ones, earliest first.
  const list = useApi<ListPage<RequestSummary>>('/api/requests?open=true&pageSize=8');
  return (
    <DashboardCard title={t('dashboard.requests')} link={{ to: '/requests', label: t('dashboard.allRequests') }}>
      <Loaded data={list.data} error={list.error}>
        {({ items: requests }) => {
          return requests.length === 0 ? (
            <Text>{t('dashboard.noRequests')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={420}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dashboard.deadline')}</Table.Th>
                    <Table.Th>{t('dashboard.reference')}</Table.Th>
                    <Table.Th>{t('dashboard.kind')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {requests.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>
                        {r.overdue ? (
                          <Badge color="red.9" variant="filled">
                            {t('dashboard.overdueSince', { date: date(r.legalEnd) })}
                          </Badge>
                        ) : (
                          date(r.deadline)
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/requests/${r.id}`} c={r.overdue ? 'red.9' : undefined}>
                          {r.reference}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{t(`dashboard.requestKind.${r.kind}`)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          );
        }}
      </Loaded>
    </DashboardCard>
  );
}

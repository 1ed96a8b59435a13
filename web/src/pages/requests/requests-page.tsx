import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { PackageListItem } from '../../../../src/rights/access-packages/access-package.schema.ts';
import { AddressTabs } from '../../components/address-tabs.tsx';
import { ListTable } from '../../components/list-table.tsx';
import { Page } from '../../components/page.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { can, useSession } from '../../session/session.tsx';
import { REQUEST_KINDS, REQUEST_STATUSES, type RequestListItem } from './types.ts';
import { StatusBadge } from './request-badges.tsx';

/**
 * Requests by deadline, earliest first, with the target date and its legal end (Regulation 1182/71 art. 3(4));
 * an overdue one is red (Art. 12(3): one month, at most three). For the dpo a second tab: the packages that wait
 * for release. Tab, filters, sort and page are in the address (issue 19).
 */
export function RequestsPage() {
  const { t } = useI18n();
  const { session } = useSession();
  return (
    <Page title={t('requests.title')}>
      {can(session, 'rights') ? (
        <AddressTabs
          label={t('requests.title')}
          tabs={[
            { value: 'requests', label: t('requests.tab.requests'), panel: <RequestList /> },
            { value: 'packages', label: t('requests.tab.packages'), panel: <PackageList /> },
          ]}
        />
      ) : (
        <RequestList />
      )}
    </Page>
  );
}

function RequestList() {
  const { t, date } = useI18n();
  const yesNo = [
    { value: 'true', label: t('lists.yes') },
    { value: 'false', label: t('lists.no') },
  ];
  return (
    <Stack>
      <ListTable<RequestListItem>
        path="/api/requests"
        label={t('requests.title')}
        defaultSort="deadline"
        rowKey={(r) => r.id}
        empty={t('requests.none')}
        minWidth={880}
        filters={[
          { name: 'q', label: t('requests.search'), text: true },
          {
            name: 'status',
            label: t('requests.filterStatus'),
            options: REQUEST_STATUSES.map((s) => ({ value: s, label: t(`requests.status.${s}`) })),
          },
          {
            name: 'kind',
            label: t('requests.kind'),
            options: REQUEST_KINDS.map((k) => ({ value: k, label: t(`requests.kind.${k}`) })),
          },
          { name: 'open', label: t('requests.open'), options: yesNo },
          { name: 'overdue', label: t('requests.overdue'), options: yesNo },
        ]}
        columns={[
          {
            label: t('requests.reference'),
            sort: 'reference',
            cell: (r) => (
              <Anchor component={Link} to={`/requests/${r.id}`}>
                {r.reference}
              </Anchor>
            ),
          },
          { label: t('requests.kind'), cell: (r) => t(`requests.kind.${r.kind}`) },
          { label: t('requests.requester'), cell: (r) => r.requesterName },
          { label: t('requests.customer'), cell: (r) => <CustomerCell request={r} /> },
          { label: t('requests.received'), sort: 'receivedAt', cell: (r) => date(r.receivedAt) },
          { label: t('requests.deadline'), sort: 'deadline', cell: (r) => date(r.deadline) },
          {
            label: t('requests.legalEnd'),
            cell: (r) => (
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
            ),
          },
          { label: t('requests.status'), sort: 'status', cell: (r) => <StatusBadge status={r.status} /> },
        ]}
      />
    </Stack>
  );
}

/** The customer a request is about, by name and linked; in words when it has none yet or may not be shown. */
function CustomerCell({ request: r }: { request: RequestListItem }) {
  const { t } = useI18n();
  if (r.subjectId === null)
    return (
      <Text size="sm" c="dimmed">
        {t('requests.list.noCustomer')}
      </Text>
    );
  if (r.customerName === null)
    return (
      <Text size="sm" c="dimmed">
        {t('requests.list.customerWithheld')}
      </Text>
    );
  return (
    <Anchor component={Link} to={`/customers/${r.subjectId}`}>
      {r.customerName}
    </Anchor>
  );
}

/** The access and portability packages, by default those still to review: what waits for release (Art. 15(4), 20(4)). */
function PackageList() {
  const { t, date } = useI18n();
  return (
    <ListTable<PackageListItem>
      path="/api/access-packages"
      label={t('requests.tab.packages')}
      defaultSort="createdAt"
      rowKey={(p) => p.id}
      empty={t('requests.packages.noneWaiting')}
      filters={[
        {
          name: 'reviewStatus',
          label: t('requests.packages.status'),
          options: (['pending_review', 'awaiting_confirmation', 'released'] as const).map((s) => ({
            value: s,
            label: t(`requests.packages.${s}`),
          })),
        },
        {
          name: 'kind',
          label: t('requests.kind'),
          options: (['access', 'portability'] as const).map((k) => ({ value: k, label: t(`requests.kind.${k}`) })),
        },
      ]}
      columns={[
        {
          label: t('requests.reference'),
          sort: 'reference',
          cell: (p) => (
            <Anchor component={Link} to={`/requests/${p.requestId}`}>
              {p.requestReference}
            </Anchor>
          ),
        },
        { label: t('requests.kind'), cell: (p) => t(`requests.kind.${p.kind}`) },
        { label: t('requests.packages.customer'), sort: 'customer', cell: (p) => p.customerName },
        { label: t('requests.packages.created'), sort: 'createdAt', cell: (p) => date(p.createdAt) },
        { label: t('requests.packages.expires'), sort: 'expiresAt', cell: (p) => date(p.expiresAt) },
        { label: t('requests.packages.status'), cell: (p) => t(`requests.packages.${p.reviewStatus}`) },
      ]}
    />
  );
}

import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import type { CaseListItem } from '../../../../src/cases/case-list.schema.ts';
import { ListTable } from '../../components/list-table.tsx';
import { Page } from '../../components/page.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * Every customer's questions, complaints and requests, newest first (GET /api/cases), by status, kind, or a
 * reference or words of the title; filters, sort and page are in the address (issue 19).
 */
export function CasesPage() {
  const { t, date } = useI18n();
  return (
    <Page title={t('nav.cases')}>
      <ListTable<CaseListItem>
        path="/api/cases"
        label={t('nav.cases')}
        defaultSort="openedAt"
        defaultOrder="desc"
        rowKey={(c) => c.id}
        empty={t('cases.none')}
        minWidth={720}
        filters={[
          { name: 'q', label: t('cases.search'), text: true },
          {
            name: 'status',
            label: t('records.status'),
            options: (['open', 'closed'] as const).map((s) => ({ value: s, label: t(`records.caseStatus.${s}`) })),
          },
          {
            name: 'kind',
            label: t('cases.kind'),
            options: (['question', 'complaint', 'request'] as const).map((k) => ({
              value: k,
              label: t(`records.caseKind.${k}`),
            })),
          },
        ]}
        columns={[
          { label: t('records.reference'), sort: 'reference', cell: (c) => c.reference },
          {
            label: t('cases.title'),
            sort: 'title',
            cell: (c) => (
              <Anchor component={Link} to={`/cases/${c.id}`}>
                {c.title}
              </Anchor>
            ),
          },
          {
            label: t('cases.customer'),
            sort: 'customer',
            cell: (c) => (
              <Anchor component={Link} to={`/customers/${c.subjectId}`}>
                {c.customerName}
              </Anchor>
            ),
          },
          { label: t('cases.kind'), cell: (c) => t(`records.caseKind.${c.kind}`) },
          { label: t('cases.opened'), sort: 'openedAt', cell: (c) => date(c.openedAt) },
          {
            label: t('records.status'),
            sort: 'status',
            cell: (c) => (
              <StateBadge color={c.status === 'open' ? 'blue' : 'gray'}>{t(`records.caseStatus.${c.status}`)}</StateBadge>
            ),
          },
        ]}
      />
    </Page>
  );
}

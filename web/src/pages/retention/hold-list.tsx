import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import type { HoldListItem } from '../../../../src/retention/legal-hold.schema.ts';
import { ListTable } from '../../components/list-table.tsx';
import { Section } from '../../components/section.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

/** The legal holds on every customer (issue 19): those in force, released or ended, and those due for review. */
export function HoldList() {
  const { t, date } = useI18n();
  return (
    <Section title={t('retention.allHolds')} intro={t('retention.allHoldsIntro')}>
      <ListTable<HoldListItem>
        path="/api/holds"
        prefix="h."
        label={t('retention.allHolds')}
        defaultSort="placedAt"
        defaultOrder="desc"
        rowKey={(h) => h.id}
        empty={t('retention.noHoldsAtAll')}
        minWidth={760}
        filters={[
          {
            name: 'state',
            label: t('retention.holdState'),
            options: (['in_force', 'released', 'ended'] as const).map((s) => ({
              value: s,
              label: t(`retention.holdState.${s}`),
            })),
          },
          {
            name: 'reviewDue',
            label: t('retention.reviewDue'),
            options: [{ value: 'true', label: t('lists.yes') }],
          },
        ]}
        columns={[
          {
            label: t('retention.customer'),
            sort: 'customer',
            cell: (h) => (
              <Anchor component={Link} to={`/customers/${h.subjectId}`}>
                {h.customerName}
              </Anchor>
            ),
          },
          {
            label: t('retention.holdScope'),
            cell: (h) => (h.recordType === null ? t('retention.wholeSubject') : t(`retention.recordType.${h.recordType}`)),
          },
          { label: t('retention.holdReason'), cell: (h) => h.reason },
          { label: t('retention.placedAt'), sort: 'placedAt', cell: (h) => date(h.placedAt) },
          { label: t('retention.holdReviewOn'), sort: 'reviewOn', cell: (h) => date(h.reviewOn) },
          { label: t('retention.holdEndsOn'), sort: 'endsOn', cell: (h) => date(h.endsOn) },
          {
            label: t('retention.holdState'),
            cell: (h) =>
              h.inForce ? (
                <StateBadge color="orange">{t('retention.inForce')}</StateBadge>
              ) : (
                <StateBadge color="gray">
                  {t(h.releasedAt === null ? 'retention.holdState.ended' : 'retention.holdState.released')}
                </StateBadge>
              ),
          },
        ]}
      />
    </Section>
  );
}

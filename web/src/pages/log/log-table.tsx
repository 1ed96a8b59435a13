import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { type ActorRef, useLabels } from '../../i18n/labels.ts';

/** What a row of the processing log shows: who did what, with which record type, for which purpose, and how it ended. */
export interface LogRow {
  seq: number;
  at: string;
  actor: ActorRef;
  operation: string;
  purpose: string;
  recordType: string;
  outcome: string;
}

/**
 * The processing log as a table, newest first: the whole log (the dpo's log page, with a column naming the customers)
 * and one customer's (their page) show the same rows.
 */
export function LogTable<E extends LogRow>({ entries, customers }: { entries: E[]; customers?: (entry: E) => ReactNode }) {
  const { t, date } = useI18n();
  const labels = useLabels();
  return (
    <Table.ScrollContainer minWidth={customers === undefined ? 700 : 900}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('records.when')}</Table.Th>
            <Table.Th>{t('records.who')}</Table.Th>
            <Table.Th>{t('records.operation')}</Table.Th>
            <Table.Th>{t('records.recordType')}</Table.Th>
            <Table.Th>{t('records.purpose')}</Table.Th>
            {customers !== undefined && <Table.Th>{t('log.customer')}</Table.Th>}
            <Table.Th>{t('records.outcome')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.seq}>
              <Table.Td>{date(e.at, true)}</Table.Td>
              <Table.Td>
                <Text size="sm">{labels.actor(e.actor)}</Text>
                <Text size="xs" c="dimmed">
                  {labels.role(e.actor.role)}
                </Text>
              </Table.Td>
              <Table.Td>{t(`records.operation.${e.operation}`)}</Table.Td>
              <Table.Td>{labels.recordType(e.recordType)}</Table.Td>
              <Table.Td>{labels.purpose(e.purpose)}</Table.Td>
              {customers !== undefined && <Table.Td>{customers(e)}</Table.Td>}
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <StateBadge color={e.outcome === 'allowed' ? 'cyan' : 'red'} style={{ overflow: 'visible' }}>
                  {t(`records.outcome.${e.outcome}`)}
                </StateBadge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

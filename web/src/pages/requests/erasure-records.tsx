import { Anchor, List, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePurposeLabel } from '../customers/purpose.ts';
import type { KeptRecord, PreviewRecord } from './erasure-types.ts';

/** A record as staff know it: "Factuur 2026-0001", "Offerte netwerk", "Vraag over de factuur (2 berichten)". */
export function useRecordName(): (r: PreviewRecord) => string {
  const { t } = useI18n();
  const purposeLabel = usePurposeLabel();
  return (r) => {
    const type = t(`erasure.type.${r.recordType}`);
    const title =
      r.recordType === 'consent'
        ? purposeLabel(r.title, '')
        : r.recordType === 'invoice' && r.title === null
          ? t('erasure.draftInvoice')
          : (r.title ?? '');
    const messages =
      r.messages === undefined || r.messages === 0
        ? ''
        : ` (${r.messages === 1 ? t('erasure.oneMessage') : t('erasure.messages', { count: r.messages })})`;
    return `${type}: ${title}${messages}`;
  };
}

/** The records an erasure deletes, each named with its date. */
export function ErasedList({ records }: { records: PreviewRecord[] }) {
  const { t, date } = useI18n();
  const name = useRecordName();
  if (records.length === 0) return <Text size="sm">{t('erasure.nothingErased')}</Text>;
  return (
    <List size="sm" spacing={4}>
      {records.map((r) => (
        <List.Item key={`${r.recordType}-${r.id}`}>
          {name(r)}
          {r.date !== null && ` · ${date(r.date)}`}
        </List.Item>
      ))}
    </List>
  );
}

/** The records the law keeps (Art. 17(3)): each with its ground and the date it goes; a link to it where it has a page. */
export function KeptTable({ records, subjectId }: { records: KeptRecord[]; subjectId?: string }) {
  const { t, date } = useI18n();
  const name = useRecordName();
  if (records.length === 0) return <Text size="sm">{t('erasure.nothingKept')}</Text>;
  const link = (r: KeptRecord) =>
    r.recordType === 'invoice'
      ? `/invoices/${r.id}`
      : r.recordType === 'case'
        ? `/cases/${r.id}`
        : subjectId === undefined
          ? null
          : `/customers/${subjectId}`;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('erasure.record')}</Table.Th>
            <Table.Th>{t('erasure.ground')}</Table.Th>
            <Table.Th>{t('erasure.until')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {records.map((r) => {
            const to = link(r);
            return (
              <Table.Tr key={`${r.recordType}-${r.id}`}>
                <Table.Td>
                  {to === null ? (
                    name(r)
                  ) : (
                    <Anchor component={Link} to={to}>
                      {name(r)}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td>
                  {r.ground === 'b' ? t('erasure.ground.b') : t('erasure.ground.e')}
                  {r.ground === 'b' && r.legalObligation !== null && (
                    <Text span size="sm" c="dimmed" display="block">
                      {r.legalObligation}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {r.until === null ? t('erasure.untilOpen') : date(r.until)}
                  {r.reviewOn !== null && (
                    <Text span size="sm" c="dimmed" display="block">
                      {t('erasure.reviewOn', { date: date(r.reviewOn) })}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { query } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { Loaded } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLabels } from '../../i18n/labels.ts';

interface DueRecord {
  recordType: string;
  id: string;
  subjectId: string;
  name: string | null;
  title: string | null;
  until: string;
  rule: string | null;
}

const PAGE = 25;

/**
 * Whose data goes, in full, a page at a time from the server: the customer (a link to their page), what the record
 * is, the day it goes and the rule that says so. `path` is the forecast's or the dry run's list; each page read is
 * a logged consultation of the customers it names.
 */
export function DueRecords({ path, caption }: { path: string; caption: string }) {
  const { t, date } = useI18n();
  const labels = useLabels();
  const [offset, setOffset] = useState(0);
  const page = useApi<{ total: number; records: DueRecord[] }>(
    `${path}${path.includes('?') ? '&' : '?'}${query({ offset, limit: PAGE }).slice(1)}`,
  );
  const what = (r: DueRecord) => {
    if (r.recordType === 'invoice')
      return r.title === null ? t('records.draftInvoice') : t('records.invoiceTitle', { number: r.title });
    if (r.recordType === 'consent') return r.title === null ? '' : labels.purpose(r.title);
    return r.title ?? '';
  };
  return (
    <Loaded data={page.data} error={page.error}>
      {({ total, records }) =>
        total === 0 ? null : (
          <Stack gap="xs">
            <Table.ScrollContainer minWidth={720}>
              <Table striped>
                <Table.Caption>{caption}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('retention.customer')}</Table.Th>
                    <Table.Th>{t('retention.recordType')}</Table.Th>
                    <Table.Th>{t('retention.record')}</Table.Th>
                    <Table.Th>{t('retention.goesOn')}</Table.Th>
                    <Table.Th>{t('retention.rule')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {records.map((r) => (
                    <Table.Tr key={`${r.recordType}:${r.id}`}>
                      <Table.Td>
                        <Anchor component={Link} to={`/customers/${r.subjectId}`}>
                          {r.name ?? t('retention.nameWithheld')}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{labels.recordType(r.recordType)}</Table.Td>
                      <Table.Td>{what(r)}</Table.Td>
                      <Table.Td>{date(r.until)}</Table.Td>
                      <Table.Td>{r.rule === null ? t('retention.reduction') : labels.rule(r.rule)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group>
              <Text size="sm">{t('retention.shown', { from: offset + 1, to: offset + records.length, total })}</Text>
              {offset > 0 && (
                <Button variant="default" onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                  {t('retention.previous')}
                </Button>
              )}
              {offset + PAGE < total && (
                <Button variant="default" onClick={() => setOffset(offset + PAGE)}>
                  {t('retention.next')}
                </Button>
              )}
            </Group>
          </Stack>
        )
      }
    </Loaded>
  );
}

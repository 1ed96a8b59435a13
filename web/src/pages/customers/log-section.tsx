import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { query } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { Loaded } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLabels } from '../../i18n/labels.ts';
import type { LogEntry } from './types.ts';

/** Everything done with this person's data (P2), newest first, from the hash-chained processing log (dpo). */
export function LogSection({ subjectId }: { subjectId: string }) {
  const { t, date } = useI18n();
  const labels = useLabels();
  const [before, setBefore] = useState<number | undefined>();
  const page = useApi<{ entries: LogEntry[]; next: number | null }>(
    `/api/subjects/${subjectId}/processing-log${query({ limit: 50, before })}`,
  );
  return (
    <Loaded data={page.data} error={page.error}>
      {({ entries, next }) => (
        <>
          {entries.length === 0 ? (
            <Text>{t('records.noLog')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={700}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('records.when')}</Table.Th>
                    <Table.Th>{t('records.who')}</Table.Th>
                    <Table.Th>{t('records.operation')}</Table.Th>
                    <Table.Th>{t('records.recordType')}</Table.Th>
                    <Table.Th>{t('records.purpose')}</Table.Th>
                    <Table.Th>{t('records.outcome')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {entries.map((e) => (
                    <Table.Tr key={e.seq}>
                      <Table.Td>{date(e.at, true)}</Table.Td>
                      <Table.Td>
                        {labels.actor(e.actor)} · {labels.role(e.actor.role)}
                      </Table.Td>
                      <Table.Td>{t(`records.operation.${e.operation}`)}</Table.Td>
                      <Table.Td>{labels.recordType(e.recordType)}</Table.Td>
                      <Table.Td>{labels.purpose(e.purpose)}</Table.Td>
                      <Table.Td>
                        <Badge color={e.outcome === 'allowed' ? 'cyan' : 'red'} variant="light">
                          {t(`records.outcome.${e.outcome}`)}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Group>
            {before !== undefined && (
              <Button variant="default" onClick={() => setBefore(undefined)}>
                {t('records.newest')}
              </Button>
            )}
            {next !== null && (
              <Button variant="default" onClick={() => setBefore(next)}>
                {t('records.older')}
              </Button>
            )}
          </Group>
        </>
      )}
    </Loaded>
  );
}

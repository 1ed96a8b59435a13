import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { query } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { Loaded } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { LogTable } from '../log/log-table.tsx';
import type { LogEntry } from './types.ts';

/** Everything done with this person's data (P2), newest first, from the hash-chained processing log (dpo). */
export function LogSection({ subjectId }: { subjectId: string }) {
  const { t } = useI18n();
  const [before, setBefore] = useState<number | undefined>();
  const page = useApi<{ entries: LogEntry[]; next: number | null }>(
    `/api/subjects/${subjectId}/processing-log${query({ limit: 50, before })}`,
  );
  return (
    <Loaded data={page.data} error={page.error}>
      {({ entries, next }) => (
        <>
          {entries.length === 0 ? <Text>{t('records.noLog')}</Text> : <LogTable entries={entries} />}
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

import type { LogRecordType } from '../../../../src/guard/log-record-types.ts';
import { Anchor, Button, Group, Select, SimpleGrid, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { query } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { DateField } from '../../components/date-field.tsx';
import { Loaded, Page } from '../../components/page.tsx';
import { type PickedSubject, SubjectPicker } from '../../components/subject-picker.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { type ActorRef, useLabels } from '../../i18n/labels.ts';
import { LogTable } from './log-table.tsx';

interface Entry {
  seq: number;
  at: string;
  actor: ActorRef;
  operation: string;
  purpose: string;
  recordType: string;
  subjectIds: string[];
  outcome: string;
  reason: string | null;
}

const PAGE = 50;
const OPERATIONS = ['collect', 'store', 'consult', 'modify', 'erase', 'export', 'disclose'];
/**
 * The kinds of data the filter offers, in this order: every record type the processing log may name. The compiler
 * holds them to the server's one list (src/guard/log-record-types.ts): one added there fails here until it is added.
 */
const RECORD_TYPES = Object.keys({
  subject: true,
  agreement: true,
  invoice: true,
  case: true,
  message: true,
  consent: true,
  account: true,
  api_token: true,
  breach: true,
  legal_hold: true,
  legal_demand: true,
  register: true,
  statement: true,
  outbox: true,
  retention: true,
  backup: true,
  self_check: true,
  processing_log: true,
} satisfies Record<LogRecordType, true>);
/** The jobs and services that act on their own, for the filter by actor (src/*: their `system` actors). */
const JOBS = [
  'retention-sweep',
  'privacy-portal',
  'mailbox',
  'disclosure-release',
  'restriction-lift',
  'self-check',
  'backup',
  'sign-in',
];
type Filter = 'actor' | 'subject' | 'recordType' | 'operation' | 'from' | 'to';

/** The start of a day (local time) as an ISO moment, and the day after for an end: the API's range is [from, to). */
const dayStart = (day: string, plusDays = 0) => {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
};

/**
 * The processing log (P2, the dpo's): who did what, with whose data, for which purpose, in words; filtered by
 * actor, customer, kind of data, operation and period, a page at a time from the server, and exported as CSV
 * (the export is logged). The filters and the page are in the address, so back and reload keep them.
 */
export function LogPage() {
  const { t, language } = useI18n();
  const labels = useLabels();
  const [params, setParams] = useSearchParams();
  const filter = (name: Filter) => params.get(name) ?? '';
  const before = params.get('before') ?? undefined;
  const users = useApi<{ users: { id: string; displayName: string }[] }>('/api/users');
  const filters = {
    actorId: filter('actor'),
    subjectId: filter('subject'),
    recordType: filter('recordType'),
    operation: filter('operation'),
    from: filter('from') === '' ? '' : dayStart(filter('from')),
    to: filter('to') === '' ? '' : dayStart(filter('to'), 1),
  };
  const log = useApi<{ entries: Entry[]; next: number | null }>(
    `/api/processing-log${query({ ...filters, before, limit: PAGE })}`,
  );
  const set = (changes: Partial<Record<Filter | 'before', string | null>>) => {
    const next = new URLSearchParams(params);
    if (!('before' in changes)) next.delete('before');
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '' || v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  const actors = [
    ...(users.data?.users ?? []).map((u) => ({ value: u.id, label: u.displayName })),
    ...JOBS.map((id) => ({ value: id, label: labels.actor({ kind: 'system', id, role: '' }) })),
  ];
  const exportHref = `/api/processing-log/export${query({ ...filters, lang: language })}`;
  return (
    <Page
      title={t('log.title')}
      actions={
        <Button component="a" href={exportHref} download variant="light">
          {t('log.export')}
        </Button>
      }
    >
      <Text>{t('log.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} role="search" aria-label={t('log.filters')}>
        <Select
          label={t('log.actor')}
          clearable
          searchable
          value={filter('actor') || null}
          onChange={(v) => set({ actor: v })}
          data={actors}
        />
        <Select
          label={t('log.recordType')}
          clearable
          searchable
          value={filter('recordType') || null}
          onChange={(v) => set({ recordType: v })}
          data={RECORD_TYPES.map((value) => ({ value, label: labels.recordType(value) }))}
        />
        <Select
          label={t('log.operation')}
          clearable
          value={filter('operation') || null}
          onChange={(v) => set({ operation: v })}
          data={OPERATIONS.map((value) => ({ value, label: t(`records.operation.${value}`) }))}
        />
        <DateField label={t('log.from')} value={filter('from')} onChange={(v) => set({ from: v })} />
        <DateField label={t('log.to')} value={filter('to')} onChange={(v) => set({ to: v })} />
        <SubjectFilter subjectId={filter('subject')} onChange={(id) => set({ subject: id })} />
      </SimpleGrid>
      <Loaded data={log.data} error={log.error}>
        {({ entries, next }) => (
          <>
            {entries.length === 0 ? (
              <Text>{t('log.none')}</Text>
            ) : (
              <LogTable entries={entries} customers={(e) => <Subjects ids={e.subjectIds} />} />
            )}
            <Group>
              {before !== undefined && (
                <Button variant="default" onClick={() => set({ before: null })}>
                  {t('records.newest')}
                </Button>
              )}
              {next !== null && (
                <Button variant="default" onClick={() => set({ before: String(next) })}>
                  {t('records.older')}
                </Button>
              )}
            </Group>
          </>
        )}
      </Loaded>
    </Page>
  );
}

/** The customers an entry names, as links: the log holds their ids only, never their data. */
function Subjects({ ids }: { ids: string[] }) {
  const { t } = useI18n();
  if (ids.length === 0) return <Text size="sm">–</Text>;
  if (ids.length > 1) return <Text size="sm">{t('log.customers', { n: ids.length })}</Text>;
  return (
    <Anchor component={Link} to={`/customers/${ids[0]}`} size="sm">
      {t('log.toCustomer')}
    </Anchor>
  );
}

/** One customer's entries: found with the picker (a logged search); the address keeps the id only. */
function SubjectFilter({ subjectId, onChange }: { subjectId: string; onChange: (id: string | null) => void }) {
  const { t } = useI18n();
  if (subjectId !== '') {
    return (
      <Group align="end">
        <Text>
          {t('log.oneCustomer')}{' '}
          <Anchor component={Link} to={`/customers/${subjectId}`}>
            {t('log.toCustomer')}
          </Anchor>
        </Text>
        <Button variant="subtle" onClick={() => onChange(null)}>
          {t('log.allCustomers')}
        </Button>
      </Group>
    );
  }
  return <SubjectPicker label={t('log.customer')} picked={null} onPick={(s: PickedSubject | null) => onChange(s?.id ?? null)} />;
}

import { Alert, Anchor, Box, Button, Checkbox, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useCallback, useState } from 'react';
import { post, query } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert, Loaded, Page } from '../../components/page.tsx';
import { Section } from '../../components/section.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { StatementHtml } from '../../components/statement-html.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { RecipientsSection } from './recipients-section.tsx';

interface Finding {
  id: string;
  severity: 'error' | 'warning';
  path: string;
  message: string;
  law: string | null;
}
interface Preview {
  content: string;
  publishedVersion: number | null;
  unpublishedChanges: boolean;
}
interface Version {
  version: number;
  publishedAt: string;
  materialChange: boolean;
  changeSummary: string | null;
}

/** The dpo's policy page: what the linter finds, the statement (preview, publish), the registers. */
export function PolicyPage() {
  const { t } = useI18n();
  const findings = useApi<{ findings: Finding[] }>('/api/policy/findings');
  if (findings.error?.status === 403) {
    return (
      <Page title={t('policy.title')}>
        <ErrorAlert error={findings.error} />
      </Page>
    );
  }
  return (
    <Page title={t('policy.title')}>
      <Section title={t('policy.findings')}>
        <Loaded data={findings.data} error={findings.error}>
          {({ findings: list }) => (list.length === 0 ? <Text>{t('policy.noFindings')}</Text> : <Findings findings={list} />)}
        </Loaded>
      </Section>
      <Statement />
      <RecipientsSection />
      <Section title={t('policy.record')} intro={t('policy.recordIntro')}>
        <Group>
          {(['html', 'csv', 'json'] as const).map((format) => (
            <Anchor key={format} href={`/api/registers/processing-activities${query({ format })}`} download={`processing-activities.${format}`}>
              {t('policy.download', { format: format.toUpperCase() })}
            </Anchor>
          ))}
        </Group>
      </Section>
    </Page>
  );
}

function Findings({ findings }: { findings: Finding[] }) {
  const { t } = useI18n();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('policy.severity')}</Table.Th>
            <Table.Th>{t('policy.path')}</Table.Th>
            <Table.Th>{t('policy.message')}</Table.Th>
            <Table.Th>{t('policy.law')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {findings.map((f) => (
            <Table.Tr key={`${f.id}:${f.path}`}>
              <Table.Td>
                <StateBadge color={f.severity === 'error' ? 'red' : 'yellow'}>
                  {t(`policy.severity.${f.severity}`)}
                </StateBadge>
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {f.path}
                </Text>
              </Table.Td>
              <Table.Td>{f.message}</Table.Td>
              <Table.Td>{f.law ?? '–'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Statement() {
  const { t, date } = useI18n();
  const [lang, setLang] = useState('nl');
  const preview = useApi<Preview>(`/api/statement/preview${query({ lang, format: 'html' })}`);
  const versions = useApi<{ versions: Version[] }>('/api/statement/versions');
  const [material, setMaterial] = useState(false);
  const [summary, setSummary] = useState('');
  const [message, setMessage] = useState<string>();
  const publish = useAction(
    useCallback(() => post<{ published: boolean; message: string }>('/api/statement/publish', { ...(material ? { materialChange: true } : {}), ...(summary.trim() === '' ? {} : { changeSummary: summary.trim() }) }), [material, summary]),
    useCallback(
      (r: { message: string }) => {
        setMessage(r.message);
        setSummary('');
        setMaterial(false);
        preview.reload();
        versions.reload();
      },
      [preview, versions],
    ),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(undefined);
    void publish.run();
  };
  return (
    <Section title={t('policy.statement')}>
      <SegmentedControl
        aria-label={t('policy.previewLanguage')}
        w="fit-content"
        value={lang}
        onChange={setLang}
        data={[
          { value: 'nl', label: 'Nederlands' },
          { value: 'en', label: 'English' },
        ]}
      />
      <Loaded data={preview.data} error={preview.error}>
        {(p) => (
          <Stack gap="xs">
            <Group>
              <Text>{p.publishedVersion === null ? t('policy.neverPublished') : t('policy.published', { version: p.publishedVersion })}</Text>
              <StateBadge color={p.unpublishedChanges ? 'yellow' : 'green'}>
                {p.unpublishedChanges ? t('policy.unpublished') : t('policy.upToDate')}
              </StateBadge>
            </Group>
            <Box tabIndex={0} role="region" aria-label={t('policy.statement')} mah={320} style={{ overflow: 'auto', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}>
              <StatementHtml html={p.content} lang={lang} />
            </Box>
          </Stack>
        )}
      </Loaded>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Checkbox label={t('policy.materialChange')} checked={material} onChange={(e) => setMaterial(e.currentTarget.checked)} />
          <TextInput label={t('policy.changeSummary')} required={material} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} />
          <ErrorAlert error={publish.error} />
          {message !== undefined && (
            <Alert color="green" role="status">
              {message}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={publish.busy}>
              {t('policy.publish')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Loaded data={versions.data} error={versions.error}>
        {({ versions: list }) =>
          list.length === 0 ? null : (
            <Table.ScrollContainer minWidth={560}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('policy.version')}</Table.Th>
                    <Table.Th>{t('policy.publishedAt')}</Table.Th>
                    <Table.Th>{t('policy.changeSummary')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((v) => (
                    <Table.Tr key={v.version}>
                      <Table.Td>{v.version}</Table.Td>
                      <Table.Td>{date(v.publishedAt, true)}</Table.Td>
                      <Table.Td>{v.changeSummary ?? '–'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </Loaded>
    </Section>
  );
}

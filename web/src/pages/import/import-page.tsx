import { Button, Checkbox, FileInput, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { postRaw, query } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert, Page } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { can, useSession } from '../../session/session.tsx';
import { ImportResultView } from './import-result.tsx';
import { COLUMNS, IMPORT_KINDS, type ImportKind, type ImportResult } from './types.ts';

/**
 * Import of organisations, persons, contact persons and invoices issued before (POST /api/imports): upload, a dry run that shows every row
 * with its problems, then the import; and for the dpo the export of everything held (GET /api/export).
 */
export function ImportPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const [kind, setKind] = useState<ImportKind>('organisations');
  const [file, setFile] = useState<File | null>(null);
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const send = useAction(
    async (dryRun: boolean) =>
      file === null
        ? undefined
        : postRaw<ImportResult>(
            `/api/imports${query({ kind, filename: file.name, dryRun: String(dryRun), skipBadRows: String(skipBadRows) })}`,
            file,
            /\.(vcf|vcard)$/i.test(file.name) ? 'text/vcard' : 'text/csv',
          ),
    (r) => setResult(r ?? null),
  );
  const columns = COLUMNS[kind];
  const label = (c: string) => t(`import.column.${c}`);
  const choose = (change: () => void) => {
    change();
    setResult(null);
    send.clearError();
  };
  return (
    <Page title={t('nav.import')}>
      <Paper withBorder p="md">
        <Stack>
          <Title order={3} size="h4">
            {t('import.title')}
          </Title>
          <Text size="sm" c="gray.7">
            {t('import.intro')}
          </Text>
          <Stack gap={4}>
            {/* Radios rather than segments: four kinds, the longest a phrase, wrap on a narrow screen. */}
            <Radio.Group
              label={t('import.kind')}
              value={kind}
              onChange={(v) => choose(() => setKind(IMPORT_KINDS.find((k) => k === v) ?? 'organisations'))}
            >
              <Group mt={4} gap="lg">
                {IMPORT_KINDS.map((k) => (
                  <Radio key={k} value={k} label={t(`import.kind.${k}`)} />
                ))}
              </Group>
            </Radio.Group>
            {kind === 'invoices' && (
              <Text size="sm" c="gray.7">
                {t('import.invoicesIntro')}
              </Text>
            )}
            <Text size="sm" c="gray.7">
              {t('import.columns', {
                columns: [...columns.required, ...columns.optional].map(label).join(', '),
                required: columns.required.map(label).join(', '),
              })}
            </Text>
          </Stack>
          <FileInput
            label={t('import.file')}
            accept=".csv,.txt,.vcf,text/csv,text/vcard"
            clearable
            clearButtonProps={{ 'aria-label': t('import.clearFile') }}
            value={file}
            onChange={(f) => choose(() => setFile(f))}
            placeholder={t('import.choose')}
          />
          <Checkbox
            label={t('import.skipBadRows')}
            checked={skipBadRows}
            onChange={(e) => setSkipBadRows(e.currentTarget.checked)}
          />
          <ErrorAlert error={send.error} />
          <Group justify="flex-end">
            <Button variant="default" disabled={file === null} loading={send.busy} onClick={() => void send.run(true)}>
              {t('import.check')}
            </Button>
            <Button
              disabled={file === null || result === null || !result.dryRun}
              loading={send.busy}
              onClick={() => void send.run(false)}
            >
              {t('import.run')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {result !== null && <ImportResultView result={result} />}
      {can(session, 'export_all') && (
        <Paper withBorder p="md">
          <Stack>
            <Title order={3} size="h4">
              {t('export.title')}
            </Title>
            <Text size="sm" c="gray.7">
              {t('export.intro')}
            </Text>
            <Group>
              <Button component="a" href="/api/export?format=json" variant="default">
                {t('export.json')}
              </Button>
              <Button component="a" href="/api/export?format=csv" variant="default">
                {t('export.csv')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Page>
  );
}

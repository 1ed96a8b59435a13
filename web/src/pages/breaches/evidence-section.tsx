import { Button, FileInput, Group, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert } from '../../components/page.tsx';
import { type FileScan, ScannedFile } from '../../components/scan.tsx';
import { Section } from '../../components/section.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

/** A file kept with a breach (src/breaches/breach-evidence.schema.ts). */
interface Evidence {
  id: string;
  filename: string;
  sizeBytes: number;
  scan: FileScan;
  addedAt: string;
}

/** Base64 of a file, without the data-URL prefix. */
const base64Of = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result.replace(/^data:[^,]*,/, '') : '');
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });

/** The evidence of a breach (Art. 33(5): the facts), each file scanned for viruses before it is kept. */
export function EvidenceSection({ breachId }: { breachId: string }) {
  const { t, date } = useI18n();
  const list = useApi<{ evidence: Evidence[] }>(`/api/breaches/${breachId}/evidence`);
  const [file, setFile] = useState<File | null>(null);
  const add = useAction(
    async () =>
      file === null
        ? undefined
        : post(`/api/breaches/${breachId}/evidence`, {
            filename: file.name,
            contentType: file.type === '' ? 'application/octet-stream' : file.type,
            contentBase64: await base64Of(file),
          }),
    () => {
      setFile(null);
      list.reload();
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void add.run();
  };
  const evidence = list.data?.evidence ?? [];
  return (
    <Section title={t('evidence.title')} intro={t('evidence.intro')}>
      <ErrorAlert error={list.error} />
      {evidence.length === 0 ? (
        <Text size="sm">{t('evidence.none')}</Text>
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('evidence.title')}>
          {evidence.map((e) => (
            <Group component="li" key={e.id} gap="sm">
              <ScannedFile href={`/api/breach-evidence/${e.id}`} filename={e.filename} sizeBytes={e.sizeBytes} scan={e.scan} />
              <Text size="xs" c="gray.7">
                {t('evidence.addedAt', { date: date(e.addedAt, true) })}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      <form onSubmit={submit}>
        <Stack gap="xs">
          <ErrorAlert error={add.error} />
          <FileInput label={t('evidence.file')} clearable value={file} onChange={setFile} placeholder={t('evidence.choose')} />
          <Group justify="flex-end">
            <Button type="submit" loading={add.busy} disabled={file === null}>
              {t('evidence.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

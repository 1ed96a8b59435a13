import {
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { EmlImport } from '../../components/eml-import.tsx';
import { ScannedFile } from '../../components/scan.tsx';
import { ErrorAlert, Loaded, Page } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { CHANNELS, CaseStatus } from './cases-section.tsx';
import type { Case, Message } from '../customers/types.ts';
import { DateTimeField } from '../../components/date-field.tsx';

/** A case with its messages (P5): add a message with attachments, close it (retention counts from then) or reopen it. */
export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const loaded = useApi<Case>(`/api/cases/${id}`);
  return (
    <Loaded data={loaded.data} error={loaded.error}>
      {(c) => (
        <Page title={`${c.reference} · ${c.title}`} actions={<OpenClose case={c} reload={loaded.reload} />}>
          <Group gap="xs">
            <Badge variant="light" color="gray">
              {t(`records.caseKind.${c.kind}`)}
            </Badge>
            <CaseStatus status={c.status} />
            <Anchor component={Link} to={`/customers/${c.subjectId}`}>
              {t('records.toCustomer')}
            </Anchor>
          </Group>
          {c.messages.length === 0 ? (
            <Text>{t('records.noMessages')}</Text>
          ) : (
            // Only <li> children: a list with anything else fails axe's `list` rule.
            <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('records.messages')}>
              {c.messages.map((m) => (
                <MessageCard key={m.id} message={m} />
              ))}
            </Stack>
          )}
          {c.status === 'open' ? (
            <>
              <AddMessage caseId={c.id} reload={loaded.reload} />
              <EmlImport
                url={`/api/cases/${c.id}/messages/eml`}
                texts={{
                  title: t('records.emlImport'),
                  hint: t('records.emlImportHint'),
                  file: t('records.emlFile'),
                  choose: t('records.emlChoose'),
                  submit: t('records.emlSubmit'),
                }}
                onDone={loaded.reload}
              />
            </>
          ) : (
            <Text c="gray.7">{t('records.closedNote')}</Text>
          )}
        </Page>
      )}
    </Loaded>
  );
}

function OpenClose({ case: c, reload }: { case: Case; reload: () => void }) {
  const { t } = useI18n();
  const action = useAction(() => post(`/api/cases/${c.id}/${c.status === 'open' ? 'close' : 'reopen'}`), reload);
  return (
    <Group>
      <ErrorAlert error={action.error} />
      <Button variant="light" loading={action.busy} onClick={() => void action.run()}>
        {c.status === 'open' ? t('records.closeCase') : t('records.reopenCase')}
      </Button>
    </Group>
  );
}

function MessageCard({ message: m }: { message: Message }) {
  const { t, date } = useI18n();
  return (
    <Card component="li" withBorder padding="md" bg={m.direction === 'outbound' ? 'indigo.0' : undefined}>
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Badge variant="light" color={m.direction === 'inbound' ? 'cyan' : 'indigo'}>
            {t(`records.direction.${m.direction}`)}
          </Badge>
          <Badge variant="outline" color="gray">
            {t(`records.channel.${m.channel}`)}
          </Badge>
          {m.title !== null && <Text fw={600}>{m.title}</Text>}
        </Group>
        <Text size="sm" c="gray.7">
          {date(m.occurredAt, true)}
        </Text>
      </Group>
      {(m.from !== null || m.to !== null) && (
        <Text size="sm" c="gray.7">
          {m.from !== null && `${t('records.from')}: ${m.from}`} {m.to !== null && `${t('records.to')}: ${m.to}`}
        </Text>
      )}
      <Text style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Text>
      {m.attachments.length > 0 && (
        <Group gap="xs" mt="xs">
          {m.attachments.map((a) => (
            <ScannedFile
              key={a.id}
              href={`/api/attachments/${a.id}`}
              filename={a.filename}
              sizeBytes={a.sizeBytes}
              scan={a.scan}
            />
          ))}
        </Group>
      )}
    </Card>
  );
}

/** Base64 of a file, without the data-URL prefix. */
const base64Of = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result.replace(/^data:[^,]*,/, '') : '');
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });

/** A local time for datetime-local inputs, and back to an ISO moment. */
const localNow = () => {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

function AddMessage({ caseId, reload }: { caseId: string; reload: () => void }) {
  const { t } = useI18n();
  const [direction, setDirection] = useState('inbound');
  const [channel, setChannel] = useState('email');
  const [occurredAt, setOccurredAt] = useState(localNow);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const save = useAction(
    async () =>
      post(`/api/cases/${caseId}/messages`, {
        direction,
        channel,
        occurredAt: new Date(occurredAt).toISOString(),
        ...(title.trim() === '' ? {} : { title: title.trim() }),
        body,
        attachments: await Promise.all(
          files.map(async (f) => ({
            filename: f.name,
            contentType: f.type === '' ? 'application/octet-stream' : f.type,
            contentBase64: await base64Of(f),
          })),
        ),
      }),
    () => {
      setTitle('');
      setBody('');
      setFiles([]);
      reload();
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit}>
        <Stack>
          <Title order={3} size="h4">
            {t('records.addMessage')}
          </Title>
          <ErrorAlert error={save.error} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('records.direction')}
              value={direction}
              allowDeselect={false}
              onChange={(v) => setDirection(v ?? 'inbound')}
              data={['inbound', 'outbound'].map((d) => ({ value: d, label: t(`records.direction.${d}`) }))}
            />
            <Select
              label={t('records.channel')}
              value={channel}
              allowDeselect={false}
              onChange={(v) => setChannel(v ?? 'email')}
              data={CHANNELS.map((c) => ({ value: c, label: t(`records.channel.${c}`) }))}
            />
            <DateTimeField label={t('records.occurredAt')} required value={occurredAt} onChange={(v) => setOccurredAt(v)} />
          </SimpleGrid>
          <TextInput label={t('records.subjectLine')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
          <Textarea
            label={t('records.body')}
            autosize
            minRows={4}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
          <FileInput
            label={t('records.attachments')}
            multiple
            clearable
            value={files}
            onChange={setFiles}
            placeholder={t('records.chooseFiles')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.busy}>
              {t('records.addMessage')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

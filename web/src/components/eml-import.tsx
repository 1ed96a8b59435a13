import { Button, FileInput, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { postRaw } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { ErrorAlert } from './page.tsx';

/** The texts of the form, from the area's own messages file. */
export interface EmlImportTexts {
  title: string;
  hint: string;
  file: string;
  choose: string;
  submit: string;
}

/**
 * Uploads a mail saved from the mail program (.eml) as it is, Content-Type message/rfc822, to `url`
 * (a case's or a request's messages/eml); the server parses it and keeps its text and attachments.
 */
export function EmlImport({ url, texts, onDone }: { url: string; texts: EmlImportTexts; onDone: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const upload = useAction(
    async () => (file === null ? undefined : postRaw(url, file, 'message/rfc822')),
    () => {
      setFile(null);
      onDone();
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void upload.run();
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit}>
        <Stack>
          <Title order={3} size="h4">
            {texts.title}
          </Title>
          <Text size="sm" c="gray.7">
            {texts.hint}
          </Text>
          <ErrorAlert error={upload.error} />
          <FileInput
            label={texts.file}
            accept=".eml,message/rfc822"
            clearable
            required
            value={file}
            onChange={setFile}
            placeholder={texts.choose}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={upload.busy} disabled={file === null}>
              {texts.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

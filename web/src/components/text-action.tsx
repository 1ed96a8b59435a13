import { Button, Group, Stack, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { ApiError } from '../api/client.ts';
import { ErrorAlert } from './page.tsx';

/**
 * A change that needs one text from the user (a reason, a note, an answer): a labelled text area and a
 * button, the API's error under it. The text stays when the API refuses it, so the user can correct it.
 */
export function TextAction({
  label,
  submit,
  description,
  minRows = 2,
  busy,
  error,
  onSubmit,
  color,
  required = true,
}: {
  label: string;
  submit: string;
  description?: string;
  minRows?: number;
  busy: boolean;
  error: ApiError | undefined;
  onSubmit: (text: string) => Promise<unknown>;
  color?: string;
  /** False where the text may stay empty (an optional note). */
  required?: boolean;
}) {
  const [text, setText] = useState('');
  const send = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit(text.trim()).then((result) => {
      if (result !== undefined) setText('');
    });
  };
  return (
    <form onSubmit={send}>
      <Stack gap="xs">
        <Textarea
          label={label}
          description={description}
          autosize
          minRows={minRows}
          required={required}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <ErrorAlert error={error} />
        <Group>
          <Button type="submit" loading={busy} color={color}>
            {submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { query } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Loaded } from './page.tsx';

export interface PickedSubject {
  id: string;
  reference: string;
  firstName: string;
  lastName: string;
  email: string | null;
}

/**
 * Finds a customer by name, e-mail, phone or reference (GET /api/subjects?q=, logged as a consult) and
 * hands the chosen one to the page. Searches only when asked, so typing logs nothing.
 */
export function SubjectPicker({
  label,
  picked,
  onPick,
}: {
  label: string;
  picked: PickedSubject | null;
  onPick: (s: PickedSubject | null) => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [search, setSearch] = useState<string | null>(null);
  const found = useApi<{ subjects: PickedSubject[] }>(search === null ? null : `/api/subjects${query({ q: search, limit: 10 })}`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim().length >= 2) setSearch(text.trim());
  };
  if (picked !== null) {
    return (
      <Group>
        <Text fw={600}>
          {picked.firstName} {picked.lastName} ({picked.reference})
        </Text>
        <Button variant="subtle" size="xs" onClick={() => onPick(null)}>
          {t('picker.change')}
        </Button>
      </Group>
    );
  }
  return (
    <Stack gap="xs">
      <form onSubmit={submit}>
        <Group align="end">
          <TextInput label={label} description={t('picker.hint')} value={text} onChange={(e) => setText(e.currentTarget.value)} />
          <Button type="submit" variant="light">
            {t('common.search')}
          </Button>
        </Group>
      </form>
      {search !== null && (
        <Loaded data={found.data} error={found.error}>
          {({ subjects }) =>
            subjects.length === 0 ? (
              <Text>{t('picker.none')}</Text>
            ) : (
              <Group gap="xs">
                {subjects.map((s) => (
                  <Button key={s.id} variant="default" size="xs" onClick={() => onPick(s)}>
                    {s.firstName} {s.lastName} · {s.reference}
                  </Button>
                ))}
              </Group>
            )
          }
        </Loaded>
      )}
    </Stack>
  );
}

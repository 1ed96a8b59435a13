import { Alert, Button, Checkbox, Radio, Stack } from '@mantine/core';
import { type FormEvent, useCallback, useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert, Loaded } from '../../components/page.tsx';
import { Section } from '../../components/section.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

interface Preferences {
  language: 'nl' | 'en';
  reminders: string[];
  available: string[];
}

/** The reminders by mail the account gets, of those its role can act on, and the language of its mail. */
export function Reminders() {
  const { t } = useI18n();
  const prefs = useApi<Preferences>('/api/account/reminders');
  return (
    <Section title={t('account.reminders')} intro={t('account.remindersIntro')}>
      <Loaded data={prefs.data} error={prefs.error}>
        {(p) => <ReminderForm initial={p} />}
      </Loaded>
    </Section>
  );
}

function ReminderForm({ initial }: { initial: Preferences }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState(initial.reminders);
  const [language, setLanguage] = useState(initial.language);
  const [saved, setSaved] = useState(false);
  const save = useAction(
    useCallback(() => api<Preferences>('PUT', '/api/account/reminders', { language, reminders: chosen }), [language, chosen]),
    useCallback(() => setSaved(true), []),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void save.run();
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm" align="flex-start">
        {initial.available.length === 0 ? (
          <Alert color="gray">{t('account.noReminders')}</Alert>
        ) : (
          <Checkbox.Group label={t('account.remindersChoose')} value={chosen} onChange={setChosen}>
            <Stack gap={6} mt={6}>
              {initial.available.map((k) => (
                <Checkbox key={k} value={k} label={t(`account.reminder.${k}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        <Radio.Group label={t('account.mailLanguage')} value={language} onChange={(v) => setLanguage(v === 'en' ? 'en' : 'nl')}>
          <Stack gap={6} mt={6}>
            <Radio value="nl" label="Nederlands" lang="nl" />
            <Radio value="en" label="English" lang="en" />
          </Stack>
        </Radio.Group>
        <Button type="submit" loading={save.busy}>
          {t('account.saveReminders')}
        </Button>
        <ErrorAlert error={save.error} />
        {saved && (
          <Alert color="green" role="status">
            {t('account.remindersSaved')}
          </Alert>
        )}
      </Stack>
    </form>
  );
}

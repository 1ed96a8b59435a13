import { Alert, Button, Group, PasswordInput, SimpleGrid, Stack } from '@mantine/core';
import { type FormEvent, useCallback, useState } from 'react';
import { post } from '../../api/client.ts';
import { fieldProblems } from '../../api/error-text.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../components/page.tsx';
import { Section } from '../../components/section.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';

/**
 * Changing one's own password: the current one, the new one twice. On "My account", and as the whole page at the
 * first sign-in with a password someone else chose. The session is renewed by the server (new cookie and CSRF token).
 */
export function PasswordChange({ title, intro, onChanged }: { title: string; intro: string; onChanged?: () => void }) {
  const { t, language } = useI18n();
  const { refresh } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [changed, setChanged] = useState(false);
  const change = useAction(
    useCallback(() => post('/api/account/password', { currentPassword: current, newPassword: next }), [current, next]),
    useCallback(() => {
      setChanged(true);
      setCurrent('');
      setNext('');
      setRepeat('');
      void refresh().then(() => onChanged?.());
    }, [refresh, onChanged]),
  );
  const mismatch = repeat !== '' && repeat !== next;
  const problem = fieldProblems(change.error, t, language);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChanged(false);
    if (!mismatch) void change.run();
  };
  return (
    <Section title={title} intro={intro}>
      <form onSubmit={submit}>
        <Stack gap="sm" maw={720}>
          <PasswordInput
            label={t('account.current')}
            autoComplete="current-password"
            required
            value={current}
            error={problem.currentPassword}
            onChange={(e) => setCurrent(e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <PasswordInput
              label={t('account.new')}
              autoComplete="new-password"
              required
              minLength={12}
              value={next}
              error={problem.newPassword}
              onChange={(e) => setNext(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('account.repeat')}
              autoComplete="new-password"
              required
              value={repeat}
              error={mismatch ? t('account.mismatch') : undefined}
              onChange={(e) => setRepeat(e.currentTarget.value)}
            />
          </SimpleGrid>
          <ErrorAlert error={change.error} atFields={['currentPassword', 'newPassword']} />
          {changed && (
            <Alert color="green" role="status">
              {t('account.changed')}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={change.busy} disabled={mismatch}>
              {t('account.change')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

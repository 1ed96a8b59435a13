import { Alert, Anchor, Button, Center, Paper, PasswordInput, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { ApiError, post } from '../../api/client.ts';
import { errorText } from '../../api/error-text.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * Opened from the invitation mail: the person chooses their own password. The token is after '#' in the link, so it
 * never reaches a server log or a Referer header; only this page reads it and sends it once, in the body.
 */
export function InvitationPage() {
  const { t, language, setLanguage } = useI18n();
  const token = useLocation().hash.replace(/^#/, '');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const mismatch = repeat !== '' && repeat !== password;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setError(undefined);
    try {
      await post('/api/invitations/accept', { token, password });
      setDone(true);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" component="main">
      <Paper withBorder shadow="sm" p="xl" w={440}>
        <Stack>
          <SegmentedControl
            size="xs"
            aria-label={t('nav.language')}
            value={language}
            onChange={(v) => setLanguage(v === 'en' ? 'en' : 'nl')}
            data={[
              { value: 'nl', label: 'NL' },
              { value: 'en', label: 'EN' },
            ]}
            style={{ alignSelf: 'flex-end' }}
          />
          <Title order={1} size="h2">
            {t('invitation.title')}
          </Title>
          {done ? (
            <Alert color="green" role="status">
              <Stack gap="xs">
                <Text>{t('invitation.done')}</Text>
                <Anchor component={Link} to="/login">
                  {t('invitation.signIn')}
                </Anchor>
              </Stack>
            </Alert>
          ) : token.length < 20 ? (
            <Alert color="red" role="alert">
              {t('errors.invitation_invalid')}
            </Alert>
          ) : (
            <form onSubmit={(e) => void submit(e)}>
              <Stack>
                <Text>{t('invitation.intro')}</Text>
                {error !== undefined && (
                  <Alert color="red" role="alert">
                    {errorText(error, t)}
                  </Alert>
                )}
                <PasswordInput
                  label={t('account.new')}
                  description={t('invitation.rules')}
                  autoComplete="new-password"
                  required
                  minLength={12}
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                />
                <PasswordInput
                  label={t('account.repeat')}
                  autoComplete="new-password"
                  required
                  value={repeat}
                  error={mismatch ? t('account.mismatch') : undefined}
                  onChange={(e) => setRepeat(e.currentTarget.value)}
                />
                <Button type="submit" loading={busy} disabled={mismatch}>
                  {t('invitation.submit')}
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}

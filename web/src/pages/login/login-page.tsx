import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { errorText } from '../../api/error-text.ts';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';

/** Password and, when the account has one, the second factor's code in the same request. */
export function LoginPage() {
  const { t } = useI18n();
  const { session, signIn } = useSession();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (session) return <Navigate to="/" replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(email, password, needsCode ? code : undefined);
      void navigate('/');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'second_factor_code_required') {
        setNeedsCode(true);
        setError(t('login.codeNeeded'));
      } else if (e instanceof ApiError && e.code === 'unauthenticated')
        setError(t(needsCode ? 'login.wrongCode' : 'login.wrong'));
      else setError(e instanceof ApiError ? errorText(e, t) : t('login.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" component="main">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            <Title order={1} size="h2">
              {t('app.name')}
            </Title>
            <Text size="sm" c="gray.7">
              {t('app.tagline')}
            </Text>
            <Title order={2} size="h4">
              {t('login.title')}
            </Title>
            {error !== undefined && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <TextInput
              label={t('login.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('login.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            {needsCode && (
              <TextInput
                label={t('login.code')}
                autoComplete="one-time-code"
                required
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                data-autofocus
              />
            )}
            <Button type="submit" loading={busy}>
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

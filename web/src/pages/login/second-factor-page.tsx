import { Alert, Button, Code, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, post } from '../../api/client.ts';
import { errorText } from '../../api/error-text.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';

/** Enrolment of the TOTP second factor: the key for the app, a code to confirm, the recovery codes once. */
export function SecondFactorPage() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [secret, setSecret] = useState<{ secret: string; otpauthUri: string; qrSvg: string }>();
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    post<{ secret: string; otpauthUri: string; qrSvg: string }>('/api/account/second-factor')
      .then(setSecret)
      .catch((e: unknown) => setError(e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e))));
  }, []);
  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const answer = await post<{ recoveryCodes: string[] }>('/api/account/second-factor/confirm', { code });
      setRecoveryCodes(answer.recoveryCodes);
      setError(undefined);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e)));
    }
  };
  return (
    <Paper withBorder p="xl" maw={560} component="section">
      <Stack>
        <Title order={2}>{t('enrol.title')}</Title>
        {error !== undefined && (
          <Alert color="red" role="alert">
            {errorText(error, t)}
          </Alert>
        )}
        {recoveryCodes === undefined ? (
          <form onSubmit={(e) => void confirm(e)}>
            <Stack>
              <Text>{t('enrol.intro')}</Text>
              {secret !== undefined && (
                <>
                  <Text size="sm">{t('enrol.qr')}</Text>
                  <img
                    src={`data:image/svg+xml;utf8,${encodeURIComponent(secret.qrSvg)}`}
                    alt={t('enrol.qrAlt')}
                    width={200}
                    height={200}
                    data-testid="totp-qr"
                  />
                  <Text size="sm">{t('enrol.secret')}</Text>
                  <Code data-testid="totp-secret">{secret.secret}</Code>
                  <Text size="sm">{t('enrol.uri')}</Text>
                  {/* Wrapped, not scrolled: a scrolling block would need keyboard focus (WCAG 2.1.1). */}
                  <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {secret.otpauthUri}
                  </Code>
                </>
              )}
              <TextInput
                label={t('enrol.code')}
                autoComplete="one-time-code"
                required
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
              />
              <Button type="submit">{t('enrol.confirm')}</Button>
            </Stack>
          </form>
        ) : (
          <Stack>
            <Text>{t('enrol.recoveryCodes')}</Text>
            <List>
              {recoveryCodes.map((c) => (
                <List.Item key={c}>
                  <Code>{c}</Code>
                </List.Item>
              ))}
            </List>
            <Button onClick={() => void refresh().then(() => navigate('/'))}>{t('enrol.done')}</Button>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

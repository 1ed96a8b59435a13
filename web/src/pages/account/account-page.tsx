import { Alert, Button, Code, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useCallback, useState } from 'react';
import { Link } from 'react-router';
import { post } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert, Loaded, Page } from '../../components/page.tsx';
import { Section } from '../../components/section.tsx';
import { PasswordChange } from './password-change.tsx';
import { Reminders } from './reminders.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { roleLabel } from '../../i18n/role-label.ts';
import { useSession } from '../../session/session.tsx';

interface Account {
  email: string;
  displayName: string;
  role: string;
  secondFactorConfirmedAt: string | null;
}

/** Everyone's own account: the password, the second factor, new recovery codes, the reminders by mail. */
export function AccountPage() {
  const { t, date } = useI18n();
  const { session } = useSession();
  const account = useApi<Account>('/api/account');
  return (
    <Page title={t('account.title')}>
      <Loaded data={account.data} error={account.error}>
        {(a) => (
          <Stack>
            <Text>
              {a.displayName} · {a.email} · {t('account.role', { role: roleLabel(t, a.role) })}
            </Text>
            <PasswordChange title={t('account.password')} intro={t('account.passwordIntro')} />
            <Section title={t('account.secondFactor')}>
              {a.secondFactorConfirmedAt !== null ? (
                <Alert color="green" role="status">
                  {t('account.secondFactorOn')} ({date(a.secondFactorConfirmedAt)})
                </Alert>
              ) : (
                <Stack gap="xs" align="flex-start">
                  <Text>
                    {session?.secondFactorRequired === true
                      ? t('account.secondFactorRequired', { role: roleLabel(t, a.role) })
                      : t('account.secondFactorOptional')}
                  </Text>
                  <Button component={Link} to="/second-factor" variant="light">
                    {t('account.enrol')}
                  </Button>
                </Stack>
              )}
            </Section>
            {a.secondFactorConfirmedAt !== null && <RecoveryCodes />}
            <Reminders />
          </Stack>
        )}
      </Loaded>
    </Page>
  );
}

function RecoveryCodes() {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[]>();
  const renew = useAction(
    useCallback(
      () => post<{ recoveryCodes: string[] }>('/api/account/second-factor/recovery-codes', { code: code.trim() }),
      [code],
    ),
    useCallback((r: { recoveryCodes: string[] }) => {
      setCodes(r.recoveryCodes);
      setCode('');
    }, []),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void renew.run();
  };
  return (
    <Section title={t('account.recovery')} intro={t('account.recoveryIntro')}>
      <form onSubmit={submit}>
        <Group align="end">
          <TextInput
            label={t('account.code')}
            autoComplete="one-time-code"
            required
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
          />
          <Button type="submit" loading={renew.busy}>
            {t('account.newCodes')}
          </Button>
        </Group>
      </form>
      <ErrorAlert error={renew.error} />
      {codes !== undefined && (
        <Alert color="indigo" role="status" title={t('account.codesShownOnce')}>
          <List>
            {codes.map((c) => (
              <List.Item key={c}>
                <Code>{c}</Code>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Section>
  );
}

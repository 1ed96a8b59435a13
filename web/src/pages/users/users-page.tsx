import {
  Alert,
  Button,
  Code,
  Group,
  PasswordInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useCallback, useState } from 'react';
import { post } from '../../api/client.ts';
import { fieldProblems } from '../../api/error-text.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorAlert, Loaded, Page } from '../../components/page.tsx';
import { Section } from '../../components/section.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

interface User {
  id: string;
  email: string;
  displayName: string;
  role: string;
  createdAt: string;
  disabledAt: string | null;
  lastLoginAt: string | null;
  secondFactorConfirmedAt: string | null;
  passwordChangeRequired: boolean;
  invitedUntil: string | null;
}
interface ApiToken {
  id: string;
  name: string;
  role: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const ROLES = ['staff', 'accountant', 'dpo'];

/** Accounts (add with a role, disable) and API tokens (create, shown once; revoke): the dpo's. */
export function UsersPage() {
  const { t } = useI18n();
  const users = useApi<{ users: User[] }>('/api/users');
  if (users.error?.status === 403) {
    return (
      <Page title={t('users.title')}>
        <ErrorAlert error={users.error} />
      </Page>
    );
  }
  return (
    <Page title={t('users.title')}>
      <Section title={t('users.accounts')}>
        <Loaded data={users.data} error={users.error}>
          {({ users: list }) => <UserTable users={list} onChange={users.reload} />}
        </Loaded>
      </Section>
      <AddUser onAdded={users.reload} />
      <Tokens />
    </Page>
  );
}

function UserTable({ users, onChange }: { users: User[]; onChange: () => void }) {
  const { t, date, language } = useI18n();
  const disable = useAction(
    useCallback((id: string) => post<User>(`/api/users/${id}/disable`), []),
    onChange,
  );
  const [reinvited, setReinvited] = useState<User>();
  const reinvite = useAction(
    useCallback((id: string) => post<User>(`/api/users/${id}/invitation`, { language }), [language]),
    useCallback(
      (u: User) => {
        setReinvited(u);
        onChange();
      },
      [onChange],
    ),
  );
  return (
    <Stack gap="xs">
      <ErrorAlert error={disable.error} />
      <ErrorAlert error={reinvite.error} />
      {reinvited !== undefined && (
        <Alert color="green" role="status">
          {t('users.reinvited', { email: reinvited.email, date: date(reinvited.invitedUntil) })}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={820}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.name')}</Table.Th>
              <Table.Th>{t('users.email')}</Table.Th>
              <Table.Th>{t('users.role')}</Table.Th>
              <Table.Th>{t('users.secondFactor')}</Table.Th>
              <Table.Th>{t('users.lastLogin')}</Table.Th>
              <Table.Th>{t('users.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>{u.displayName}</Table.Td>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>{t(`users.role.${u.role}`)}</Table.Td>
                <Table.Td>{u.secondFactorConfirmedAt === null ? t('users.no') : t('users.yes')}</Table.Td>
                <Table.Td>{date(u.lastLoginAt, true)}</Table.Td>
                <Table.Td>
                  {u.disabledAt === null ? (
                    <Group gap="xs">
                      {u.invitedUntil !== null ? (
                        <StateBadge color="yellow">{t('users.invitedUntil', { date: date(u.invitedUntil) })}</StateBadge>
                      ) : u.lastLoginAt === null ? (
                        <StateBadge color="gray">{t('users.notYetSignedIn')}</StateBadge>
                      ) : (
                        <StateBadge color="green">{t('users.active')}</StateBadge>
                      )}
                      {u.passwordChangeRequired && <StateBadge color="yellow">{t('users.mustChange')}</StateBadge>}
                      {u.lastLoginAt === null && (
                        <Button
                          size="compact-xs"
                          variant="outline"
                          loading={reinvite.busy}
                          onClick={() => void reinvite.run(u.id)}
                          aria-label={`${t('users.reinvite')} ${u.email}`}
                        >
                          {t('users.reinvite')}
                        </Button>
                      )}
                      <Button
                        size="compact-xs"
                        variant="outline"
                        color="red.9"
                        loading={disable.busy}
                        onClick={() => void disable.run(u.id)}
                        aria-label={`${t('users.disable')} ${u.email}`}
                      >
                        {t('users.disable')}
                      </Button>
                    </Group>
                  ) : (
                    <StateBadge color="gray">{t('users.disabled')}</StateBadge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function AddUser({ onAdded }: { onAdded: () => void }) {
  const { t, date, language } = useI18n();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<string | null>('staff');
  // Inviting is the default: then nobody but the person ever knows their password.
  const [how, setHow] = useState<'invite' | 'password'>('invite');
  const [inviteLanguage, setInviteLanguage] = useState<string | null>(language);
  const [password, setPassword] = useState('');
  const [added, setAdded] = useState<User>();
  const add = useAction(
    useCallback(
      () =>
        post<User>('/api/users', {
          email: email.trim(),
          displayName: displayName.trim(),
          role,
          ...(how === 'invite' ? { language: inviteLanguage } : { password }),
        }),
      [email, displayName, role, how, inviteLanguage, password],
    ),
    useCallback(
      (u: User) => {
        setAdded(u);
        setEmail('');
        setDisplayName('');
        setPassword('');
        onAdded();
      },
      [onAdded],
    ),
  );
  const problem = fieldProblems(add.error, t, language);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(undefined);
    void add.run();
  };
  return (
    <Section title={t('users.add')}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('users.name')}
              required
              value={displayName}
              error={problem.displayName}
              onChange={(e) => setDisplayName(e.currentTarget.value)}
            />
            <TextInput
              type="email"
              label={t('users.email')}
              required
              value={email}
              error={problem.email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <Select
              label={t('users.role')}
              allowDeselect={false}
              value={role}
              onChange={setRole}
              data={ROLES.map((r) => ({ value: r, label: t(`users.role.${r}`) }))}
            />
          </SimpleGrid>
          <Radio.Group label={t('users.how')} value={how} onChange={(v) => setHow(v === 'password' ? 'password' : 'invite')}>
            <Group mt="xs">
              <Radio value="invite" label={t('users.how.invite')} />
              <Radio value="password" label={t('users.how.password')} />
            </Group>
          </Radio.Group>
          {how === 'invite' ? (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('users.inviteLanguage')}
                description={t('users.inviteHelp')}
                allowDeselect={false}
                value={inviteLanguage}
                onChange={setInviteLanguage}
                data={['nl', 'en'].map((l) => ({ value: l, label: t(`users.language.${l}`) }))}
              />
            </SimpleGrid>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <PasswordInput
                label={t('users.password')}
                description={t('users.passwordRules')}
                autoComplete="new-password"
                required
                value={password}
                error={problem.password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
            </SimpleGrid>
          )}
          <ErrorAlert error={add.error} atFields={['displayName', 'email', 'role', 'password']} />
          {added !== undefined && (
            <Alert color="green" role="status">
              {added.invitedUntil === null
                ? t('users.added', { email: added.email })
                : t('users.invited', { email: added.email, date: date(added.invitedUntil) })}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={add.busy}>
              {t('users.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function Tokens() {
  const { t, date } = useI18n();
  const tokens = useApi<{ tokens: ApiToken[] }>('/api/tokens');
  const [name, setName] = useState('');
  const [role, setRole] = useState<string | null>('accountant');
  const [created, setCreated] = useState<string>();
  const create = useAction(
    useCallback(() => post<ApiToken & { token: string }>('/api/tokens', { name: name.trim(), role }), [name, role]),
    useCallback(
      (tok: ApiToken & { token: string }) => {
        setCreated(tok.token);
        setName('');
        tokens.reload();
      },
      [tokens],
    ),
  );
  const revoke = useAction(
    useCallback((id: string) => post<ApiToken>(`/api/tokens/${id}/revoke`), []),
    tokens.reload,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(undefined);
    void create.run();
  };
  return (
    <Section title={t('users.tokens')}>
      <Loaded data={tokens.data} error={tokens.error}>
        {({ tokens: list }) =>
          list.length === 0 ? (
            <Text>{t('users.noTokens')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('users.tokenName')}</Table.Th>
                    <Table.Th>{t('users.role')}</Table.Th>
                    <Table.Th>{t('users.created')}</Table.Th>
                    <Table.Th>{t('users.lastUsed')}</Table.Th>
                    <Table.Th>{t('users.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((tok) => (
                    <Table.Tr key={tok.id}>
                      <Table.Td>{tok.name}</Table.Td>
                      <Table.Td>{t(`users.role.${tok.role}`)}</Table.Td>
                      <Table.Td>{date(tok.createdAt, true)}</Table.Td>
                      <Table.Td>{date(tok.lastUsedAt, true)}</Table.Td>
                      <Table.Td>
                        {tok.revokedAt === null ? (
                          <Button
                            size="compact-xs"
                            variant="outline"
                            color="red.9"
                            loading={revoke.busy}
                            onClick={() => void revoke.run(tok.id)}
                            aria-label={`${t('users.revoke')} ${tok.name}`}
                          >
                            {t('users.revoke')}
                          </Button>
                        ) : (
                          <StateBadge color="gray">{t('users.revoked')}</StateBadge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </Loaded>
      <ErrorAlert error={revoke.error} />
      <form onSubmit={submit}>
        <Group align="end">
          <TextInput label={t('users.tokenName')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Select
            label={t('users.tokenRole')}
            allowDeselect={false}
            value={role}
            onChange={setRole}
            data={ROLES.map((r) => ({ value: r, label: t(`users.role.${r}`) }))}
          />
          <Button type="submit" loading={create.busy}>
            {t('users.createToken')}
          </Button>
        </Group>
      </form>
      <ErrorAlert error={create.error} />
      {created !== undefined && (
        <Alert color="indigo" role="status" title={t('users.tokenShownOnce')}>
          <Code data-testid="created-token">{created}</Code>
        </Alert>
      )}
    </Section>
  );
}

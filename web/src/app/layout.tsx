import { AppShell, Burger, Group, NavLink, SegmentedControl, Text, Title, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session/session.tsx';
import { NAVIGATION } from './navigation.ts';
import { roleLabel } from '../i18n/role-label.ts';

/** The frame of every signed-in page: header with language and sign-out, navigation by role. */
export function Layout() {
  const { session, signOut } = useSession();
  const { t, language, setLanguage } = useI18n();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  if (session === undefined) return <Text p="md">{t('common.loading')}</Text>;
  if (session === null) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  // The server allows nothing else until then (a password someone else chose first, then the second factor).
  if (session.passwordChangeRequired && location.pathname !== '/change-password')
    return <Navigate to="/change-password" replace />;
  if (!session.passwordChangeRequired && session.secondFactorRequired && location.pathname !== '/second-factor')
    return <Navigate to="/second-factor" replace />;
  const items = NAVIGATION.filter((item) => item.needs === null || session.capabilities.includes(item.needs));
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <UnstyledButton component={Link} to="/">
              <Title order={1} size="h3">
                {t('app.name')}
              </Title>
            </UnstyledButton>
          </Group>
          <Group>
            <SegmentedControl
              size="xs"
              aria-label={t('nav.language')}
              value={language}
              onChange={(v) => setLanguage(v === 'en' ? 'en' : 'nl')}
              data={[
                { value: 'nl', label: 'NL' },
                { value: 'en', label: 'EN' },
              ]}
            />
            <Text size="sm" c="gray.7">
              {roleLabel(t, session.role)}
            </Text>
            <UnstyledButton
              onClick={() => {
                void signOut().then(() => navigate('/login'));
              }}
            >
              <Text size="sm">{t('nav.signOut')}</Text>
            </UnstyledButton>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Kluis">
        {items.map((item) => {
          const active = item.to === '/' ? location.pathname === '/' : location.pathname.startsWith(item.to);
          // aria-current tells a screen reader which area is open, as the highlight tells the eye.
          return (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={t(item.label)}
              active={active}
              aria-current={active ? 'page' : undefined}
              onClick={close}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

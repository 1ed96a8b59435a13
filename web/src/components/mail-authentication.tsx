import { Stack, Text } from '@mantine/core';
import { useI18n } from '../i18n/i18n.tsx';
import type { MailAuthentication } from '../pages/inbox/types.ts';
import { Fact, Section } from './section.tsx';
import { StateBadge } from './state-badge.tsx';

/** Whether the sender's domain vouched for a mail, as a badge: confirmed, not confirmed, or not checked (refused mail). */
export function AuthenticationBadge({
  authenticated,
  dmarcFailed = false,
}: {
  authenticated: boolean | null;
  dmarcFailed?: boolean;
}) {
  const { t } = useI18n();
  if (authenticated === null) return <StateBadge color="gray">{t('inbox.notChecked')}</StateBadge>;
  if (authenticated) return <StateBadge color="green">{t('inbox.authenticated')}</StateBadge>;
  return <StateBadge color={dmarcFailed ? 'red' : 'orange'}>{t('inbox.notAuthenticated')}</StateBadge>;
}

/**
 * What DKIM, SPF and DMARC said about a mail that came in, for the dpo: a signal, never a proof of identity
 * (identity is proven by a code to the address on file).
 */
export function MailAuthenticationSection({ authentication }: { authentication: MailAuthentication }) {
  const { t } = useI18n();
  const result = (r: string) => {
    const key = `inbox.auth.result.${r === 'temperr' ? 'temperror' : r}`;
    const text = t(key);
    return text === key ? r : text;
  };
  const domain = authentication.dkimDomain ?? authentication.fromDomain ?? '';
  const verdict = authentication.dmarcFailed
    ? t('inbox.auth.dmarcFailed', { domain: authentication.fromDomain ?? '' })
    : authentication.authenticated
      ? t('inbox.auth.yes', { domain })
      : t('inbox.auth.no');
  return (
    <Section title={t('inbox.auth.title')} intro={t('inbox.auth.intro')}>
      <Stack gap="xs">
        <AuthenticationBadge authenticated={authentication.authenticated} dmarcFailed={authentication.dmarcFailed} />
        <Fact label={t('inbox.auth.verdict')}>{verdict}</Fact>
        <Fact label={t('inbox.auth.checks')}>
          <Text span>
            {t('inbox.auth.line', {
              dkim: result(authentication.dkim),
              spf: result(authentication.spf),
              dmarc: result(authentication.dmarc),
            })}
          </Text>
        </Fact>
      </Stack>
    </Section>
  );
}

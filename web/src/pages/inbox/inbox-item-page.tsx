import { Anchor, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/use-api.ts';
import { MailAuthenticationSection } from '../../components/mail-authentication.tsx';
import { Loaded, Page } from '../../components/page.tsx';
import { Fact } from '../../components/section.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { can, useSession } from '../../session/session.tsx';
import { ReasonBadge } from './reason-badge.tsx';
import { AssignForm, DiscardForm, RegisterForm } from './triage-forms.tsx';
import type { InboxItem } from './types.ts';

/** One mail waiting for staff: what it is, why it waits, and the three ways to end its wait. */
export function InboxItemPage() {
  const { id = '' } = useParams();
  const { t, date } = useI18n();
  const { session } = useSession();
  const loaded = useApi<InboxItem>(`/api/mail/inbox/${id}`);
  const title =
    loaded.data === undefined ? t('nav.inbox') : t('inbox.detailTitle', { subject: loaded.data.title ?? t('inbox.noSubject') });
  return (
    <Page
      title={title}
      actions={
        <Anchor component={Link} to="/inbox">
          {t('inbox.back')}
        </Anchor>
      }
    >
      <Loaded data={loaded.data} error={loaded.error}>
        {(item) => (
          <Stack>
            <Group>
              <ReasonBadge reason={item.reason} />
            </Group>
            <Text>{explanation(t, item)}</Text>
            <Paper withBorder p="md">
              <Title order={3} size="h4" mb="sm">
                {t('inbox.facts')}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Fact label={t('inbox.from')}>{item.from ?? '–'}</Fact>
                <Fact label={t('inbox.to')}>{item.to ?? '–'}</Fact>
                <Fact label={t('inbox.received')}>{date(item.receivedAt, true)}</Fact>
                <Fact label={t('inbox.sentAt')}>{date(item.occurredAt, true)}</Fact>
                <Fact label={t('inbox.size')}>{kilobytes(item.sizeBytes)}</Fact>
              </SimpleGrid>
              <Stack mt="sm" gap="xs">
                <Fact label={t('inbox.text')}>{item.body === '' ? t('inbox.noText') : item.body}</Fact>
                {item.attachments.length > 0 && (
                  <div>
                    <Text size="sm" fw={600} c="gray.7">
                      {t('inbox.attachments')}
                    </Text>
                    <List>
                      {item.attachments.map((a) => (
                        <List.Item key={a.id}>
                          <Anchor href={`/api/mail/inbox/${item.id}/attachments/${a.id}`}>
                            {t('inbox.download', { name: a.filename, size: kilobytes(a.sizeBytes) })}
                          </Anchor>
                        </List.Item>
                      ))}
                    </List>
                  </div>
                )}
              </Stack>
            </Paper>
            {item.mailAuthentication !== null && <MailAuthenticationSection authentication={item.mailAuthentication} />}
            {item.reason !== 'refused' && <AssignForm item={item} />}
            <RegisterForm item={item} />
            {can(session, 'discard_mail') && <DiscardForm item={item} />}
          </Stack>
        )}
      </Loaded>
    </Page>
  );
}

const kilobytes = (bytes: number): string => `${Math.max(1, Math.ceil(bytes / 1024))} KB`;

/** Why the mail waits, in a sentence; a refused mail also says what was wrong with it. */
function explanation(t: (key: string, values?: Record<string, string>) => string, item: InboxItem): string {
  switch (item.reason) {
    case 'closed':
      return t('inbox.explain.closed', { reference: item.reasonDetail ?? '' });
    case 'dmarc_failed':
      return t('inbox.explain.dmarc_failed', { domain: item.reasonDetail ?? '' });
    case 'refused':
      return t('inbox.explain.refused', { problem: t(`inbox.problem.${item.reasonDetail ?? 'other'}`) });
    default:
      return t(`inbox.explain.${item.reason}`);
  }
}

import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useApi } from '../../api/use-api.ts';
import { AuthenticationBadge } from '../../components/mail-authentication.tsx';
import { Loaded, Page } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ReasonBadge } from './reason-badge.tsx';
import type { InboxItemSummary } from './types.ts';

/** The triage inbox: mail from the mailbox that waits for staff, the first to arrive first. */
export function InboxPage() {
  const { t, date } = useI18n();
  const list = useApi<{ items: InboxItemSummary[]; total: number }>('/api/mail/inbox?limit=500');
  return (
    <Page title={t('inbox.title')}>
      <Text>{t('inbox.intro')}</Text>
      <Loaded data={list.data} error={list.error}>
        {({ items, total }) =>
          items.length === 0 ? (
            <Text>{t('inbox.none')}</Text>
          ) : (
            <>
              <Text role="status">{total === 1 ? t('inbox.totalOne') : t('inbox.total', { count: total })}</Text>
              <Table.ScrollContainer minWidth={760}>
                <Table striped highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('inbox.received')}</Table.Th>
                      <Table.Th>{t('inbox.from')}</Table.Th>
                      <Table.Th>{t('inbox.subject')}</Table.Th>
                      <Table.Th>{t('inbox.reason')}</Table.Th>
                      <Table.Th>{t('inbox.attachments')}</Table.Th>
                      <Table.Th>{t('inbox.sender')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((i) => (
                      <Table.Tr key={i.id}>
                        <Table.Td>{date(i.receivedAt, true)}</Table.Td>
                        <Table.Td>{i.from ?? '–'}</Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={`/inbox/${i.id}`}>
                            {i.title ?? t('inbox.noSubject')}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <ReasonBadge reason={i.reason} />
                        </Table.Td>
                        <Table.Td>{i.attachmentCount}</Table.Td>
                        <Table.Td>
                          <AuthenticationBadge authenticated={i.authenticated} dmarcFailed={i.reason === 'dmarc_failed'} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </>
          )
        }
      </Loaded>
    </Page>
  );
}

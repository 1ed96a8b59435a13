import { Anchor, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { query } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { Loaded, Page } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { NewOrganisationButton } from './organisation-form.tsx';
import type { OrganisationSummary } from './types.ts';

/** Finds an organisation by name, KvK or VAT number, reference or contact person (GET /api/organisations); each search is a logged consultation. */
export function OrganisationsPage() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [search, setSearch] = useState<string | null>(null);
  const found = useApi<{ organisations: OrganisationSummary[] }>(
    search === null ? null : `/api/organisations${query({ q: search })}`,
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim().length >= 2) setSearch(text.trim());
  };
  return (
    <Page title={t('nav.organisations')} actions={<NewOrganisationButton />}>
      <form onSubmit={submit} role="search" aria-label={t('organisations.search')}>
        <Group align="end">
          <TextInput
            label={t('organisations.searchText')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            w={420}
          />
          <Button type="submit">{t('common.search')}</Button>
        </Group>
      </form>
      {search === null ? (
        <Text c="gray.7">{t('organisations.searchHint')}</Text>
      ) : (
        <Loaded data={found.data} error={found.error}>
          {({ organisations }) =>
            organisations.length === 0 ? (
              <Text>{t('organisations.noneFound')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={600}>
                <Table striped highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('organisations.name')}</Table.Th>
                      <Table.Th>{t('organisations.kvkNumber')}</Table.Th>
                      <Table.Th>{t('organisations.kind')}</Table.Th>
                      <Table.Th>{t('organisations.contacts')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {organisations.map((o) => (
                      <Table.Tr key={o.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/organisations/${o.id}`}>
                            {o.name}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{o.kvkNumber ?? '–'}</Table.Td>
                        <Table.Td>{t(`organisations.kind.${o.kind}`)}</Table.Td>
                        <Table.Td>
                          {o.contacts.length === 0
                            ? '–'
                            : o.contacts.map((c) => `${c.firstName} ${c.lastName} (${c.role})`).join(', ')}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </Loaded>
      )}
    </Page>
  );
}

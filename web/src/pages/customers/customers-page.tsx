import { Anchor, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { query } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { Loaded, Page } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { NewCustomerButton } from './customer-form.tsx';
import { fullName } from './format.ts';
import type { SubjectSummary } from './types.ts';

type Field = 'q' | 'email' | 'phone' | 'reference';

/** Finds a customer by name, e-mail, phone or reference (GET /api/subjects); every search is logged as a consultation. */
export function CustomersPage() {
  const { t } = useI18n();
  const [field, setField] = useState<Field>('q');
  const [text, setText] = useState('');
  const [search, setSearch] = useState<{ field: Field; text: string } | null>(null);
  const found = useApi<{ subjects: SubjectSummary[] }>(search === null ? null : `/api/subjects${query({ [search.field]: search.text })}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() !== '') setSearch({ field, text: text.trim() });
  };
  return (
    <Page title={t('nav.customers')} actions={<NewCustomerButton />}>
      <form onSubmit={submit} role="search" aria-label={t('customers.search')}>
        <Group align="end">
          <Select
            label={t('customers.searchBy')}
            value={field}
            onChange={(v) => setField(v ?? 'q')}
            allowDeselect={false}
            w={180}
            data={[
              { value: 'q', label: t('customers.field.name') },
              { value: 'email', label: t('customers.field.email') },
              { value: 'phone', label: t('customers.field.phone') },
              { value: 'reference', label: t('customers.field.reference') },
            ]}
          />
          <TextInput label={t('customers.searchText')} value={text} onChange={(e) => setText(e.currentTarget.value)} w={320} />
          <Button type="submit">{t('common.search')}</Button>
        </Group>
      </form>
      {search === null ? (
        <Text c="gray.7">{t('customers.searchHint')}</Text>
      ) : (
        <Loaded data={found.data} error={found.error}>
          {({ subjects }) =>
            subjects.length === 0 ? (
              <Text>{t('customers.noneFound')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={600}>
                <Table striped highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('customers.name')}</Table.Th>
                      <Table.Th>{t('customers.reference')}</Table.Th>
                      <Table.Th>{t('customers.email')}</Table.Th>
                      <Table.Th>{t('customers.phone')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {subjects.map((s) => (
                      <Table.Tr key={s.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/customers/${s.id}`}>
                            {fullName(s)}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{s.reference}</Table.Td>
                        <Table.Td>{s.email ?? '–'}</Table.Td>
                        <Table.Td>{s.phone ?? '–'}</Table.Td>
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

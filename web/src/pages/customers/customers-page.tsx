import { Anchor, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { query } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { Loaded, Page } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { NewCustomerButton } from './customer-form.tsx';
import { fullName } from './format.ts';
import type { SubjectSummary } from './types.ts';

type Field = 'q' | 'email' | 'phone' | 'reference';
const FIELDS: Field[] = ['q', 'email', 'phone', 'reference'];
const PAGE = 25;

/**
 * Every customer by name, a page at a time, or those a search finds by name, e-mail, phone or reference
 * (GET /api/subjects); each listing is logged as a consultation. The search and the page are in the address, so
 * back and reload keep them (issue 19).
 */
export function CustomersPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const by = FIELDS.find((f) => f === params.get('by')) ?? 'q';
  const searched = params.get('text') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [field, setField] = useState<Field>(by);
  const [text, setText] = useState(searched);
  // One more than a page: whether there is a next one.
  const found = useApi<{ subjects: SubjectSummary[] }>(
    `/api/subjects${query({ ...(searched === '' ? {} : { [by]: searched }), limit: String(PAGE + 1), offset: String((page - 1) * PAGE) })}`,
  );
  const go = (next: { by?: Field; text?: string; page?: number }) => {
    const p = new URLSearchParams();
    const nextText = next.text ?? searched;
    if (nextText !== '') {
      p.set('by', next.by ?? by);
      p.set('text', nextText);
    }
    if ((next.page ?? 1) > 1) p.set('page', String(next.page));
    setParams(p);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    go({ by: field, text: text.trim(), page: 1 });
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
      {
        <Loaded data={found.data} error={found.error}>
          {({ subjects: rows }) =>
            rows.length === 0 ? (
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
                    {rows.slice(0, PAGE).map((s) => (
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
                <Group justify="space-between" mt="sm">
                  <Text size="sm" c="gray.7">
                    {t('customers.pageOf', { page })}
                  </Text>
                  <Group gap="xs">
                    <Button variant="default" disabled={page === 1} onClick={() => go({ page: page - 1 })}>
                      {t('customers.previous')}
                    </Button>
                    <Button variant="default" disabled={rows.length <= PAGE} onClick={() => go({ page: page + 1 })}>
                      {t('customers.next')}
                    </Button>
                  </Group>
                </Group>
              </Table.ScrollContainer>
            )
          }
        </Loaded>
      }
    </Page>
  );
}

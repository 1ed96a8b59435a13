import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import type { CustomerListItem } from '../../../../src/organisations/customer-list.schema.ts';
import { ListTable } from '../../components/list-table.tsx';
import { Page } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { NewCustomerButton } from './customer-form.tsx';

/**
 * Every customer, persons and organisations, by name, a page at a time, or those a search finds by name, e-mail,
 * phone or reference (GET /api/customers); each page is logged as a consultation. The search, the kind, the sort
 * and the page are in the address, so back and reload keep them (issue 19).
 */
export function CustomersPage() {
  const { t, date } = useI18n();
  return (
    <Page title={t('nav.customers')} actions={<NewCustomerButton />}>
      <ListTable<CustomerListItem>
        path="/api/customers"
        label={t('nav.customers')}
        defaultSort="name"
        rowKey={(c) => c.id}
        empty={t('customers.noneFound')}
        filters={[
          { name: 'q', label: t('customers.searchText'), text: true },
          {
            name: 'kind',
            label: t('customers.kind'),
            options: [
              { value: 'person', label: t('customers.kind.person') },
              { value: 'organisation', label: t('customers.kind.organisation') },
            ],
          },
        ]}
        columns={[
          {
            label: t('customers.name'),
            sort: 'name',
            cell: (c) => (
              <Anchor component={Link} to={c.kind === 'person' ? `/customers/${c.id}` : `/organisations/${c.id}`}>
                {c.name}
              </Anchor>
            ),
          },
          { label: t('customers.kind'), cell: (c) => t(`customers.kind.${c.kind}`) },
          { label: t('customers.reference'), sort: 'reference', cell: (c) => c.reference },
          { label: t('customers.email'), cell: (c) => c.email ?? '–' },
          { label: t('customers.phone'), cell: (c) => c.phone ?? '–' },
          { label: t('customers.since'), sort: 'createdAt', cell: (c) => date(c.createdAt) },
        ]}
      />
    </Page>
  );
}

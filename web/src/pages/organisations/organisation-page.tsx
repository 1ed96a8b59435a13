import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/use-api.ts';
import { Loaded, Page } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { AgreementsSection } from '../agreements/agreements-section.tsx';
import { InvoiceTable } from '../invoices/invoices-section.tsx';
import { NewInvoiceButton } from '../invoices/invoice-form.tsx';
import { countryName } from '../customers/format.ts';
import { AddContactButton } from './contact-form.tsx';
import { contactNameOf } from './contact-select.tsx';
import { EditOrganisationButton } from './organisation-form.tsx';
import type { Contact, Organisation, OrganisationView } from './types.ts';

/** One organisation with its contact persons and records (GET /api/organisations/:id, one logged consultation). */
export function OrganisationPage() {
  const { id = '' } = useParams();
  const view = useApi<OrganisationView>(`/api/organisations/${id}`);
  return (
    <Loaded data={view.data} error={view.error}>
      {(v) => (
        <Page
          title={v.organisation.name}
          actions={<EditOrganisationButton organisation={v.organisation} onSaved={view.reload} />}
        >
          <Details organisation={v.organisation} />
          <Contacts organisation={v.organisation} contacts={v.contacts} reload={view.reload} />
          <Records view={v} reload={view.reload} />
        </Page>
      )}
    </Loaded>
  );
}

function Details({ organisation: o }: { organisation: Organisation }) {
  const { t, language } = useI18n();
  const item = (label: string, value: string | null) => (
    <div>
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      <Text>{value ?? '–'}</Text>
    </div>
  );
  return (
    <Paper withBorder p="md">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {item(t('organisations.kind'), t(`organisations.kind.${o.kind}`))}
        {item(t('organisations.reference'), o.reference)}
        {item(t('organisations.kvkNumber'), o.kvkNumber)}
        {item(t('organisations.vatNumber'), o.vatNumber)}
        {item(t('organisations.email'), o.email)}
        {item(t('organisations.phone'), o.phone)}
      </SimpleGrid>
      <Stack gap={4} mt="md">
        <Text size="sm" c="gray.7">
          {t('customers.addresses')}
        </Text>
        {o.addresses.length === 0 && <Text>{t('common.none')}</Text>}
        {o.addresses.map((a) => (
          <Group key={`${a.kind}-${a.street}`} gap="xs">
            <Badge variant="light" color="gray">
              {t(`customers.address.${a.kind}`)}
            </Badge>
            <Text>
              {a.street}, {a.postalCode} {a.city}, {countryName(a.country, language)}
            </Text>
          </Group>
        ))}
      </Stack>
      <Text size="sm" c="gray.7" mt="md">
        {o.personalData ? t('organisations.personalData') : t('organisations.notPersonalData')}
      </Text>
    </Paper>
  );
}

function Contacts({ organisation, contacts, reload }: { organisation: Organisation; contacts: Contact[]; reload: () => void }) {
  const { t, date } = useI18n();
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('organisations.contacts')}
        </Title>
        <AddContactButton organisation={organisation} onSaved={reload} />
      </Group>
      <Text c="gray.7">{t('organisations.contactsIntro')}</Text>
      {contacts.length === 0 ? (
        <Text>{t('organisations.noContacts')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customers.name')}</Table.Th>
                <Table.Th>{t('organisations.role')}</Table.Th>
                <Table.Th>{t('customers.email')}</Table.Th>
                <Table.Th>{t('customers.phone')}</Table.Th>
                <Table.Th>{t('organisations.since')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {contacts.map((c) => (
                <Table.Tr key={c.subjectId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/customers/${c.subjectId}`}>
                      {c.firstName} {c.lastName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {c.role}
                      {c.owner && (
                        <Badge variant="light" color="indigo">
                          {t('organisations.owner')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{c.email ?? '–'}</Table.Td>
                  <Table.Td>{c.phone ?? '–'}</Table.Td>
                  <Table.Td>{date(c.since)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function Records({ view, reload }: { view: OrganisationView; reload: () => void }) {
  const { t, date } = useI18n();
  const contactName = (id: string | null) => contactNameOf(view.contacts, id);
  return (
    <Tabs defaultValue="invoices" keepMounted={false}>
      <Tabs.List aria-label={t('customers.records')}>
        <Tabs.Tab value="invoices">{`${t('organisations.invoices')} (${view.invoices.length})`}</Tabs.Tab>
        <Tabs.Tab value="agreements">{`${t('organisations.agreements')} (${view.agreements.length})`}</Tabs.Tab>
        <Tabs.Tab value="cases">{`${t('records.cases')} (${view.cases.length})`}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="invoices" pt="md">
        <Stack>
          <Group justify="flex-end">
            <NewInvoiceButton
              subjectId={null}
              organisationId={view.organisation.id}
              agreements={view.agreements}
              contacts={view.contacts}
              onSaved={reload}
            />
          </Group>
          {view.invoices.length === 0 ? (
            <Text>{t('organisations.noInvoices')}</Text>
          ) : (
            <InvoiceTable invoices={view.invoices} contacts={view.contacts} />
          )}
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="agreements" pt="md">
        <AgreementsSection
          createUrl={`/api/organisations/${view.organisation.id}/agreements`}
          agreements={view.agreements}
          contacts={view.contacts}
          reload={reload}
        />
      </Tabs.Panel>
      <Tabs.Panel value="cases" pt="md">
        <Text c="gray.7" mb="xs">
          {t('organisations.cases')}
        </Text>
        {view.cases.length === 0 ? (
          <Text>{t('organisations.noCases')}</Text>
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('organisations.title')}</Table.Th>
                <Table.Th>{t('organisations.contactPerson')}</Table.Th>
                <Table.Th>{t('organisations.opened')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.cases.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${c.id}`}>
                      {c.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{contactName(c.subjectId)}</Table.Td>
                  <Table.Td>{date(c.openedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Tabs.Panel>
    </Tabs>
  );
}

import { Badge, Group, Paper, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { useApi } from '../../api/use-api.ts';
import { Loaded, Page } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { can, useSession } from '../../session/session.tsx';
import { AgreementsSection } from '../agreements/agreements-section.tsx';
import { CasesSection } from '../cases/cases-section.tsx';
import { EditCustomerButton } from './customer-form.tsx';
import { ErasureNotice } from './erasure-notice.tsx';
import { DisclosuresSection } from '../disclosures/disclosures-section.tsx';
import { countryName, fullName, languageName } from './format.ts';
import { InvoicesSection } from '../invoices/invoices-section.tsx';
import { LogSection } from './log-section.tsx';
import { ConsentsSection, HoldsSection, RestrictionsSection } from './rights-section.tsx';
import type { Subject, SubjectView } from './types.ts';

/** One customer with every record kept about them (GET /api/subjects/:id/records, one logged consultation). */
export function CustomerPage() {
  const { id = '' } = useParams();
  const view = useApi<SubjectView>(`/api/subjects/${id}/records`);
  return (
    <Loaded data={view.data} error={view.error}>
      {(v) => (
        <Page title={fullName(v.subject)} actions={<EditCustomerButton subject={v.subject} onSaved={view.reload} />}>
          <Details subject={v.subject} />
          <DpoOnly>
            <ErasureNotice subjectId={v.subject.id} />
          </DpoOnly>
          <Records view={v} reload={view.reload} />
        </Page>
      )}
    </Loaded>
  );
}

/** What only the request handler sees (the API refuses it to the others). */
function DpoOnly({ children }: { children: ReactNode }) {
  const { session } = useSession();
  return can(session, 'rights') ? <>{children}</> : null;
}

function Details({ subject }: { subject: Subject }) {
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
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        {item(t('customers.reference'), subject.reference)}
        {item(t('customers.email'), subject.email)}
        {item(t('customers.phone'), subject.phone)}
        {item(t('customers.language'), languageName(subject.language, language))}
      </SimpleGrid>
      <Stack gap={4} mt="md">
        <Text size="sm" c="gray.7">
          {t('customers.addresses')}
        </Text>
        {subject.addresses.length === 0 && <Text>{t('common.none')}</Text>}
        {subject.addresses.map((a) => (
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
    </Paper>
  );
}

function Records({ view, reload }: { view: SubjectView; reload: () => void }) {
  const { t } = useI18n();
  const { session } = useSession();
  const id = view.subject.id;
  const tab = (value: string, label: string, count?: number) => (
    <Tabs.Tab value={value}>
      {label}
      {count === undefined ? '' : ` (${count})`}
    </Tabs.Tab>
  );
  return (
    <Tabs defaultValue="agreements" keepMounted={false}>
      <Tabs.List aria-label={t('customers.records')}>
        {tab('agreements', t('records.agreements'), view.agreements.length)}
        {tab('invoices', t('records.invoices'), view.invoices.length)}
        {tab('cases', t('records.cases'), view.cases.length)}
        {tab('consents', t('records.consents'), view.consents.length)}
        {can(session, 'rights') && tab('rights', t('records.restrictionsAndObjections'))}
        {can(session, 'holds') && tab('holds', t('records.holds'))}
        {tab('disclosures', t('records.disclosures'))}
        {can(session, 'processing_log') && tab('log', t('records.log'))}
      </Tabs.List>
      <Tabs.Panel value="agreements" pt="md">
        <AgreementsSection createUrl={`/api/subjects/${id}/agreements`} agreements={view.agreements} reload={reload} />
      </Tabs.Panel>
      <Tabs.Panel value="invoices" pt="md">
        <InvoicesSection subject={view.subject} invoices={view.invoices} agreements={view.agreements} reload={reload} />
      </Tabs.Panel>
      <Tabs.Panel value="cases" pt="md">
        <CasesSection subjectId={id} cases={view.cases} />
      </Tabs.Panel>
      <Tabs.Panel value="consents" pt="md">
        <ConsentsSection consents={view.consents} reload={reload} />
      </Tabs.Panel>
      {can(session, 'rights') && (
        <Tabs.Panel value="rights" pt="md">
          <RestrictionsSection subjectId={id} />
        </Tabs.Panel>
      )}
      {can(session, 'holds') && (
        <Tabs.Panel value="holds" pt="md">
          <HoldsSection subjectId={id} />
        </Tabs.Panel>
      )}
      <Tabs.Panel value="disclosures" pt="md">
        <DisclosuresSection subjectId={id} />
      </Tabs.Panel>
      {can(session, 'processing_log') && (
        <Tabs.Panel value="log" pt="md">
          <LogSection subjectId={id} />
        </Tabs.Panel>
      )}
    </Tabs>
  );
}

import { Anchor, List, SimpleGrid, Text } from '@mantine/core';
import { Link } from 'react-router';
import { Page } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { isDpo, useSession } from '../../session/session.tsx';
import { DashboardCard } from './dashboard-card.tsx';
import { BreachesCard, ProcessorAgreementsCard, RetentionCard, SelfCheckCard } from './dpo-cards.tsx';
import { DeletionsPlot, RequestsPlot } from './plots.tsx';
import { RequestsCard } from './requests-card.tsx';

/**
 * The first page after sign-in: each role sees only what it may (the API refuses the rest anyway). Staff get
 * requests and processor agreements; the dpo also breaches, retention, the self-check and deletions; the
 * accountant, who reads fiscal records only, a way to the invoices and the fiscal export.
 */
export function DashboardPage() {
  const { t } = useI18n();
  const { session } = useSession();
  if (session?.role === 'accountant') return <AccountantDashboard />;
  const dpo = isDpo(session);
  return (
    <Page title={t('nav.dashboard')}>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <RequestsCard />
        {dpo && <BreachesCard />}
        {dpo && <RetentionCard />}
        {dpo && <SelfCheckCard />}
        <ProcessorAgreementsCard linkToRegister={dpo} />
        <RequestsPlot />
        {dpo && <DeletionsPlot />}
      </SimpleGrid>
    </Page>
  );
}

function AccountantDashboard() {
  const { t } = useI18n();
  return (
    <Page title={t('nav.dashboard')}>
      <DashboardCard title={t('dashboard.accountantTitle')}>
        <Text>{t('dashboard.accountantIntro')}</Text>
        <List>
          <List.Item>
            <Anchor component={Link} to="/invoices">
              {t('dashboard.accountantInvoices')}
            </Anchor>
          </List.Item>
          <List.Item>
            <Anchor component={Link} to="/invoices#fiscal-export">
              {t('dashboard.accountantExport')}
            </Anchor>
          </List.Item>
        </List>
      </DashboardCard>
    </Page>
  );
}

import { SimpleGrid } from '@mantine/core';
import { useApi } from '../../api/use-api.ts';
import { Loaded, Page } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { can, useSession } from '../../session/session.tsx';
import { DeletionsPlot, RequestsPlot } from './plots.tsx';
import { RetentionCard } from './retention-card.tsx';
import {
  FirstRunChecklist,
  StartAgreements,
  StartBreaches,
  StartCases,
  StartFiscal,
  StartHolds,
  StartInvoices,
  StartRequests,
  StartSelfCheck,
} from './start-cards.tsx';
import type { StartPage } from './types.ts';

/**
 * The first page after sign-in: what needs doing today for the role, from one answer of the API (GET /api/start),
 * which reads only what the role may see. The dpo: the first-run checklist until it is done, requests by
 * deadline, holds to review, breaches with their clock, processor agreements, the self-check, retention; staff:
 * requests, open cases, draft and overdue invoices; the accountant: the invoices the fiscal export covers.
 */
export function DashboardPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const start = useApi<StartPage>('/api/start');
  return (
    <Page title={t('nav.dashboard')}>
      <Loaded data={start.data} error={start.error}>
        {(s) => (
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            {s.checklist !== null && <FirstRunChecklist part={s.checklist} />}
            {s.requests !== null && <StartRequests part={s.requests} />}
            {s.breaches !== null && <StartBreaches part={s.breaches} />}
            {s.holds !== null && <StartHolds part={s.holds} />}
            {s.processorAgreements !== null && <StartAgreements part={s.processorAgreements} />}
            {s.selfCheck !== null && <StartSelfCheck part={s.selfCheck} />}
            {s.cases !== null && <StartCases part={s.cases} />}
            {s.drafts !== null && <StartInvoices part={s.drafts} kind="drafts" />}
            {s.overdue !== null && <StartInvoices part={s.overdue} kind="overdue" />}
            {s.fiscal !== null && <StartFiscal part={s.fiscal} />}
            {can(session, 'holds') && <RetentionCard />}
            {s.requests !== null && <RequestsPlot />}
            {can(session, 'processing_log') && <DeletionsPlot />}
          </SimpleGrid>
        )}
      </Loaded>
    </Page>
  );
}

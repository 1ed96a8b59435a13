// The API's shapes the dashboard reads (see the server's schemas: the start page, retention, statistics).

export interface Forecast {
  from: string;
  to: string;
  rules: { rule: string; total: number; dates: { date: string; count: number }[] }[];
}

export interface RequestsPerMonth {
  months: {
    month: string;
    received: number;
    answered: number;
    answeredLate: number;
    medianDaysToAnswer: number | null;
    maxDaysToAnswer: number | null;
  }[];
}

export interface DeletionsPerMonth {
  months: { month: string; erasure: number; retention: number; subjects: number }[];
}

type Part<T> = { items: T[]; total: number };
type Clock = {
  deadline: string;
  hoursLeft: number | null;
  state: 'running' | 'near' | 'overdue' | 'notified' | 'notified_late' | 'not_required';
};
type StartInvoice = { id: string; number: string | null; customer: string; totalInclCents: number; date: string };

/** GET /api/start (src/today/start.schema.ts): a part is null when the role has no business with it. */
export interface StartPage {
  role: string;
  today: string;
  requests: Part<{
    id: string;
    reference: string;
    kind: string;
    status: string;
    legalEnd: string;
    daysLeft: number;
    overdue: boolean;
    packageWaiting: boolean;
  }> | null;
  holds: Part<{ id: string; subjectId: string; customer: string; reviewOn: string; endsOn: string | null }> | null;
  breaches: Part<{ id: string; description: string; becameAwareAt: string; clock: Clock }> | null;
  processorAgreements: {
    items: {
      recipient: { nl: string; en: string };
      company: string | null;
      state: 'missing' | 'expired' | 'expiring';
      expiresOn: string | null;
    }[];
    total: number;
    windowDays: number;
  } | null;
  selfCheck: {
    finishedAt: string | null;
    errors: number;
    warnings: number;
    findings: { id: string; severity: 'warning' | 'error' | 'unknown'; message: { nl: string; en: string } }[];
  } | null;
  checklist: {
    processorAgreements: boolean;
    backups: boolean | null;
    firstCustomer: boolean;
    statementPublished: boolean;
  } | null;
  cases: Part<{
    id: string;
    reference: string;
    title: string;
    kind: string;
    openedAt: string;
    subjectId: string;
    customer: string;
  }> | null;
  drafts: Part<StartInvoice> | null;
  overdue: Part<StartInvoice> | null;
  fiscal: { year: number; issuedThisYear: number; issuedLastYear: number } | null;
}

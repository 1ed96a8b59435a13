// The API's shapes the dashboard reads (see the server's schemas: requests, breaches, retention, self-checks, registers, statistics).

export interface RequestSummary {
  id: string;
  reference: string;
  kind: string;
  status: string;
  receivedAt: string;
  deadline: string;
  legalEnd: string;
  overdue: boolean;
  requesterName: string;
}

export interface BreachSummary {
  id: string;
  becameAwareAt: string;
  description: string;
  risk: 'none' | 'risk' | 'high';
  clock: {
    deadline: string;
    hoursLeft: number | null;
    state: 'running' | 'near' | 'overdue' | 'notified' | 'notified_late' | 'not_required';
  };
}

export interface Forecast {
  from: string;
  to: string;
  rules: { rule: string; total: number; dates: { date: string; count: number }[] }[];
}

export interface SelfChecks {
  latest: {
    finishedAt: string;
    errors: number;
    warnings: number;
    unknowns: number;
    checks: { id: string; severity: 'ok' | 'warning' | 'error' | 'unknown'; message: string; messageNl: string }[];
  } | null;
}

type Agreement = { signedOn: string; expiresOn: string | null; documentReference: string } | null;

export interface Recipient {
  id: string;
  name: { nl: string; en: string };
  role: 'processor' | 'controller' | 'authority';
  active: boolean;
  agreement: Agreement;
  /** The companies of the category; a processor company has its own agreement (Art. 28(3)). */
  companies: { id: string; legalName: string; role: 'processor' | 'controller'; active: boolean; agreement: Agreement }[];
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

import type { Capability } from '../../../src/guard/capability.ts';

/**
 * The back office's menu: which capability shows which area (the API enforces the same, see src/http/access.test.ts);
 * `null`: everyone signed in.
 */
export interface NavItem {
  to: string;
  label: string;
  needs: Capability | null;
}

export const NAVIGATION: NavItem[] = [
  { to: '/', label: 'nav.dashboard', needs: null },
  { to: '/customers', label: 'nav.customers', needs: 'customers' },
  { to: '/organisations', label: 'nav.organisations', needs: 'customers' },
  { to: '/invoices', label: 'nav.invoices', needs: 'invoices' },
  { to: '/cases', label: 'nav.cases', needs: 'cases' },
  { to: '/import', label: 'nav.import', needs: 'customers' },
  { to: '/requests', label: 'nav.requests', needs: 'cases' },
  { to: '/inbox', label: 'nav.inbox', needs: 'cases' },
  { to: '/disclosures', label: 'nav.disclosures', needs: 'customers' },
  { to: '/retention', label: 'nav.retention', needs: 'holds' },
  { to: '/breaches', label: 'nav.breaches', needs: 'breaches' },
  { to: '/log', label: 'nav.log', needs: 'processing_log' },
  { to: '/policy', label: 'nav.policy', needs: 'registers' },
  { to: '/users', label: 'nav.users', needs: 'users' },
  { to: '/account', label: 'nav.account', needs: null },
];

/** The back office's menu: which role sees which area (the API enforces the same, see src/http/access.test.ts). */
export interface NavItem {
  to: string;
  label: string;
  roles: string[];
}

const ALL = ['dpo', 'staff', 'accountant'];
const STAFF = ['dpo', 'staff'];
const DPO = ['dpo'];

export const NAVIGATION: NavItem[] = [
  { to: '/', label: 'nav.dashboard', roles: ALL },
  { to: '/customers', label: 'nav.customers', roles: STAFF },
  { to: '/organisations', label: 'nav.organisations', roles: STAFF },
  { to: '/invoices', label: 'nav.invoices', roles: ALL },
  { to: '/cases', label: 'nav.cases', roles: STAFF },
  { to: '/import', label: 'nav.import', roles: STAFF },
  { to: '/requests', label: 'nav.requests', roles: STAFF },
  { to: '/inbox', label: 'nav.inbox', roles: STAFF },
  { to: '/disclosures', label: 'nav.disclosures', roles: STAFF },
  { to: '/retention', label: 'nav.retention', roles: DPO },
  { to: '/breaches', label: 'nav.breaches', roles: DPO },
  { to: '/log', label: 'nav.log', roles: DPO },
  { to: '/policy', label: 'nav.policy', roles: DPO },
  { to: '/users', label: 'nav.users', roles: DPO },
  { to: '/account', label: 'nav.account', roles: ALL },
];

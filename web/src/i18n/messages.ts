import { common } from './messages/common.ts';
import { requests } from './messages/requests.ts';
import { disclosures } from './messages/disclosures.ts';
import { retention } from './messages/retention.ts';
import { breaches } from './messages/breaches.ts';
import { policy } from './messages/policy.ts';
import { users } from './messages/users.ts';
import { account } from './messages/account.ts';
import { picker } from './messages/picker.ts';
import { dashboard } from './messages/dashboard.ts';
import { customers } from './messages/customers.ts';
import { records } from './messages/records.ts';
import { errors } from './messages/errors.ts';
import { fields } from './messages/fields.ts';
import { scan } from './messages/scan.ts';
import { inbox } from './messages/inbox.ts';
import { invoices } from './messages/invoices.ts';
import { organisations } from './messages/organisations.ts';
import { erasure } from './messages/erasure.ts';
import { lists } from './messages/lists.ts';
import { cases } from './messages/cases.ts';
import { labels } from './messages/labels.ts';
import { log } from './messages/log.ts';
import { imports } from './messages/imports.ts';
import { selfCheck } from './messages/self-check.ts';

/** Every area's words; add an area's file here. */
const AREAS = [
  common,
  requests,
  disclosures,
  retention,
  breaches,
  policy,
  users,
  account,
  picker,
  dashboard,
  customers,
  records,
  errors,
  fields,
  scan,
  inbox,
  invoices,
  erasure,
  lists,
  cases,
  organisations,
  labels,
  log,
  imports,
  selfCheck,
];

export type Language = 'nl' | 'en';
export const LANGUAGES: Language[] = ['nl', 'en'];

export const MESSAGES: Record<Language, Record<string, string>> = {
  nl: Object.assign({}, ...AREAS.map((a) => a.nl)) as Record<string, string>,
  en: Object.assign({}, ...AREAS.map((a) => a.en)) as Record<string, string>,
};

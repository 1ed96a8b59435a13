import { RECORD_TYPES } from '../policy/policy.schema.ts';

/**
 * What an administrative entry of the processing log names as its kind of thing (`logAdministration`, and the
 * refusals `requireCapability` logs): Kluis's own administration, no customer's personal data.
 */
export const ADMINISTERED_TYPES = [
  'account',
  'api_token',
  'backup',
  'breach',
  'legal_demand',
  'legal_hold',
  'outbox',
  'processing_log',
  'register',
  'retention',
  'self_check',
  'statement',
] as const;
export type AdministeredType = (typeof ADMINISTERED_TYPES)[number];

/**
 * Every record type an entry of the processing log may name: the policy's, then Kluis's own administration. The
 * one list: the web's log filter offers each and its words name each (web/src/pages/log/log-page.tsx,
 * web/src/i18n/messages/labels.ts check it at compile time), so a type added here fails to compile there first.
 */
export const LOG_RECORD_TYPES = [...RECORD_TYPES, ...ADMINISTERED_TYPES] as const;
export type LogRecordType = (typeof LOG_RECORD_TYPES)[number];

import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Policy } from '../policy/policy.ts';
import type { Scanner } from '../scanner/scanner.ts';
import type { DoctorSettings } from './doctor-settings.ts';

import type { Severity } from '../db/vocabulary.ts';
export { SEVERITIES, type Severity } from '../db/vocabulary.ts';

/** A finding's text in both languages of the back office; the same facts, numbers and paths in each. */
export interface Text {
  nl: string;
  en: string;
}

/** What one check found. */
export interface Finding {
  severity: Severity;
  /** What was found and, when it is not ok, what to do about it (English, as the CLI and the API always showed it). */
  message: string;
  /** The same in Dutch, for the Dutch back office and the privacy officer. */
  messageNl: string;
}

export interface CheckResult extends Finding {
  id: string;
  /** The id of the policy's security measure (BEVEILIGING) the check supports; null: the section as a whole. */
  measure: string | null;
}

/** What a check may look at. */
export interface DoctorContext {
  db: Kysely<DB>;
  policy: Policy;
  settings: DoctorSettings;
  now: Date;
  /** The age identity to decrypt the newest backup with; Kluis never stores it, so only `kluis doctor --identity-file` has one. */
  identity: string | undefined;
  /** Whether an SMTP server is configured to deliver the outbox. */
  deliveryConfigured: boolean;
  /** The virus scanner (KLUIS_CLAMD_URL), asked whether it answers and how old its signatures are. */
  scanner: Scanner;
}

/** One check of a security measure; small files under checks/. */
export interface Check {
  id: string;
  measure: string | null;
  run(ctx: DoctorContext): Promise<Finding>;
}

const finding = (severity: Severity, text: Text): Finding => ({ severity, message: text.en, messageNl: text.nl });
export const ok = (text: Text): Finding => finding('ok', text);
export const warning = (text: Text): Finding => finding('warning', text);
export const error = (text: Text): Finding => finding('error', text);
export const unknown = (text: Text): Finding => finding('unknown', text);

/** "1 account", "2 accounts"; "1 bericht", "2 berichten". */
export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

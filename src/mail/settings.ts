import type { Policy } from '../policy/policy.ts';
import type { MailSettings } from './delivery.ts';
import { MailSecretBox } from './mail-secrets.ts';
import { parseMailbox } from './mailbox.ts';

/** SMTP_URL, MAIL_FROM and the mail key as the configuration holds them. */
export interface MailConfig {
  smtpUrl?: string | undefined;
  mailFrom?: string | undefined;
  /** The key that seals the secrets of messages (loadMailKey); a random one, for this process only, when absent. */
  secretKey?: Buffer | undefined;
}

/**
 * Resolves the sender: MAIL_FROM when set, else the controller itself, by name and e-mail from the policy,
 * so a reply reaches the people the statement names (P16).
 */
export function mailSettings(policy: Policy, config: MailConfig): MailSettings {
  const configured = config.mailFrom === undefined ? null : parseMailbox(config.mailFrom);
  if (config.mailFrom !== undefined && configured === null) throw new Error('MAIL_FROM must be an address or "Name" <address>');
  const controller = policy.document.controller;
  const secrets = new MailSecretBox(config.secretKey ?? MailSecretBox.generateKey());
  return { smtpUrl: config.smtpUrl, from: configured ?? { name: controller.name, address: controller.email }, secrets };
}

/** The SMTP server without user or password (`smtp://mail.senict.nl:587`), for the console and the logs. */
export function smtpServerOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import type { Policy } from '../policy/policy.ts';
import type { DkimSigning, MailSettings } from './delivery.ts';
import { MailSecretBox } from './mail-secrets.ts';
import { parseMailbox } from './mailbox.ts';

/** SMTP_URL, MAIL_FROM and the mail key as the configuration holds them. */
export interface MailConfig {
  smtpUrl?: string | undefined;
  mailFrom?: string | undefined;
  /** The key that seals the secrets of messages (loadMailKey); a random one, for this process only, when absent. */
  secretKey?: Buffer | undefined;
  /** KLUIS_DKIM_KEY_FILE, _SELECTOR and _DOMAIN: outgoing mail is DKIM-signed when a key is given. */
  dkim?: { keyFile: string; selector: string; domain?: string | undefined } | undefined;
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
  const from = configured ?? { name: controller.name, address: controller.email };
  return {
    smtpUrl: config.smtpUrl,
    from,
    secrets,
    dkim: config.dkim === undefined ? undefined : dkimSigning(config.dkim, from.address),
  };
}

/**
 * The DKIM signing of outgoing mail (RFC 6376): the private key read once at start-up, the selector its public
 * key is published under (<selector>._domainkey.<domain>), and the domain, the sender's by default, so the
 * signature aligns with the From address and DMARC passes at the receiving end.
 */
function dkimSigning(dkim: NonNullable<MailConfig['dkim']>, sender: string): DkimSigning {
  let privateKey: string;
  try {
    privateKey = fs.readFileSync(dkim.keyFile, 'utf8');
    createPrivateKey(privateKey);
  } catch (error) {
    throw new Error(
      `KLUIS_DKIM_KEY_FILE ${dkim.keyFile} is not a readable private key in PEM form: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return { domainName: dkim.domain ?? sender.slice(sender.lastIndexOf('@') + 1), keySelector: dkim.selector, privateKey };
}

/** The SMTP server without user or password (`smtp://mail.senict.nl:587`), for the console and the logs. */
export function smtpServerOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

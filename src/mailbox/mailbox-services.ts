import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Guard } from '../guard/guard.ts';
import type { RequestIntakeService } from '../rights/request-intake.service.ts';
import type { AttachmentGate } from './attachment-gate.ts';
import type { DnsResolver } from './mail-authentication.ts';
import { InboxService } from './inbox.service.ts';
import { MailIntakeService } from './mail-intake.service.ts';
import { MailboxReader, type MailboxSettings } from './mailbox-reader.ts';

/** The mailbox read over IMAP (issue 17). */
export interface MailboxServices {
  /** Takes one mail in: a request, a reply to a case or request, or an item of the triage inbox. */
  intake: MailIntakeService;
  /** Reads the inbox under the job's lease; undefined when no KLUIS_IMAP_URL is configured. */
  reader: MailboxReader | undefined;
  /** The triage inbox: mail that waits for staff. */
  inbox: InboxService;
}

export interface MailboxOptions {
  /** KLUIS_IMAP_URL and the folders; undefined: no mailbox is read. */
  settings?: MailboxSettings | undefined;
  /** The sender of the outbox (MAIL_FROM or the controller): mail from it is ours, never a request. */
  mailFrom: string;
  /** DNS for DKIM, SPF and DMARC; the system's by default, a test's own records in the tests. */
  resolver?: DnsResolver | undefined;
  /** Where a mail's attachments pass before they are stored: the virus scanner's place (attachment-gate.ts). */
  gate?: AttachmentGate | undefined;
}

export function createMailboxServices(
  db: Kysely<DB>,
  guard: Guard,
  requests: RequestIntakeService,
  options: MailboxOptions,
): MailboxServices {
  const intake = new MailIntakeService(db, guard, requests, {
    mailFrom: options.mailFrom,
    resolver: options.resolver,
    gate: options.gate,
  });
  return {
    intake,
    reader: options.settings === undefined ? undefined : new MailboxReader(db, intake, options.settings, guard.clock),
    inbox: new InboxService(guard, requests),
  };
}

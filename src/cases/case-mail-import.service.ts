import { KluisError, attachmentsNotKept, conflict, fileInfected, notFound } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import { parseMailbox } from '../mail/mailbox.ts';
import { type ParsedMessage, parseEml } from '../mail/eml.ts';
import { scanMail } from '../scanner/incoming.ts';
import type { Scanner } from '../scanner/scanner.ts';
import { mailRows } from './mail-rows.ts';
import { presentMessage } from './case.presenter.ts';
import * as cases from './case.repository.ts';
import type { Message } from './case.schema.ts';
import { type Clock, systemClock } from '../shared/clock.ts';

type Direction = 'inbound' | 'outbound';

/**
 * Imports a mail saved from the mail program (.eml) as a message of a case, with its attachments: the
 * text and files as received, limited and named as a message added by hand (src/rights/eml.ts).
 */
export class CaseMailImportService {
  private readonly guard: Guard;
  private readonly ownAddresses: Set<string>;
  private readonly scanner: Scanner;
  private readonly clock: Clock;

  /** `mailFrom`: the address Kluis sends from (MAIL_FROM, or the controller's from the policy). */
  constructor(guard: Guard, mailFrom: string, scanner: Scanner, clock: Clock = systemClock) {
    this.guard = guard;
    this.scanner = scanner;
    this.clock = clock;
    const controller = guard.policy.document.controller;
    this.ownAddresses = new Set([mailFrom, controller.email, controller.dpo.email].map((a) => a.toLowerCase()));
  }

  /** `raw` is null when the body was not sent as message/rfc822. */
  async importEml(actor: Actor, caseId: string, raw: Buffer | null, purpose?: string): Promise<Message> {
    // The role is checked before the upload is read, as for a request's mail: a refused role is logged as
    // denied by the guard, and a body that is no mail answers 415 only to who may add messages.
    const mayAdd =
      this.guard.policy.allows(actor.role, 'collect', 'message') || this.guard.policy.allows(actor.role, 'store', 'message');
    if (raw === null || !mayAdd) {
      return this.guard.process({ actor, operation: 'collect', recordType: 'message', purpose }, async () => {
        throw new KluisError('unsupported_media_type', 'Send the mail as it was received, with Content-Type: message/rfc822');
      });
    }
    const mail = await parseEml(raw, this.clock.now());
    // Scanned before the transaction, as it was received; a clean mail has clean attachments (src/scanner/incoming.ts).
    const scan = await scanMail(
      this.scanner,
      raw,
      mail.attachments.map((a) => ({ name: a.filename, content: a.content })),
      this.clock,
    );
    const direction = this.directionOf(mail);
    // What the person sent us is collected; a copy of what we sent them is stored, as addMessage does.
    const operation = direction === 'inbound' ? 'collect' : 'store';
    return this.guard.process({ actor, operation, recordType: 'message', includes: ['case'], purpose }, async (ctx) => {
      const { trx } = ctx;
      const parent = await cases.getById(trx, caseId);
      if (parent === undefined) throw notFound('Case', caseId);
      // A message on a closed case would be erased two years after a closing that came before it.
      if (parent.status === 'closed') throw conflict(`Case ${parent.reference} is closed; reopen it to add a message`);
      if (parent.kind === 'request' && mail.attachments.length > 0) throw attachmentsNotKept(parent.reference);
      if (scan.infected.length > 0) {
        // Refused, and logged as such naming the case's subject, the files and the signatures (guard DENIALS).
        ctx.touch('case', parent.id, parent.subject_id);
        throw fileInfected(scan.infected);
      }
      const now = ctx.clock.now().toISOString();
      const { message, attachments } = mailRows(parent, mail, direction, scan.columns, now);
      await cases.createMessage(trx, message);
      await cases.createAttachments(trx, attachments);
      await cases.setUpdatedAt(trx, parent.id, now);
      ctx.touch('message', message.id, parent.subject_id);
      ctx.touch('case', parent.id);
      for (const a of attachments) ctx.touch('attachment', a.id);
      return presentMessage(message, attachments);
    });
  }

  /**
   * Inbound, unless the mail is from one of our own addresses (the sender Kluis mails from, the controller's
   * and the dpo's address in the policy): then it is a copy of a reply we sent, saved from the Sent folder,
   * and recording it as collected from the person would misstate where the data came from (Art. 30(1)).
   * Only the address counts; a display name is whatever the sender typed.
   */
  private directionOf(mail: ParsedMessage): Direction {
    const address = mail.from === null ? null : (parseMailbox(mail.from)?.address ?? null);
    return address !== null && this.ownAddresses.has(address.toLowerCase()) ? 'outbound' : 'inbound';
  }
}

import { KluisError } from '../errors.ts';
import type { MailAttachment } from '../mail/eml.ts';
import { scanColumns } from '../scanner/incoming.ts';
import type { Scanner } from '../scanner/scanner.ts';
import { type Clock, isoNow } from '../shared/clock.ts';

/**
 * The one place a mail's attachments pass before the mailbox stores them (on a case, or in the triage inbox),
 * after the mail was parsed and before its transaction starts: the virus scanner belongs here (P10: "antivirus";
 * issue 17 part 2). It returns the files to store; it may throw a KluisError to refuse the whole mail, which is
 * then recorded as refused with the error's message, moved to the refused folder, and stores nothing (give the
 * error `details: { refusal: 'attachment_refused' }`, so the triage inbox says a file was refused).
 * Attachments of a request are never stored (they may be ID copies) and do not pass here.
 */
export type AttachmentGate = (files: MailAttachment[]) => Promise<MailAttachment[]>;

/** Until a scanner is wired in: every file passes as it is. */
export const beforeStore: AttachmentGate = async (files) => files;

/**
 * The virus scanner as the gate (P10, "antivirusscanners"): every file is scanned before the mail's transaction.
 * An infected file refuses the whole mail (recorded, moved to the refused folder, the triage inbox says a file was
 * refused, nothing stored). When the scanner is configured but cannot scan, the mail is not taken in now: the pass
 * stops and the mail stays unread in the mailbox until the scanner answers (the self-check reports the scanner's
 * error meanwhile), so no file reaches staff unscanned. Without a scanner configured, files pass unscanned and are
 * stored as such (the self-check reports the measure as not met).
 */
export function scannerGate(scanner: Scanner, clock: Clock): AttachmentGate {
  return async (files) => {
    const results = await Promise.all(files.map((f) => scanner.scan(f.content, f.filename)));
    const infected = results.flatMap((r) => (r.verdict === 'infected' ? [{ name: r.name, signature: r.signature }] : []));
    if (infected.length > 0) {
      const names = infected.map((f) => `${f.signature} in ${f.name ?? 'the mail'}`).join(', ');
      throw new KluisError('file_infected', `The virus scanner found ${names}; nothing of the mail was stored`, {
        refusal: 'attachment_refused',
        files: infected,
      });
    }
    const unavailable = results.find((r) => r.verdict === 'unavailable' && r.reason !== 'not_configured');
    if (unavailable !== undefined)
      throw new Error('The virus scanner cannot scan the attachments now; the mail stays in the mailbox until it can');
    const at = isoNow(clock);
    return files.map((f, i) => {
      const result = results[i];
      return result === undefined ? f : { ...f, scan: scanColumns(result, at) };
    });
  };
}

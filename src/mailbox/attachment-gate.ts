import type { MailAttachment } from '../rights/eml.ts';

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

import { type AddressObject, simpleParser } from 'mailparser';
import { MAX_ATTACHMENTS_PER_MESSAGE, MAX_ATTACHMENT_BYTES, MAX_MESSAGE_BODY_CHARS, sanitizeFilename } from '../cases/attachment.ts';
import { KluisError, validationFailed } from '../errors.ts';

/** The largest .eml taken: every attachment at its largest, base64-encoded in the mail, and the text. */
export const MAX_EML_BYTES = Math.ceil((MAX_ATTACHMENTS_PER_MESSAGE * MAX_ATTACHMENT_BYTES * 4) / 3) + 4 * MAX_MESSAGE_BODY_CHARS + 256 * 1024;

/** One attachment of an imported mail. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** A mail as the case keeps it: who, when, what, and its attachments. */
export interface ParsedMessage {
  from: string | null;
  to: string | null;
  title: string | null;
  /** The Date header, or the moment of import when it is missing, unreadable or in the future. */
  occurredAt: string;
  body: string;
  attachments: MailAttachment[];
}

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}$/;
// PostgreSQL text cannot hold NUL; a mail has no use for one either.
const clean = (s: string): string => s.replace(/\u0000/g, '');
const addresses = (a: AddressObject | AddressObject[] | undefined): string | null => {
  if (a === undefined) return null;
  const text = (Array.isArray(a) ? a.map((x) => x.text).join(', ') : a.text).trim();
  return text === '' ? null : clean(text).slice(0, 500);
};

/**
 * Parses an RFC 5322 message (an .eml file) with mailparser. Refuses what is not a mail (no From, Date or
 * Subject header), a text over the message limit, and more or larger attachments than a case takes.
 */
export async function parseEml(raw: Buffer): Promise<ParsedMessage> {
  if (raw.length === 0) throw validationFailed('The .eml file is empty');
  if (raw.length > MAX_EML_BYTES) throw new KluisError('payload_too_large', `The .eml file is ${raw.length} bytes; the limit is ${MAX_EML_BYTES}`);
  let mail;
  try {
    mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  } catch {
    throw validationFailed('The file is not a readable e-mail message (RFC 5322)');
  }
  if (!mail.headers.has('from') && !mail.headers.has('date') && !mail.headers.has('subject')) {
    throw validationFailed('The file is not an e-mail message: it has no From, Date or Subject header');
  }
  const body = clean(mail.text ?? (typeof mail.html === 'string' ? htmlToText(mail.html) : ''));
  if (body.length > MAX_MESSAGE_BODY_CHARS) throw new KluisError('payload_too_large', `The text of the mail is ${body.length} characters; the limit is ${MAX_MESSAGE_BODY_CHARS}`);
  const files = mail.attachments.filter((a) => !a.related);
  if (files.length > MAX_ATTACHMENTS_PER_MESSAGE) throw new KluisError('payload_too_large', `The mail has ${files.length} attachments; the limit is ${MAX_ATTACHMENTS_PER_MESSAGE}`);
  const attachments = files.map((a, i) => {
    if (a.content.length > MAX_ATTACHMENT_BYTES) {
      throw new KluisError('payload_too_large', `Attachment ${i + 1} (${a.filename ?? 'unnamed'}) is ${a.content.length} bytes; the limit is ${MAX_ATTACHMENT_BYTES} (5 MiB)`);
    }
    const type = a.contentType.toLowerCase();
    return { filename: sanitizeFilename(a.filename ?? 'attachment'), contentType: MEDIA_TYPE.test(type) ? type : 'application/octet-stream', content: a.content };
  });
  // A little slack for clocks that run ahead; a mail from the future is recorded as received now.
  const now = Date.now();
  const date = mail.date !== undefined && !Number.isNaN(mail.date.getTime()) && mail.date.getTime() <= now + 5 * 60_000 ? mail.date : new Date(now);
  return {
    from: addresses(mail.from),
    to: addresses(mail.to),
    title: mail.subject === undefined || mail.subject.trim() === '' ? null : clean(mail.subject).trim().slice(0, 200),
    occurredAt: date.toISOString(),
    body,
    attachments,
  };
}

/** The text of an HTML-only mail: tags dropped, entities of the common kind decoded. Never rendered. */
function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

import type { ScanColumns } from '../scanner/incoming.ts';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { MAX_ATTACHMENTS_PER_MESSAGE, MAX_ATTACHMENT_BYTES, MAX_MESSAGE_BODY_CHARS } from './message-limits.ts';
import { sanitizeFilename } from '../shared/file-name.ts';
import { mediaTypeOf } from '../shared/media-type.ts';
import { KluisError, validationFailed } from '../errors.ts';

/** The largest .eml taken: every attachment at its largest, base64-encoded in the mail, and the text. */
export const MAX_EML_BYTES =
  Math.ceil((MAX_ATTACHMENTS_PER_MESSAGE * MAX_ATTACHMENT_BYTES * 4) / 3) + 4 * MAX_MESSAGE_BODY_CHARS + 256 * 1024;

/** One attachment of an imported mail. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  /** What the virus scanner said, once the mailbox's gate scanned it (src/mailbox/attachment-gate.ts). */
  scan?: ScanColumns;
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

/** What the mailbox reads from a mail's headers to decide where it goes (src/mailbox/). */
export interface MailHeaders {
  /** The Message-ID, angle brackets included. */
  messageId: string | null;
  /** In-Reply-To and References: the Message-IDs of the mails this one answers, angle brackets included. */
  answers: string[];
  /** The bare address of the From header, lower-case; null without one, or with more than one. */
  fromAddress: string | null;
  /** Every address the mail was delivered to (To, Cc, Delivered-To, X-Original-To), lower-case. */
  recipients: string[];
  /** Sent by a machine: Auto-Submitted other than "no" (RFC 3834), or a delivery report. */
  automatic: boolean;
  /** A mailing list or bulk mail: List-Id, List-Unsubscribe, or Precedence bulk, list or junk. */
  bulk: boolean;
  /** Content-Language, lower-case, when given. */
  language: string | null;
}

/**
 * Parses an RFC 5322 message (an .eml file) with mailparser. Refuses what is not a mail (no From, Date or
 * Subject header), a text over the message limit, and more or larger attachments than a case takes. `now` (the
 * caller's clock) is when it is received: a mail dated later is recorded as received then.
 */
export async function parseEml(raw: Buffer, now: Date): Promise<ParsedMessage> {
  const { message } = await parseMail(raw, now);
  checkAttachments(message.attachments);
  return message;
}

/**
 * The same without the attachment limits, with the headers the mailbox classifies a mail by: a mail whose
 * attachments are dropped unread (a request's) must not be refused for them. Callers that keep attachments
 * check them with `checkAttachments`.
 */
export async function parseMail(raw: Buffer, now: Date): Promise<{ message: ParsedMessage; headers: MailHeaders }> {
  if (raw.length === 0) throw validationFailed('The .eml file is empty');
  if (raw.length > MAX_EML_BYTES)
    throw new KluisError('payload_too_large', `The .eml file is ${raw.length} bytes; the limit is ${MAX_EML_BYTES}`, {
      refusal: 'too_large',
    });
  let mail: ParsedMail;
  try {
    // Only the text and the attachments are kept: no HTML is made from the text (mailparser's textAsHtml).
    mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true });
  } catch (error) {
    // mailsplit's own limits: 1,000 MIME parts, 1 MiB of headers in one part.
    if ((error as { code?: unknown }).code === 'EMAXLEN')
      throw new KluisError('payload_too_large', 'The mail has more than 1,000 parts, or a part with more than 1 MiB of headers', {
        refusal: 'too_many_parts',
      });
    throw validationFailed('The file is not a readable e-mail message (RFC 5322)');
  }
  if (!mail.headers.has('from') && !mail.headers.has('date') && !mail.headers.has('subject')) {
    throw validationFailed('The file is not an e-mail message: it has no From, Date or Subject header');
  }
  const body = clean(mail.text ?? (typeof mail.html === 'string' ? htmlToText(mail.html) : ''));
  if (body.length > MAX_MESSAGE_BODY_CHARS)
    throw new KluisError(
      'payload_too_large',
      `The text of the mail is ${body.length} characters; the limit is ${MAX_MESSAGE_BODY_CHARS}`,
      { refusal: 'text_too_long' },
    );
  const attachments = mail.attachments
    .filter((a) => !a.related)
    .map((a) => {
      const type = a.contentType.toLowerCase();
      // The label as sent, unless the content is unmistakably something else (a program sent as a photo).
      return {
        filename: sanitizeFilename(a.filename ?? 'attachment'),
        contentType: mediaTypeOf(a.content, MEDIA_TYPE.test(type) ? type : 'application/octet-stream'),
        content: a.content,
      };
    });
  // A little slack for clocks that run ahead; a mail from the future is recorded as received now.
  const date =
    mail.date !== undefined && !Number.isNaN(mail.date.getTime()) && mail.date.getTime() <= now.getTime() + 5 * 60_000
      ? mail.date
      : now;
  const message = {
    from: addresses(mail.from),
    to: addresses(mail.to),
    title: mail.subject === undefined || mail.subject.trim() === '' ? null : clean(mail.subject).trim().slice(0, 200),
    occurredAt: date.toISOString(),
    body,
    attachments,
  };
  return { message, headers: headersOf(mail) };
}

/** Refuses more or larger attachments than a case keeps (10 of 5 MiB). */
export function checkAttachments(attachments: MailAttachment[]): void {
  if (attachments.length > MAX_ATTACHMENTS_PER_MESSAGE)
    throw new KluisError(
      'payload_too_large',
      `The mail has ${attachments.length} attachments; the limit is ${MAX_ATTACHMENTS_PER_MESSAGE}`,
    );
  attachments.forEach((a, i) => {
    if (a.content.length > MAX_ATTACHMENT_BYTES) {
      throw new KluisError(
        'payload_too_large',
        `Attachment ${i + 1} (${a.filename}) is ${a.content.length} bytes; the limit is ${MAX_ATTACHMENT_BYTES} (5 MiB)`,
      );
    }
  });
}

const ID = /<[^<>\s]+>/g;
const headerText = (mail: ParsedMail, name: string): string => {
  const value = mail.headers.get(name);
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join(' ');
  if (value instanceof Date) return value.toISOString();
  return 'text' in value && typeof value.text === 'string'
    ? value.text
    : 'value' in value && typeof value.value === 'string'
      ? value.value
      : '';
};
const addressList = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (a === undefined ? [] : Array.isArray(a) ? a : [a])
    .flatMap((o) => o.value.flatMap((v) => [v.address, ...(v.group ?? []).map((g) => g.address)]))
    .filter((x): x is string => typeof x === 'string' && x !== '')
    .map((x) => x.toLowerCase());
const rawLines = (mail: ParsedMail, name: string): string[] =>
  mail.headerLines.filter((h) => h.key === name).map((h) => h.line.slice(h.line.indexOf(':') + 1).trim());

function headersOf(mail: ParsedMail): MailHeaders {
  const answers =
    [
      headerText(mail, 'in-reply-to'),
      ...(Array.isArray(mail.references) ? mail.references : mail.references === undefined ? [] : [mail.references]),
    ]
      .join(' ')
      .match(ID) ?? [];
  const from = addressList(mail.from);
  const delivered = [...rawLines(mail, 'delivered-to'), ...rawLines(mail, 'x-original-to')].map((a) =>
    a.replace(/^<|>$/g, '').trim().toLowerCase(),
  );
  const autoSubmitted = headerText(mail, 'auto-submitted').trim().toLowerCase();
  const precedence = headerText(mail, 'precedence').trim().toLowerCase();
  const contentType = headerText(mail, 'content-type').toLowerCase();
  const language = headerText(mail, 'content-language').trim().toLowerCase();
  return {
    messageId: mail.messageId ?? null,
    answers: [...new Set(answers)].slice(0, 50),
    fromAddress: from.length === 1 ? (from[0] ?? null) : null,
    recipients: [...new Set([...addressList(mail.to), ...addressList(mail.cc), ...delivered])],
    automatic: (autoSubmitted !== '' && autoSubmitted !== 'no') || contentType.startsWith('multipart/report'),
    // mailparser folds the List-* headers into one 'list' value; the raw lines say which were there.
    bulk:
      rawLines(mail, 'list-id').length > 0 ||
      rawLines(mail, 'list-unsubscribe').length > 0 ||
      ['bulk', 'list', 'junk'].includes(precedence),
    language: language === '' ? null : language.slice(0, 20),
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

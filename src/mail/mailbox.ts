import { z } from 'zod';

/** A sender or recipient: an address with an optional display name. */
export interface Mailbox {
  name?: string | undefined;
  address: string;
}

const email = z.email();
// `address`, `<address>`, `Name <address>` or `"Name" <address>`; enough for a From line, not all of RFC 5322.
const FORM = /^\s*(?:(?:"((?:[^"\\\r\n]|\\.)*)"|([^"<>\r\n]*?))\s*)?<([^<>\s]+)>\s*$/;

/** Reads `"Name" <address>` or a bare address; null when it is neither. */
export function parseMailbox(text: string): Mailbox | null {
  const bare = text.trim();
  if (email.safeParse(bare).success) return { address: bare };
  const match = FORM.exec(text);
  if (match === null) return null;
  const address = match[3] ?? '';
  if (!email.safeParse(address).success) return null;
  const name = (match[1]?.replace(/\\(.)/g, '$1') ?? match[2] ?? '').trim();
  return name === '' ? { address } : { name, address };
}

/** Writes a mailbox as a header value would show it: `"Sen ICT" <security@senict.nl>`. */
export function formatMailbox(mailbox: Mailbox): string {
  if (mailbox.name === undefined || mailbox.name === '') return mailbox.address;
  return `"${mailbox.name.replace(/(["\\])/g, '\\$1')}" <${mailbox.address}>`;
}

import type { Limit } from './rate-limit.ts';
import type { RequestKind } from '../shared/request-kind.ts';

/**
 * Which requests knowledge may confirm, instead of control of the mailbox on file.
 *
 * EDPB Guidelines 01/2022 (section 3.3, paras 69-70): the check is proportionate to the damage an improper
 * answer could do. An access request, a question or a complaint is answered by mail to the address on file
 * (and the access package needs a fresh code mailed there before it opens), so a wrong proof discloses
 * nothing to the one who gave it. Everything that changes or deletes data (Art. 16, 17, 18, 21, 7(3)) cannot
 * be undone by a letter, and portability (Art. 20) may send the data to an organisation the requester names: these
 * need the code or link sent to the address on file, or staff who confirmed the request through contact details
 * already known. A kind added later is mailbox-only until it is listed here.
 */
const KNOWLEDGE_KINDS: ReadonlySet<RequestKind> = new Set<RequestKind>(['access', 'question', 'complaint']);

/** True when facts the person knows may confirm a request of this kind. */
export const knowledgeSuffices = (kind: RequestKind): boolean => KNOWLEDGE_KINDS.has(kind);

const DAY = 24 * 60 * 60 * 1000;

/**
 * Wrong knowledge proofs are counted per address and per person across all their requests, not only per
 * request: invoice numbers run in sequence, and a new request must not bring new guesses. At the fifth wrong
 * proof in a day knowledge is locked for that address and that person (the code from the mail still works).
 * Kept in rate_limits under hashed keys, so every instance counts together.
 */
export const KNOWLEDGE_FAILURES = {
  perAddress: { name: 'knowledge-failures:address', max: 5, windowMs: DAY },
  perSubject: { name: 'knowledge-failures:subject', max: 5, windowMs: DAY },
} satisfies Record<string, Limit>;

/**
 * An amount as people write it, in cents: "1.234,56", "1234.56", "€ 1 234,56", "EUR 99", "99,-". A lone
 * separator followed by three digits groups thousands; followed by one or two it is the decimal mark. Null
 * when it is no amount.
 */
export function amountInCents(text: string): number | null {
  const s = text
    .trim()
    .replace(/^(€|eur)\s*/i, '')
    .replace(/\s*(€|eur)$/i, '')
    .replace(/,-$/, '')
    .replace(/[\s\u00a0']/g, '');
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const last = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
  const decimals = last === -1 ? '' : s.slice(last + 1);
  const hasDecimals = last !== -1 && decimals.length >= 1 && decimals.length <= 2;
  const grouped = hasDecimals ? s.slice(0, last) : s;
  // The decimal mark cannot also group thousands: "12,345,6" is no amount.
  if (hasDecimals && grouped.includes(s.charAt(last))) return null;
  const whole = grouped.replace(/[.,](\d{3})/g, '$1');
  if (!/^\d+$/.test(whole) || whole.length > 12) return null;
  return Number(whole) * 100 + (hasDecimals ? Number(decimals.padEnd(2, '0')) : 0);
}

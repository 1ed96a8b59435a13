import { parseMailbox } from '../mail/mailbox.ts';
import type { MailHeaders, ParsedMessage } from '../mail/eml.ts';
import type { RequestKind } from '../shared/request-kind.ts';

/** A request's reference (V-2026-7K3Q9M) and a case's (Z-2026-048213), as our letters put them in the subject. */
const REQUEST_REFERENCE = /\bV-\d{4}-[0-9A-Z]{6}\b/;
const CASE_REFERENCE = /\bZ-\d{4}-\d{6}\b/;

/** The request or case reference a subject line names, if any (a reply keeps our subject: "Re: … V-2026-7K3Q9M"). */
export function referencesIn(title: string | null): { request: string | null; case: string | null } {
  const text = title ?? '';
  return { request: REQUEST_REFERENCE.exec(text)?.[0] ?? null, case: CASE_REFERENCE.exec(text)?.[0] ?? null };
}

// Which right a mail asks for, from its words, strongest first. Objection and withdrawal of consent are per
// purpose (Art. 21, 7(3)), which no keyword can tell: such a mail becomes a question the dpo reclassifies.
const KIND_WORDS: [RequestKind, RegExp][] = [
  ['erasure', /\b(verwijder\w*|wissen|vergeten te worden|erase|erasure|delete|deletion|be forgotten)\b/i],
  [
    'rectification',
    /\b(rectific\w*|corrigeer\w*|correctie|verbeter\w*|onjuist\w*|klopt niet|incorrect|inaccurate|correct my)\b/i,
  ],
  ['restriction', /\b(beperk\w*|restrict\w*)\b/i],
  [
    'access',
    /\b(inzage\w*|inzien|welke gegevens|kopie van mijn|access request|right of access|copy of my|what (personal )?data)\b/i,
  ],
  ['complaint', /\b(klacht\w*|complain\w*)\b/i],
];

/**
 * The kind of request a mail to the privacy address most likely is, from its subject and then its text; a
 * question when nothing says more. A guess for the dpo to check (the request page can change it), never a
 * decision: every kind is received on the day the mail arrived.
 */
export function likelyKind(message: Pick<ParsedMessage, 'title' | 'body'>): RequestKind {
  for (const text of [message.title ?? '', message.body.slice(0, 5000)]) {
    const found = KIND_WORDS.find(([, words]) => words.test(text));
    if (found !== undefined) return found[0];
  }
  return 'question';
}

const ENGLISH = /\b(the|please|my|data|request|would|like|you|your|regards)\b/gi;
const DUTCH = /\b(de|het|een|mijn|gegevens|verzoek|graag|u|uw|met vriendelijke groet)\b/gi;

/** The language to answer in: Content-Language when it says, else whichever of Dutch and English words is more common. */
export function likelyLanguage(
  headers: Pick<MailHeaders, 'language'>,
  message: Pick<ParsedMessage, 'title' | 'body'>,
): 'nl' | 'en' {
  if (headers.language?.startsWith('en') === true) return 'en';
  if (headers.language?.startsWith('nl') === true) return 'nl';
  const text = `${message.title ?? ''}\n${message.body.slice(0, 5000)}`;
  return (text.match(ENGLISH)?.length ?? 0) > (text.match(DUTCH)?.length ?? 0) ? 'en' : 'nl';
}

/** The name the sender gives in the From header, else the address. */
export function senderName(from: string | null, address: string | null): string {
  const name = from === null ? undefined : parseMailbox(from)?.name;
  return (name ?? address ?? from ?? '?').slice(0, 200);
}

import type { Policy } from '../policy/policy.ts';
import { escapeHtml } from '../statement/html.ts';

/**
 * One block of a letter:
 * - a string: a paragraph (line breaks are kept);
 * - `{ list }`: a bulleted list (kept categories with their grounds, the rights of the person, …);
 * - `{ link, label? }`: an absolute http(s) link on its own line (a verification or download link);
 * - `{ code }`: a code the reader must type, shown large on its own line.
 */
export type Paragraph = string | { list: string[] } | { link: string; label?: string } | { code: string };

export interface LetterContent {
  /** The subject line of the mail, and the heading of the HTML. */
  title: string;
  /** The opening line; undefined: "Geachte heer, mevrouw," / "Dear Sir or Madam,"; null: none. */
  salutation?: string | null;
  paragraphs: Paragraph[];
}

/** A letter ready for `enqueueMail`: spread it into the NewMail (`{ ...letter(…), kind, to, language }`). */
export interface Letter {
  title: string;
  text: string;
  html: string;
}

export type Language = 'nl' | 'en';

const WORDS = {
  nl: { salutation: 'Geachte heer, mevrouw,', closing: 'Met vriendelijke groet,', dpo: (title: string) => title },
  en: { salutation: 'Dear Sir or Madam,', closing: 'Kind regards,', dpo: (title: string) => `Data protection officer (${title})` },
} as const;

/**
 * Builds a letter in the reader's language that ends with who sends it: the controller's name, postal
 * address and e-mail, and the data protection officer's title and e-mail, from the policy (P16; Art. 12(1)
 * and 13(1)(a)-(b): the person must know whom to turn to). Every value is escaped in the HTML version.
 *
 * ```ts
 * const mail = letter(policy, 'nl', { title: 'Uw verificatiecode', paragraphs: ['Uw code is:', { code: '482913' }] });
 * await enqueueMail(trx, { ...mail, kind: 'verification_code', to: address, language: 'nl' });
 * ```
 */
export function letter(policy: Policy, lang: Language, content: LetterContent): Letter {
  const words = WORDS[lang];
  const salutation = content.salutation === undefined ? words.salutation : content.salutation;
  const sender = signature(policy, lang);
  const closing = [words.closing, policy.document.controller.name];

  const text = [
    ...(salutation === null ? [] : [salutation]),
    ...content.paragraphs.map(paragraphText),
    closing.join('\n'),
    `-- \n${sender.join('\n')}`,
  ].join('\n\n');

  const html = [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(content.title)}</title></head>`,
    '<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #1a1a1a; max-width: 40em">',
    ...(salutation === null ? [] : [`<p>${lines(salutation)}</p>`]),
    ...content.paragraphs.map(paragraphHtml),
    `<p>${closing.map(escapeHtml).join('<br>')}</p>`,
    `<hr style="border: none; border-top: 1px solid #ccc">`,
    `<p style="font-size: 13px; color: #555">${sender.map(linkEmails).join('<br>')}</p>`,
    '</body></html>',
  ].join('\n');

  return { title: content.title, text, html };
}

/** The sender block: name, address, e-mail, and the DPO with their e-mail. */
export function signature(policy: Policy, lang: Language): string[] {
  const c = policy.document.controller;
  const place = `${c.address.postalCode} ${c.address.city}`;
  // Dutch readers know where Utrecht is; a reader of the English letter may be abroad.
  const address = lang === 'nl' ? `${c.address.street}, ${place}` : `${c.address.street}, ${place}, ${countryName(c.address.country, lang)}`;
  return [c.name, address, c.email, `${WORDS[lang].dpo(c.dpo.title)}: ${c.dpo.email}`];
}

function paragraphText(p: Paragraph): string {
  if (typeof p === 'string') return p;
  if ('list' in p) return p.list.map((item) => `- ${item.replace(/\n/g, '\n  ')}`).join('\n');
  if ('link' in p) return p.label === undefined ? p.link : `${p.label}:\n${p.link}`;
  return `    ${p.code}`;
}

function paragraphHtml(p: Paragraph): string {
  if (typeof p === 'string') return `<p>${lines(p)}</p>`;
  if ('list' in p) return `<ul>${p.list.map((item) => `<li>${lines(item)}</li>`).join('')}</ul>`;
  if ('link' in p) {
    // Only an absolute web link becomes clickable; anything else is shown as text.
    if (!/^https?:\/\/\S+$/.test(p.link)) return `<p>${lines(paragraphText(p))}</p>`;
    return `<p><a href="${escapeHtml(p.link)}">${escapeHtml(p.label ?? p.link)}</a></p>`;
  }
  return `<p style="font-family: monospace; font-size: 24px; letter-spacing: 4px"><strong>${escapeHtml(p.code)}</strong></p>`;
}

const lines = (text: string): string => text.split('\n').map(escapeHtml).join('<br>');

const linkEmails = (line: string): string =>
  escapeHtml(line).replace(/[^\s:<>]+@[^\s<>]+/g, (address) => `<a href="mailto:${address}">${address}</a>`);

function countryName(code: string, lang: Language): string {
  return new Intl.DisplayNames([lang], { type: 'region' }).of(code.toUpperCase()) ?? code;
}

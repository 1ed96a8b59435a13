import type { Policy } from '../policy/policy.ts';
import { escapeHtml } from '../shared/escape-html.ts';

/**
 * One block of a letter:
 * - a string: a paragraph (line breaks are kept);
 * - `{ list }`: a bulleted list (kept categories with their grounds, the rights of the person, …);
 * - `{ link, label? }`: a link on its own line, clickable when absolute http(s) (a verification or download link);
 *   secret unless `public: true`;
 * - `{ code }`: a code the reader must type, shown large on its own line; always secret.
 *
 * A secret (a code, a link carrying a token) is never in the letter's text or HTML: they hold a placeholder
 * (`[code verstuurd]`, `[link sent]`), and the secret travels in `secrets`, which the outbox keeps sealed and
 * delivery puts in at the hand-over to SMTP (mail-secrets.ts). Staff reading the outbox see that a code was sent.
 */
export type Paragraph = string | { list: string[] } | { link: string; label?: string; public?: boolean } | { code: string };

/** A secret of a letter: the placeholder that stands for it in the text and HTML, and what replaces it in each. */
export interface LetterSecret {
  placeholder: string;
  text: string;
  html: string;
}

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
  /** The text and HTML as stored: every secret replaced by its placeholder. */
  text: string;
  html: string;
  /** The secrets the placeholders stand for; empty for most letters. */
  secrets: LetterSecret[];
}

export type Language = 'nl' | 'en';

const WORDS = {
  nl: {
    salutation: 'Geachte heer, mevrouw,',
    closing: 'Met vriendelijke groet,',
    dpo: (title: string) => title,
    code: '[code verstuurd]',
    link: '[link verstuurd]',
  },
  en: {
    salutation: 'Dear Sir or Madam,',
    closing: 'Kind regards,',
    dpo: (title: string) => `Data protection officer (${title})`,
    code: '[code sent]',
    link: '[link sent]',
  },
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
  const secrets: LetterSecret[] = [];
  const paragraphs = content.paragraphs.map((p) => withoutSecret(p, words, secrets));

  const text = [
    ...(salutation === null ? [] : [salutation]),
    ...paragraphs.map((p) => p.text),
    closing.join('\n'),
    `-- \n${sender.join('\n')}`,
  ].join('\n\n');

  const html = [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(content.title)}</title></head>`,
    '<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #1a1a1a; max-width: 40em">',
    ...(salutation === null ? [] : [`<p>${lines(salutation)}</p>`]),
    ...paragraphs.map((p) => p.html),
    `<p>${closing.map(escapeHtml).join('<br>')}</p>`,
    `<hr style="border: none; border-top: 1px solid #ccc">`,
    `<p style="font-size: 13px; color: #555">${sender.map(linkEmails).join('<br>')}</p>`,
    '</body></html>',
  ].join('\n');

  return { title: content.title, text, html, secrets };
}

/**
 * A paragraph as it is stored: a secret one with its placeholder, the secret itself added to `secrets`. Only
 * the letter's own placeholders are filled in at delivery; the rest of a letter with secrets is the
 * controller's wording and a reference, so no caller-supplied text can carry a placeholder into the mail.
 */
function withoutSecret(p: Paragraph, words: (typeof WORDS)[Language], secrets: LetterSecret[]): { text: string; html: string } {
  const isSecret = typeof p === 'object' && ('code' in p || ('link' in p && p.public !== true));
  if (!isSecret) return { text: paragraphText(p), html: paragraphHtml(p) };
  const placeholder = 'code' in p ? words.code : words.link;
  if (secrets.some((s) => s.placeholder === placeholder)) throw new Error(`A letter holds one ${placeholder} at most`);
  if ('code' in p) {
    secrets.push({ placeholder, text: p.code, html: escapeHtml(p.code) });
    return { text: paragraphText({ code: placeholder }), html: paragraphHtml({ code: placeholder }) };
  }
  const html = paragraphHtml(p);
  // The whole paragraph's inner HTML is the secret: a clickable link whose label is not the link itself.
  secrets.push({ placeholder, text: p.link, html: html.slice('<p>'.length, -'</p>'.length) });
  return { text: paragraphText({ ...p, link: placeholder }), html: `<p>${placeholder}</p>` };
}

/** The sender block: name, address, e-mail, and the DPO with their e-mail. */
export function signature(policy: Policy, lang: Language): string[] {
  const c = policy.document.controller;
  const place = `${c.address.postalCode} ${c.address.city}`;
  // Dutch readers know where Utrecht is; a reader of the English letter may be abroad.
  const address =
    lang === 'nl' ? `${c.address.street}, ${place}` : `${c.address.street}, ${place}, ${countryName(c.address.country, lang)}`;
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

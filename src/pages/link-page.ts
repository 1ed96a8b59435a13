import { html } from './html.ts';
import { FORM_STYLE, type Lang, NAV_TEXT, page, publicNav } from './layout.ts';

/** Why a link from one of our mails does not work: unknown (404), past its date or used up (410). */
export type LinkProblem = 'missing' | 'expired' | 'used';

/** The HTTP status of each: a link we never made is not found; one that worked once is gone for good. */
export const LINK_STATUS: Record<LinkProblem, 404 | 410> = { missing: 404, expired: 410, used: 410 };

const TEXT: Record<
  Lang,
  { title: Record<LinkProblem, string>; why: Record<LinkProblem, string>; next: string; newRequest: string; status: string }
> = {
  nl: {
    title: { missing: 'Deze link kennen wij niet', expired: 'Deze link is verlopen', used: 'Deze link is al gebruikt' },
    why: {
      missing:
        'Misschien is de link niet helemaal overgenomen uit onze e-mail. Klik op de link in de e-mail zelf, of kopieer hem in zijn geheel.',
      expired: 'Om uw gegevens te beschermen werkt een link uit onze e-mail maar een beperkte tijd.',
      used: 'Om uw gegevens te beschermen werkt een link uit onze e-mail maar één keer.',
    },
    next: 'Wat nu? U kunt de status van uw verzoek bekijken met het kenmerk uit onze e-mail, of een nieuw verzoek indienen. Lukt het niet, antwoord dan op onze e-mail.',
    newRequest: 'Een nieuw verzoek indienen',
    status: 'De status van uw verzoek bekijken',
  },
  en: {
    title: { missing: 'We do not know this link', expired: 'This link has expired', used: 'This link has been used' },
    why: {
      missing:
        'Perhaps the link was not copied completely from our e-mail. Click the link in the e-mail itself, or copy all of it.',
      expired: 'To protect your data, a link from our e-mail works for a limited time only.',
      used: 'To protect your data, a link from our e-mail works only once.',
    },
    next: 'What now? You can see the status of your request with the reference from our e-mail, or file a new request. If that does not help, reply to our e-mail.',
    newRequest: 'File a new request',
    status: 'See the status of your request',
  },
};

/**
 * The page for a link from one of our mails that does not work (issue 19, part 6): in the page's language and the
 * house style, what happened and what to do now, instead of a bare error. `otherHref` is the same page in the other
 * language; the status goes with it (LINK_STATUS).
 */
export function linkProblemPage(lang: Lang, problem: LinkProblem, otherHref: string): string {
  const t = TEXT[lang];
  const nav = NAV_TEXT[lang];
  const main = html`<h1 data-error-code="${problem === 'missing' ? 'not_found' : 'expired'}">${t.title[problem]}</h1>
<p>${t.why[problem]}</p>
<p>${t.next}</p>
<ul><li><a href="${nav.statusHref}">${t.status}</a></li><li><a href="${nav.requestHref}">${t.newRequest}</a></li></ul>`;
  return page(lang, t.title[problem], publicNav(lang, otherHref), main, FORM_STYLE);
}

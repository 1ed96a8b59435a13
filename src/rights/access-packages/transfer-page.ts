import { type SafeHtml, html } from '../../pages/html.ts';
import { FORM_STYLE, page, publicNav } from '../../pages/layout.ts';
import { type NamedOrganisation, TRANSFER_PATHS, transferPath } from './portability-letters.ts';
import type { Lang } from '../../shared/lang.ts';

// The words of the page; an error is named by its stable code and explained in the reader's language.
const TEXT = {
  nl: {
    title: 'Bevestig naar wie wij uw gegevens sturen',
    intro:
      'U vroeg ons de gegevens die u ons zelf gaf rechtstreeks naar een andere organisatie te sturen (art. 20 lid 2 AVG). Controleer naam en e-mailadres:',
    organisation: 'Organisatie',
    email: 'E-mailadres',
    confirm: 'Ja, stuur mijn gegevens hierheen',
    notRight:
      'Klopt dit niet? Bevestig dan niet en laat het ons weten via het e-mailadres onder aan onze e-mail. Wij sturen niets zolang u niet bevestigt.',
    doneTitle: 'Dank u, wij sturen uw gegevens',
    done: (to: NamedOrganisation) =>
      `Wij hebben ${to.name} een downloadlink gestuurd op ${to.email}. U ontvangt van ons een e-mail ter bevestiging; daarmee is uw verzoek afgehandeld.`,
    errors: {
      not_found: 'Deze link kennen wij niet. Gebruik de link uit onze e-mail.',
      expired:
        'Deze link is al gebruikt, verlopen of te vaak geprobeerd. Neem contact met ons op als u uw gegevens nog wilt laten sturen.',
      rate_limited: 'U heeft dit te vaak geprobeerd. Probeer het later opnieuw.',
      conflict: 'Uw gegevens zijn al verstuurd of het verzoek is afgesloten. U hoeft niets meer te doen.',
    } as Record<string, string>,
    otherError: 'Dat lukte niet. Neem contact met ons op.',
  },
  en: {
    title: 'Confirm where we send your data',
    intro:
      'You asked us to send the data you gave us directly to another organisation (Art. 20(2) GDPR). Check its name and e-mail address:',
    organisation: 'Organisation',
    email: 'E-mail address',
    confirm: 'Yes, send my data there',
    notRight:
      'Is this not right? Then do not confirm, and tell us at the e-mail address at the bottom of our e-mail. We send nothing as long as you do not confirm.',
    doneTitle: 'Thank you, we are sending your data',
    done: (to: NamedOrganisation) =>
      `We have sent ${to.name} a download link at ${to.email}. You will receive an e-mail from us confirming it; that completes your request.`,
    errors: {
      not_found: 'We do not know this link. Use the link from our e-mail.',
      expired: 'This link was used, has expired or was tried too often. Please contact us if you still want your data sent.',
      rate_limited: 'You have tried this too often. Please try again later.',
      conflict: 'Your data have been sent already, or the request is closed. You need not do anything more.',
    } as Record<string, string>,
    otherError: 'That did not work. Please contact us.',
  },
} satisfies Record<Lang, unknown>;

export interface TransferView {
  reference: string;
  token: string;
  /** The organisation to confirm; absent when the link does not work. */
  organisation?: NamedOrganisation | undefined;
  /** Sent: the confirmation went through. */
  sent?: boolean;
  /** What went wrong, by its stable code. */
  error?: string | undefined;
}

const other = (lang: Lang): Lang => (lang === 'nl' ? 'en' : 'nl');

/**
 * The page behind the link in the confirmation mail (Art. 20(2)), working without JavaScript: the organisation
 * and its address, and one button that confirms them. Opening the page confirms nothing (mail scanners open links).
 */
export function transferPage(lang: Lang, view: TransferView): string {
  const t = TEXT[lang];
  const title = view.sent === true ? t.doneTitle : t.title;
  const error: SafeHtml | '' =
    view.error === undefined
      ? ''
      : html`<div class="problems" role="alert" data-error-code="${view.error}">
          <p>${t.errors[view.error] ?? t.otherError}</p>
        </div> `;
  const to = view.organisation;
  let body: SafeHtml | '' = '';
  if (to !== undefined && view.sent === true) body = html`<p class="note" role="status">${t.done(to)}</p>`;
  else if (to !== undefined) {
    body = html`<p>${t.intro}</p>
      <table class="status">
        <tbody>
          <tr>
            <th scope="row">${t.organisation}</th>
            <td><strong>${to.name}</strong></td>
          </tr>
          <tr>
            <th scope="row">${t.email}</th>
            <td><strong>${to.email}</strong></td>
          </tr>
        </tbody>
      </table>
      <form method="post" action="${TRANSFER_PATHS[lang]}">
        <input type="hidden" name="reference" value="${view.reference}" /><input
          type="hidden"
          name="token"
          value="${view.token}"
        /><button type="submit">${t.confirm}</button>
      </form>
      <p>${t.notRight}</p>`;
  }
  const main = html`<h1>${title}</h1>
    ${error}${body}`;
  return page(lang, title, publicNav(lang, transferPath(view.reference, view.token, other(lang))), main, FORM_STYLE);
}

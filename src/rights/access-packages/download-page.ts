import { type SafeHtml, html } from '../../pages/html.ts';
import { FORM_STYLE, page, publicNav } from '../../pages/layout.ts';
import { DOWNLOAD_PATHS, type Downloader, packagePath } from './package-letters.ts';
import type { Lang } from '../../shared/lang.ts';

// The words of the page; an error is named by its stable code and explained in the reader's language.
const TEXT = {
  nl: {
    title: 'Uw gegevens downloaden',
    intro:
      'Om zeker te weten dat u het bent, sturen wij een code naar het e-mailadres dat wij van u hebben. Met die code downloadt u één zip-bestand met uw gegevens.',
    introRecipient:
      'Deze gegevens zijn u gestuurd op verzoek van de persoon zelf (art. 20 lid 2 AVG). Om zeker te weten dat de juiste organisatie ze ontvangt, sturen wij een code naar het e-mailadres waar onze link naartoe ging. Met die code downloadt u één zip-bestand.',
    titleRecipient: 'Gegevens downloaden',
    sent: 'Wij hebben een code naar uw e-mailadres gestuurd. De code is 30 minuten geldig en werkt één keer.',
    send: 'Stuur mij een code',
    sendAgain: 'Stuur een nieuwe code',
    codeLabel: 'Code uit de e-mail (6 cijfers)',
    download: 'Downloaden',
    ready: 'De code klopt. Uw gegevens staan klaar; de knop hieronder werkt de komende tien minuten.',
    readyButton: 'Download het zip-bestand',
    readyAgain: 'Nog een keer downloaden? Vraag dan een nieuwe code aan.',
    errors: {
      validation_failed: 'De code klopt niet. Controleer de e-mail, of vraag een nieuwe code aan.',
      expired:
        'De code of de link is verlopen, al gebruikt of te vaak geprobeerd. Vraag een nieuwe code aan; is de link verlopen, dien dan een nieuw verzoek in.',
      not_found: 'Deze link kennen wij niet. Gebruik de link uit onze e-mail.',
      rate_limited: 'U heeft dit te vaak geprobeerd. Probeer het later opnieuw.',
      conflict: 'Wij hebben geen e-mailadres om een code naar te sturen. Neem contact met ons op.',
    } as Record<string, string>,
    otherError: 'Dat lukte niet.',
  },
  en: {
    title: 'Download your data',
    intro:
      'To be sure it is you, we send a code to the e-mail address we hold for you. With that code you download one zip file with your data.',
    introRecipient:
      'These data were sent to you at the request of the person themselves (Art. 20(2) GDPR). To be sure the right organisation receives them, we send a code to the e-mail address our link went to. With that code you download one zip file.',
    titleRecipient: 'Download the data',
    sent: 'We have sent a code to your e-mail address. The code is valid for 30 minutes and works once.',
    send: 'Send me a code',
    sendAgain: 'Send a new code',
    codeLabel: 'Code from the e-mail (6 digits)',
    download: 'Download',
    ready: 'The code is right. Your data are ready; the button below works for the next ten minutes.',
    readyButton: 'Download the zip file',
    readyAgain: 'Download again later? Then ask for a new code.',
    errors: {
      validation_failed: 'The code is not right. Check the e-mail, or ask for a new code.',
      expired:
        'The code or the link has expired, was used or was tried too often. Ask for a new code; if the link has expired, file a new request.',
      not_found: 'We do not know this link. Use the link from our e-mail.',
      rate_limited: 'You have tried this too often. Please try again later.',
      conflict: 'We have no e-mail address to send a code to. Please contact us.',
    } as Record<string, string>,
    otherError: 'That did not work.',
  },
} satisfies Record<Lang, unknown>;

export interface DownloadView {
  /** A code was just sent: the page says so and offers a new one. */
  sent: boolean;
  /** The right code was given: the page offers the download itself, and no error of an earlier attempt. */
  ready?: boolean;
  /** What went wrong with the last attempt, by its stable code. */
  error?: string | undefined;
  /** Who the link went to: the person, or the organisation they had the package sent to (Art. 20(2)). */
  downloader?: Downloader | undefined;
}

/**
 * The page behind the link in the mail (Art. 15), working without JavaScript: a button that mails a code to
 * the address on file (EDPB 01/2022), and a field for that code, which downloads the zip.
 */
export function downloadPage(lang: Lang, token: string, view: DownloadView): string {
  const t = TEXT[lang];
  const other: Lang = lang === 'nl' ? 'en' : 'nl';
  const downloader = view.downloader ?? 'person';
  const title = downloader === 'person' ? t.title : t.titleRecipient;
  const intro = downloader === 'person' ? t.intro : t.introRecipient;
  const forRecipient = downloader === 'person' ? '' : '&for=recipient';
  const error: SafeHtml | '' =
    view.error === undefined
      ? ''
      : html`<div class="problems" role="alert" data-error-code="${view.error}">
          <p>${t.errors[view.error] ?? t.otherError}</p>
        </div> `;
  const query = `token=${encodeURIComponent(token)}${forRecipient}`;
  const ready = html`<p class="note" role="status">${t.ready}</p>
<p><a class="button" href="${DOWNLOAD_PATHS[lang]}/file?${query}" download>${t.readyButton}</a></p>
<p>${t.readyAgain}</p>
<form method="post" action="${DOWNLOAD_PATHS[lang]}/code?${query}"><button type="submit">${t.sendAgain}</button></form>`;
  // The code is posted, never put in the address; six digits as people type them, with a space or a dash.
  const ask = html`${error}<p${view.sent ? html` class="note" role="status"` : ''}>${view.sent ? t.sent : intro}</p>
<form method="post" action="${DOWNLOAD_PATHS[lang]}/code?${query}"><button type="submit">${view.sent ? t.sendAgain : t.send}</button></form>
<form method="post" action="${DOWNLOAD_PATHS[lang]}?${query}">
<label for="code">${t.codeLabel}</label>
<input type="text" id="code" class="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="12" required${view.error === 'validation_failed' ? html` aria-invalid="true"` : ''}>
<button type="submit">${t.download}</button>
</form>`;
  const main = html`<h1>${title}</h1>
${view.ready === true ? ready : ask}`;
  return page(
    lang,
    title,
    publicNav(lang, packagePath(token, other, downloader)),
    main,
    `${FORM_STYLE}input.code{display:block;width:10rem;letter-spacing:.15em}a.button{display:inline-block;padding:.5rem 1.25rem;background:#0b57a4;color:#fff;border-radius:3px;text-decoration:none}\n`,
  );
}

/** The HTTP status of the page that names a problem of the last post (200 when there is none). */
export function problemStatus(problem: string | undefined): number {
  switch (problem) {
    case undefined:
      return 200;
    case 'not_found':
      return 404;
    case 'expired':
      return 410;
    case 'rate_limited':
      return 429;
    case 'conflict':
      return 409;
    default:
      return 400;
  }
}

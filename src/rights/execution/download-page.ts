import { html } from '../../statement/html.ts';

/**
 * The page behind the link in the mail, in Dutch and English, working without JavaScript: first a button
 * that mails a code to the address on file, then a field for that code, which downloads the zip.
 */
export function downloadPage(token: string, sent: boolean): string {
  const codeAction = `/privacy/request/package/code?token=${encodeURIComponent(token)}`;
  return html`<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Uw gegevens downloaden / Download your data</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}input,button{font-size:1rem;padding:.4rem}</style></head>
<body>
<h1>Uw gegevens downloaden</h1>
<p lang="en"><em>Download your data</em></p>
${sent
    ? html`<p>Wij hebben een code naar uw e-mailadres gestuurd. <span lang="en">We have sent a code to your e-mail address.</span></p>`
    : html`<p>Om zeker te weten dat u het bent, sturen wij een code naar het e-mailadres dat wij van u hebben. <span lang="en">To be sure it is you, we send a code to the e-mail address we have on file.</span></p>`}
<form method="post" action="${codeAction}"><button type="submit">${sent ? 'Stuur een nieuwe code / Send a new code' : 'Stuur mij een code / Send me a code'}</button></form>
<form method="get" action="/privacy/request/package">
<input type="hidden" name="token" value="${token}">
<p><label>Code: <input name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required></label>
<button type="submit">Downloaden / Download</button></p>
</form>
</body>
</html>
`.value;
}

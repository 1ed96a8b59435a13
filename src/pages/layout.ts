import { type SafeHtml, html, trustedHtml } from './html.ts';

export type Lang = 'nl' | 'en';

// Public pages: no JavaScript, no cookies (but the download page's grant: download-page.routes.ts), nothing loaded from elsewhere (the CSP forbids it anyway);
// readable on a phone and printable.
const STYLE = `
body{font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff;max-width:46rem;margin:0 auto;padding:1rem 1.25rem 3rem}
header nav{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;font-size:.95rem;padding-bottom:.5rem;border-bottom:1px solid #ddd}
header nav [aria-current=page]{font-weight:600;text-decoration:none}
header nav .other-language{margin-left:auto}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #0b57a4;outline-offset:2px}
a{color:#0b57a4}
h1{font-size:1.75rem;line-height:1.25;margin:1.25rem 0 1rem}
h2{font-size:1.25rem;line-height:1.3;margin:2rem 0 .5rem;padding-top:1rem;border-top:1px solid #e4e4e4}
h3{font-size:1.0625rem;margin:1.25rem 0 .25rem}
ul{padding-left:1.25rem}
address{font-style:normal}
.note{background:#f3f6fa;border-left:4px solid #0b57a4;padding:.5rem .75rem}
.last-changed{color:#444;margin-top:2rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #ddd}
.diff{font:.875rem/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere}
.diff>*{display:block;padding:0 .4rem;margin:0}
.diff ins{background:#e6ffec;text-decoration:none}
.diff del{background:#ffebe9}
.diff .gap{color:#666;font-style:italic}
@media print{header,.note a{display:none}body{max-width:none;padding:0;font-size:11pt;color:#000}a{color:#000;text-decoration:none}h2{break-after:avoid}li,address{break-inside:avoid}}
`;

/** A public page around `main`, in the house style; `extraStyle` adds rules (the request form's). */
export function page(lang: Lang, title: string, nav: SafeHtml, main: SafeHtml, extraStyle = ''): string {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${trustedHtml(STYLE + extraStyle)}</style>
</head>
<body>
<header><nav aria-label="${NAV_TEXT[lang].navLabel}">${nav}</nav></header>
<main>
${main}
</main>
</body>
</html>
`.value;
}

/**
 * The one navigation of every public page (statement, versions, request form, status, download): the same
 * links in the same order, the page itself marked as current, and the same page in the other language.
 */
export function publicNav(lang: Lang, otherHref: string, currentHref?: string): SafeHtml {
  const p = NAV_TEXT[lang];
  const link = (href: string, label: string) =>
    html`<a href="${href}"${href === currentHref ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`${link(p.home, p.homeLabel)}${link(p.versionsHref, p.versionsLabel)}${link(p.requestHref, p.requestLabel)}${link(p.statusHref, p.statusLabel)}<a href="${otherHref}" hreflang="${p.otherLanguage.lang}" lang="${p.otherLanguage.lang}" class="other-language">${p.otherLanguage.label}</a>`;
}

// Forms that work without JavaScript, usable with a keyboard and a screen reader; nothing loaded from elsewhere.
export const FORM_STYLE = `
form label{display:block;font-weight:600;margin-top:1rem}
input[type=text],input[type=email],input[type=tel],select,textarea{width:100%;box-sizing:border-box;font:inherit;padding:.4rem;border:1px solid #767676;border-radius:3px}
textarea{min-height:8rem}
fieldset{border:1px solid #ddd;margin:1rem 0;padding:.5rem 1rem}
legend{font-weight:600}
.hint{color:#444;font-size:.95rem;margin:.1rem 0}
.choice{margin:.3rem 0}.choice label{display:inline;font-weight:normal;margin:0 0 0 .3rem}
button{font:inherit;margin-top:1.25rem;padding:.5rem 1.25rem;background:#0b57a4;color:#fff;border:0;border-radius:3px;cursor:pointer}
.problems{border-left:4px solid #b00020;background:#fdecee;padding:.5rem .75rem}
.field-error{color:#b00020;font-weight:600;margin:.1rem 0}
[aria-invalid=true]{border-color:#b00020}
.status th{width:40%}
.stage{display:inline-block;font-weight:600;padding:0 .5rem;border-radius:3px;background:#e8eef7;color:#0b3d73}
.stage-answered{background:#e6f4ea;color:#0d5323}
`;

/** The words of the navigation every public page has. */
interface NavText {
  home: string;
  homeLabel: string;
  versionsHref: string;
  versionsLabel: string;
  /** The request pages, linked from every public page (P11): filing one, and its status. */
  requestHref: string;
  requestLabel: string;
  statusHref: string;
  statusLabel: string;
  navLabel: string;
  otherLanguage: { label: string; lang: Lang };
}

export const NAV_TEXT: Record<Lang, NavText> = {
  nl: {
    home: '/privacy',
    homeLabel: 'Privacyverklaring',
    versionsHref: '/privacy/versions',
    versionsLabel: 'Alle versies',
    requestHref: '/privacy/request',
    requestLabel: 'Verzoek indienen',
    statusHref: '/privacy/request/status',
    statusLabel: 'Status van uw verzoek',
    navLabel: 'Privacy',
    otherLanguage: { label: 'English', lang: 'en' },
  },
  en: {
    home: '/en/privacy',
    homeLabel: 'Privacy statement',
    versionsHref: '/en/privacy/versions',
    versionsLabel: 'All versions',
    requestHref: '/en/privacy/request',
    requestLabel: 'File a request',
    statusHref: '/en/privacy/request/status',
    statusLabel: 'Status of your request',
    navLabel: 'Privacy',
    otherLanguage: { label: 'Nederlands', lang: 'nl' },
  },
};

import { businessDate, longDate } from './dates.ts';
import { type SafeHtml, html, trustedHtml } from './html.ts';
import { type DiffLine, withContext } from './line-diff.ts';
import { PAGE_TEXT } from './page-text.ts';
import { TEXTS } from './render-context.ts';
import type { Lang } from './statement-document.ts';
import type { StatementVersion } from './statement.schema.ts';
import type { ServedStatement } from './statement.service.ts';

// Public pages: no JavaScript, no cookies, nothing loaded from elsewhere (the CSP forbids it anyway);
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
<header><nav aria-label="${PAGE_TEXT[lang].navLabel}">${nav}</nav></header>
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
  const p = PAGE_TEXT[lang];
  const link = (href: string, label: string) =>
    html`<a href="${href}"${href === currentHref ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`${link(p.home, TEXTS[lang].title)}${link(p.versionsHref, p.versionsLabel)}${link(p.requestHref, p.requestLabel)}${link(p.statusHref, p.statusLabel)}<a href="${otherHref}" hreflang="${p.otherLanguage.lang}" lang="${p.otherLanguage.lang}" class="other-language">${p.otherLanguage.label}</a>`;
}

const versionHref = (lang: Lang, n: number) => `${PAGE_TEXT[lang].versionsHref}/${n}`;
const publishedOn = (v: StatementVersion, lang: Lang) => longDate(businessDate(v.publishedAt), lang);

/** /privacy, /en/privacy and the page of one version (`pinned`). */
export function statementPage(lang: Lang, served: ServedStatement, pinned: boolean): string {
  const p = PAGE_TEXT[lang];
  const other = p.otherLanguage.lang;
  const v = served.version;
  const note =
    pinned && v !== null
      ? html`<p class="note">${p.readingVersion(v.version, publishedOn(v, lang))} <a href="${p.home}">${p.currentLink}</a> · <a href="${versionHref(lang, v.version)}/diff">${p.changesLink}</a></p>\n`
      : '';
  const otherHref = pinned && v !== null ? versionHref(other, v.version) : PAGE_TEXT[other].home;
  return page(
    lang,
    TEXTS[lang].title,
    publicNav(lang, otherHref, pinned ? undefined : p.home),
    html`${note}${trustedHtml(served.article)}`,
  );
}

/** /privacy/versions: every published version with its date, its change and links. */
export function versionsPage(lang: Lang, list: StatementVersion[]): string {
  const p = PAGE_TEXT[lang];
  const rows = list.map(
    (v, i) =>
      html`<tr><td><a href="${versionHref(lang, v.version)}">${p.version(v.version)}</a>${i === 0 ? html` (${p.current})` : ''}</td><td>${publishedOn(v, lang)}</td><td>${v.changeSummary ?? ''}</td><td><a href="${versionHref(lang, v.version)}/diff">${p.table.changes}</a></td></tr>\n`,
  );
  const body =
    list.length === 0
      ? html`<p>${p.none}</p>`
      : html`<table>
<thead><tr><th scope="col">${p.table.version}</th><th scope="col">${p.table.date}</th><th scope="col">${p.table.summary}</th><th scope="col">${p.table.changes}</th></tr></thead>
<tbody>
${rows}</tbody>
</table>`;
  return page(
    lang,
    p.versionsTitle,
    publicNav(lang, p.otherLanguage.versions, p.versionsHref),
    html`<h1>${p.versionsTitle}</h1>\n${body}`,
  );
}

/** /privacy/versions/:version/diff: the Markdown of the version against the one before, changed lines marked. */
export function diffPage(lang: Lang, diff: { version: StatementVersion; previous: number | null; lines: DiffLine[] }): string {
  const p = PAGE_TEXT[lang];
  const n = diff.version.version;
  const lines = withContext(diff.lines).map((line) => {
    if (line === null) return html`<span class="gap">${p.unchangedLines}</span>\n`;
    switch (line.kind) {
      case 'ins':
        return html`<ins>+ ${line.text}</ins>\n`;
      case 'del':
        return html`<del>− ${line.text}</del>\n`;
      case 'same':
        return html`<span>  ${line.text}</span>\n`;
    }
  });
  const summary = diff.version.changeSummary === null ? '' : html`<p>${diff.version.changeSummary}</p>\n`;
  const main = html`<h1>${p.diffTitle(n)}</h1>
<p class="note">${p.diffAgainst(diff.previous)} <a href="${versionHref(lang, n)}">${p.version(n)}</a></p>
${summary}<div class="diff">
${lines}</div>`;
  return page(lang, p.diffTitle(n), publicNav(lang, `${versionHref(PAGE_TEXT[lang].otherLanguage.lang, n)}/diff`), main);
}

export function notFoundPage(lang: Lang): string {
  const p = PAGE_TEXT[lang];
  return page(
    lang,
    p.notFoundTitle,
    publicNav(lang, PAGE_TEXT[p.otherLanguage.lang].home),
    html`<h1 data-error-code="not_found">${p.notFoundTitle}</h1>\n<p>${p.notFound}</p>`,
  );
}

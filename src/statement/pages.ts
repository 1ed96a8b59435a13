import { businessDate } from '../shared/business-day.ts';
import { longDate } from './dates.ts';
import { html, trustedHtml } from '../pages/html.ts';
import { type DiffLine, withContext } from './line-diff.ts';
import { PAGE_TEXT } from './page-text.ts';
import { TEXTS } from './render-context.ts';
import { page, publicNav } from '../pages/layout.ts';
import type { Lang } from './statement-document.ts';
import type { StatementVersion } from './statement.schema.ts';
import type { ServedStatement } from './statement.service.ts';

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

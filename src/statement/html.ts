import { type SafeHtml, html } from '../pages/html.ts';
import { type Block, type Inline, type StatementDocument, isSafeHref } from './statement-document.ts';

/** The statement as an <article>, the part of the page that is published and kept per version. */
export function toHtmlArticle(doc: StatementDocument): SafeHtml {
  return html`<article lang="${doc.lang}">
<h1>${doc.title}</h1>
${doc.intro.map(block)}${doc.sections.map(
    (s) => html`<section id="${s.id}">
<h2>${s.heading}</h2>
${s.blocks.map(block)}</section>
`,
  )}<p class="last-changed"><time datetime="${doc.lastChanged.date}">${doc.lastChanged.line}</time></p>
</article>`;
}

function block(b: Block): SafeHtml {
  switch (b.kind) {
    case 'paragraph':
      return html`<p>${inline(b.content)}</p>\n`;
    case 'list':
      return html`<ul>\n${b.items.map((item) => html`<li>${inline(item)}</li>\n`)}</ul>\n`;
    case 'subheading':
      return html`<h3>${b.text}</h3>\n`;
    case 'lines':
      return html`<address>${b.lines.map((l, i) => html`${i > 0 ? html`<br>` : ''}${l}`)}</address>\n`;
  }
}

function inline(content: Inline[]): SafeHtml[] {
  return content.map((part) => {
    if (typeof part === 'string') return html`${part}`;
    if ('strong' in part) return html`<strong>${part.strong}</strong>`;
    return isSafeHref(part.href) ? html`<a href="${part.href}">${part.text}</a>` : html`${part.text}`;
  });
}

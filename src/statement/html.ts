import { escapeHtml } from '../shared/escape-html.ts';
import { type Block, type Inline, type StatementDocument, isSafeHref } from './statement-document.ts';

/** HTML that is already safe: produced by `html`, whose interpolations are all escaped. */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

type Value = SafeHtml | string | number | null | undefined | false | readonly Value[];

export { escapeHtml };

/** A tagged template that escapes every interpolated value unless it is SafeHtml; arrays are concatenated. */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

function render(value: Value): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Trusts HTML that this module wrote earlier and the database kept (a published statement). */
export const trustedHtml = (stored: string): SafeHtml => new SafeHtml(stored);

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

import { Typography } from '@mantine/core';
import { useMemo } from 'react';

// The statement's article as the server renders it (src/statement/html.ts escapes every value). Shown inside the
// back office, it is still parsed and rebuilt from an allow-list, so no script, handler or style can come along,
// and its headings move under the section's own (h3), so the page keeps one h1 and an unbroken outline.
const ALLOWED = new Set([
  'ARTICLE',
  'SECTION',
  'P',
  'UL',
  'OL',
  'LI',
  'A',
  'TIME',
  'STRONG',
  'EM',
  'TABLE',
  'THEAD',
  'TBODY',
  'TR',
  'TH',
  'TD',
  'BR',
  'CODE',
]);
const HEADINGS: Record<string, string> = { H1: 'h4', H2: 'h5', H3: 'h6', H4: 'h6', H5: 'h6', H6: 'h6' };
const ATTRIBUTES = new Set(['href', 'datetime', 'lang']);

function clean(source: Node, into: Node, doc: Document): void {
  for (const node of Array.from(source.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) {
      into.appendChild(doc.createTextNode(node.textContent ?? ''));
      continue;
    }
    if (!(node instanceof Element)) continue;
    const tag = HEADINGS[node.tagName] ?? (ALLOWED.has(node.tagName) ? node.tagName.toLowerCase() : null);
    if (tag === null) {
      // An element not on the list: its text stays, the element goes (a script's text goes with it).
      if (node.tagName !== 'SCRIPT' && node.tagName !== 'STYLE') clean(node, into, doc);
      continue;
    }
    const copy = doc.createElement(tag);
    for (const a of Array.from(node.attributes)) {
      if (!ATTRIBUTES.has(a.name)) continue;
      if (a.name === 'href' && !/^(https?:|mailto:|\/|#)/i.test(a.value)) continue;
      copy.setAttribute(a.name, a.value);
    }
    clean(node, copy, doc);
    into.appendChild(copy);
  }
}

/** The statement's HTML article, rebuilt from an allow-list, as the public page shows it. */
export function StatementHtml({ html, lang }: { html: string; lang: string }) {
  const safe = useMemo(() => {
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    const out = document.implementation.createHTMLDocument('');
    const root = out.createElement('div');
    clean(parsed.body, root, out);
    return root.innerHTML;
  }, [html]);
  return (
    <Typography p="sm">
      {/* Rebuilt above from an allow-list of elements and attributes: no script, handler or style survives. */}
      <div lang={lang} dangerouslySetInnerHTML={{ __html: safe }} />
    </Typography>
  );
}

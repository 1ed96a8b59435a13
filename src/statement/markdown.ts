import { type Block, type Inline, type StatementDocument, isSafeHref } from './statement-document.ts';

export interface MarkdownStatement {
  /** Everything but the "Laatst gewijzigd op" line: what the content hash covers. */
  body: string;
  dateLine: string;
  markdown: string;
}

/** Writes the statement as CommonMark; every value is escaped, so policy text cannot become markup. */
export function toMarkdown(doc: StatementDocument): MarkdownStatement {
  const parts = [`# ${escape(doc.title)}`, ...doc.intro.map(block)];
  for (const section of doc.sections) parts.push(`## ${escape(section.heading)}`, ...section.blocks.map(block));
  const body = parts.join('\n\n');
  const dateLine = escape(doc.lastChanged.line);
  return { body, dateLine, markdown: `${body}\n\n${dateLine}\n` };
}

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return lineStart(inline(b.content));
    case 'list':
      return b.items.map((item) => `- ${lineStart(inline(item))}`).join('\n');
    case 'subheading':
      return `### ${escape(b.text)}`;
    case 'lines':
      // A backslash at the end of a line is a hard line break in CommonMark.
      return b.lines.map((l) => lineStart(escape(l))).join('\\\n');
  }
}

function inline(content: Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === 'string') return escape(part);
      if ('strong' in part) return `**${escape(part.strong)}**`;
      if (!isSafeHref(part.href)) return escape(part.text);
      return `[${escape(part.text)}](${/[()]/.test(part.href) ? `<${part.href}>` : part.href})`;
    })
    .join('');
}

/** Backslash-escapes every character CommonMark could read as markup inside a line. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>#|&~]/g, '\\$&');
}

/** A line that starts like a list item or a heading underline is escaped at its start. */
function lineStart(text: string): string {
  return text.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

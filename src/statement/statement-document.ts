import type { Lang } from '../shared/lang.ts';
export type { Lang } from '../shared/lang.ts';
/**
 * The statement as a small document model: the section builders say WHAT the statement says, once;
 * the Markdown and HTML writers say how it looks. Both languages share the builders.
 */
export const LANGS: readonly Lang[] = ['nl', 'en'];

/** The sections, in the order of the source statement (spec/privacyverklaring.txt). */
export const SECTION_IDS = [
  'scope',
  'processing',
  'purposes',
  'storage',
  'recipients',
  'security',
  'rights',
  'changes',
  'questions',
  'complaints',
  'contact',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export type Inline = string | { text: string; href: string } | { strong: string };

export type Block =
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'subheading'; text: string }
  /** Lines kept as lines: a postal address. */
  | { kind: 'lines'; lines: string[] };

export interface Section {
  id: SectionId;
  heading: string;
  blocks: Block[];
}

export interface StatementDocument {
  lang: Lang;
  title: string;
  intro: Block[];
  sections: Section[];
  /** The date the statement was last changed, YYYY-MM-DD, and how the language writes it. */
  lastChanged: { date: string; line: string };
}

export const paragraph = (...content: Inline[]): Block => ({ kind: 'paragraph', content });
export const list = (items: Inline[][]): Block => ({ kind: 'list', items });
export const subheading = (text: string): Block => ({ kind: 'subheading', text });
export const lines = (values: string[]): Block => ({ kind: 'lines', lines: values });
export const link = (text: string, href: string): Inline => ({ text, href });
export const strong = (text: string): Inline => ({ strong: text });

/** Only links a reader follows on purpose: site paths, mail addresses and web pages. Nothing else becomes a link. */
export function isSafeHref(href: string): boolean {
  return /^\/(?!\/)[^\s]*$/.test(href) || /^mailto:[^\s:/]+@[^\s/]+$/.test(href) || /^https?:\/\/[^\s]+$/.test(href);
}

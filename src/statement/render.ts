import { createHash } from 'node:crypto';
import type { Policy } from '../policy/policy.ts';
import type { Recipient } from '../registers/recipient.schema.ts';
import { longDate } from './dates.ts';
import { toHtmlArticle } from './html.ts';
import { type MarkdownStatement, toMarkdown } from './markdown.ts';
import { RenderContext } from './render-context.ts';
import { changesSection, complaintsSection, contactSection, questionsSection } from './sections-contact.ts';
import { processingSection, purposesSection, scopeSection } from './sections-purposes.ts';
import { rightsSection } from './sections-rights.ts';
import { recipientsSection, securitySection, storageSection } from './sections-sharing.ts';
import { type Lang, type Section, type StatementDocument, paragraph } from './statement-document.ts';

export interface RenderedStatement extends MarkdownStatement {
  lang: Lang;
  document: StatementDocument;
  /** The <article> of the statement; the page around it is added when it is served. */
  html: string;
}

export interface RenderedStatements {
  nl: RenderedStatement;
  en: RenderedStatement;
  /** sha256 of both Markdown bodies without their date lines: unchanged text has an unchanged hash. */
  contentHash: string;
}

// The order of the source statement; the Art. 13 additions sit inside the section they belong to.
const SECTIONS: ((ctx: RenderContext) => Section)[] = [
  scopeSection,
  processingSection,
  purposesSection,
  storageSection,
  recipientsSection,
  securitySection,
  rightsSection,
  changesSection,
  questionsSection,
  complaintsSection,
  contactSection,
];

/** The statement in one language from the policy and the recipient register, dated `lastChanged` (YYYY-MM-DD). Pure. */
export function renderStatement(policy: Policy, recipients: Recipient[], lang: Lang, lastChanged: string): RenderedStatement {
  const ctx = new RenderContext(lang, policy, recipients);
  const document: StatementDocument = {
    lang,
    title: ctx.text.title,
    intro: [paragraph(ctx.text.intro)],
    sections: SECTIONS.map((build) => build(ctx)),
    lastChanged: { date: lastChanged, line: ctx.text.lastChanged(longDate(lastChanged, lang)) },
  };
  return { lang, document, ...toMarkdown(document), html: toHtmlArticle(document).value };
}

/** Both languages and their content hash. */
export function renderStatements(policy: Policy, recipients: Recipient[], lastChanged: string): RenderedStatements {
  const nl = renderStatement(policy, recipients, 'nl', lastChanged);
  const en = renderStatement(policy, recipients, 'en', lastChanged);
  return { nl, en, contentHash: contentHash(nl.body, en.body) };
}

export function contentHash(bodyNl: string, bodyEn: string): string {
  return createHash('sha256').update(bodyNl).update('\u0000').update(bodyEn).digest('hex');
}

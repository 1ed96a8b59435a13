import type { Policy } from '../policy/policy.ts';
import type { PolicyDocument } from '../policy/policy.schema.ts';
import type { Recipient } from '../registers/recipient.schema.ts';
import { type Inline, type Lang, link } from './statement-document.ts';
import type { LegalBasisWords, StatementText } from './statement-text.ts';
import { EN } from './text-en.ts';
import { NL } from './text-nl.ts';

export const TEXTS: Record<Lang, StatementText> = { nl: NL, en: EN };

/** A statement that cannot be written truthfully from this policy and register; nothing is published then. */
export class StatementRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatementRenderError';
  }
}

/** What every section builder needs: the language, its wording, the policy and the register, and lookups that refuse unknown terms. */
export class RenderContext {
  readonly lang: Lang;
  readonly text: StatementText;
  readonly policy: Policy;
  readonly doc: PolicyDocument;
  /** Active recipients of the register; an inactive one receives nothing any more. */
  readonly recipients: Recipient[];

  constructor(lang: Lang, policy: Policy, recipients: Recipient[]) {
    this.lang = lang;
    this.text = TEXTS[lang];
    this.policy = policy;
    this.doc = policy.document;
    this.recipients = recipients.filter((r) => r.active);
  }

  /** "a, b en c" */
  join(items: string[]): string {
    if (items.length <= 1) return items.join('');
    return `${items.slice(0, -1).join(', ')} ${this.text.and} ${items.at(-1)}`;
  }

  category(id: string): string {
    const label = Object.hasOwn(this.doc.categories, id) ? this.doc.categories[id] : undefined;
    if (label === undefined) throw new StatementRenderError(`unknown data category ${id}`);
    return label[this.lang];
  }

  categories(ids: string[]): string {
    return this.join(ids.map((id) => this.category(id)));
  }

  purposeName(id: string): string {
    const purpose = Object.hasOwn(this.doc.purposes, id) ? this.doc.purposes[id] : undefined;
    if (purpose === undefined) throw new StatementRenderError(`unknown purpose ${id}`);
    return purpose.name[this.lang];
  }

  /** Art. 13(1)(c): a basis the statement cannot name in words cannot be published. */
  basis(term: string): LegalBasisWords {
    const words = Object.hasOwn(this.text.legalBases, term) ? this.text.legalBases[term] : undefined;
    if (words === undefined) throw new StatementRenderError(`no wording for the legal basis ${term}`);
    return words;
  }

  /** Art. 13(1)(f): a transfer outside the EEA names its safeguard. */
  safeguard(term: string | null | undefined, where: string): string {
    if (term === null || term === undefined)
      throw new StatementRenderError(`${where} is outside the EEA without a transfer safeguard (Art. 46 GDPR)`);
    const words = Object.hasOwn(this.text.safeguards, term) ? this.text.safeguards[term] : undefined;
    if (words === undefined) throw new StatementRenderError(`no wording for the transfer safeguard ${term}`);
    return words;
  }

  country(code: string): string {
    try {
      return new Intl.DisplayNames([this.lang], { type: 'region' }).of(code.toUpperCase()) ?? code;
    } catch {
      return code;
    }
  }

  mail(address: string): Inline {
    return link(address, `mailto:${address}`);
  }
}

export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

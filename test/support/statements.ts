import fs from 'node:fs';
import { POLICY_PATH } from '../harness.ts';
import { type Policy, loadPolicy, parsePolicy } from '../../src/policy/policy.ts';
import type { Recipient } from '../../src/registers/recipient.schema.ts';
import { type RenderedStatement, renderStatement } from '../../src/statement/render.ts';
import type { Lang } from '../../src/statement/statement-document.ts';

export const DEFAULT_POLICY = loadPolicy(POLICY_PATH);

/** The register as the seed fills it from the policy. */
export function recipientsOf(policy: Policy): Recipient[] {
  return policy.document.recipients.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    purposes: r.purposes,
    categories: r.categories,
    country: r.country,
    transferMechanism: r.transferMechanism ?? null,
    noticePerDisclosure: r.noticePerDisclosure,
    contactEmail: r.contactEmail ?? null,
    active: true,
    agreement: null,
    companies: (r.companies ?? []).map((c) => ({
      id: c.id,
      legalName: c.legalName,
      kvkNumber: c.kvkNumber ?? null,
      country: c.country,
      role: c.role,
      transferMechanism: c.transferMechanism ?? null,
      contactEmail: c.contactEmail ?? null,
      active: true,
      agreement: null,
    })),
  }));
}

export function render(
  lang: Lang,
  policy: Policy = DEFAULT_POLICY,
  recipients: Recipient[] = recipientsOf(policy),
): RenderedStatement {
  return renderStatement(policy, recipients, lang, '2026-11-25');
}

/** The default policy file with one piece of text replaced; fails when the text is not there. */
export function policyWith(from: string, to: string): Policy {
  const text = fs.readFileSync(POLICY_PATH, 'utf8');
  if (!text.includes(from)) throw new Error(`the policy has no ${from}`);
  return parsePolicy(text.replace(from, to), 'test-policy.yaml');
}

/** The Markdown of one section: from its `## heading` to the next. */
export function sectionOf(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** The Markdown of one purpose: from its `### name` to the next heading. */
export function subsectionOf(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n### ${heading}`);
  if (start < 0) throw new Error(`no subsection ${heading}`);
  const end = markdown.slice(start + 1).search(/\n##/);
  return markdown.slice(start, end < 0 ? undefined : start + 1 + end);
}

/** Markdown without its escapes and with mail links as their address, to compare with plain text. */
export const plain = (markdown: string): string =>
  markdown
    .replace(/\[([^\]]+)\]\(mailto:[^)]+\)/g, '$1')
    .replace(/\\(.)/g, '$1')
    .replace(/\\\n/g, '\n');

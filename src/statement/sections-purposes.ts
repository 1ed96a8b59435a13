import type { AppliedRule } from '../retention/rules/effective-retention.ts';
import { parsePeriod, describePeriod } from '../retention/rules/period.ts';
import { RECORD_WORDS } from '../retention/rules/record-words.ts';
import { DATE_WORDS } from '../policy/retention-dates.ts';
import { type RenderContext, StatementRenderError, capitalize } from './render-context.ts';
import { retentionFacts, type RecordRetention } from './retention-facts.ts';
import { ownRecordsBlocks } from './sections-own-records.ts';
import { type Block, type Section, list, paragraph, subheading } from './statement-document.ts';

/** WANNEER GELDT: every product and service; and who the controller is (Art. 13(1)(a)). */
export function scopeSection(ctx: RenderContext): Section {
  const { text: t, doc } = ctx;
  const a = doc.controller.address;
  return {
    id: 'scope',
    heading: t.headings.scope,
    blocks: [
      paragraph(t.scope.appliesTo(doc.controller.name)),
      paragraph(t.scope.when),
      list(t.scope.cases.map((c) => [c])),
      paragraph(t.scope.controller(doc.controller.name, `${a.street}, ${a.postalCode} ${a.city}`)),
    ],
  };
}

/** WAT BETEKENT 'VERWERKEN' (P2). */
export function processingSection(ctx: RenderContext): Section {
  const t = ctx.text;
  return {
    id: 'processing',
    heading: t.headings.processing,
    blocks: [paragraph(t.processing.meaning), paragraph(t.processing.logged)],
  };
}

/** WELKE PERSOONSGEGEVENS EN WAAROM, per purpose, with its legal basis (Art. 13(1)(c)) and periods (Art. 13(2)(a)). */
export function purposesSection(ctx: RenderContext): Section {
  const t = ctx.text;
  const facts = retentionFacts(ctx.policy);
  const blocks: Block[] = [paragraph(t.purposes.intro), paragraph(t.purposes.fromEmployer)];
  for (const [id, purpose] of Object.entries(ctx.doc.purposes)) {
    const basis = ctx.basis(purpose.legalBasis);
    const label = purpose.legalReference === undefined ? basis.label : `${basis.label}, ${purpose.legalReference}`;
    blocks.push(
      subheading(purpose.name[ctx.lang]),
      paragraph(t.purposes.uses(ctx.categories(purpose.categories))),
      paragraph(
        [
          t.purposes.basis(label),
          purpose.legitimateInterest === undefined ? null : t.purposes.interest(purpose.legitimateInterest[ctx.lang]),
          basis.consequence,
        ]
          .filter((s) => s !== null)
          .join(' '),
      ),
    );
    // What the purpose no longer processes and why, in the policy's own words (Art. 12(1): plain language).
    if (purpose.note !== undefined) blocks.push(paragraph(purpose.note[ctx.lang]));
    const kept = facts.filter((f) => f.purpose === id && f.direct.length > 0);
    if (kept.length > 0) blocks.push(paragraph(t.purposes.retention), list(kept.map((f) => [recordLine(ctx, f)])));
  }
  const unruled = facts.filter((f) => f.direct.length === 0);
  if (unruled.length > 0) {
    blocks.push(
      paragraph(
        [
          t.purposes.noRule(ctx.join(unruled.map((f) => RECORD_WORDS[f.recordType][ctx.lang]))),
          ...unruled.flatMap((f) => linkedSentences(ctx, f)),
        ].join(' '),
      ),
    );
  }
  // What the sweep keeps of a person once only invoices are left (src/retention/reduction.ts), for every policy.
  blocks.push(paragraph(t.retention.reduced));
  blocks.push(...ownRecordsBlocks(ctx));
  return { id: 'purposes', heading: t.headings.purposes, blocks };
}

function recordLine(ctx: RenderContext, fact: RecordRetention): string {
  return [
    ctx.text.retention.record(capitalize(RECORD_WORDS[fact.recordType][ctx.lang]), termsOf(ctx, fact.direct)),
    ...dateNotes(ctx, fact.direct),
    ...linkedSentences(ctx, fact),
  ].join(' ');
}

/** What the dates the record's own rules count from mean, where the record does not simply store them. */
function dateNotes(ctx: RenderContext, rules: AppliedRule[]): string[] {
  const notes = ctx.text.retention.dateNotes;
  return [...new Set(rules.map((r) => r.from))].flatMap((from) => (Object.hasOwn(notes, from) ? [notes[from] as string] : []));
}

/** The rule's `linked`: an agreement behind an invoice is bookkeeping and kept as long as the invoice. */
function linkedSentences(ctx: RenderContext, fact: RecordRetention): string[] {
  const vias = [...new Set(fact.linked.map((rule) => rule.via).filter((via) => via !== null))];
  return vias.map((via) =>
    ctx.text.retention.linked(
      RECORD_WORDS[fact.recordType][ctx.lang],
      RECORD_WORDS[via][ctx.lang],
      termsOf(
        ctx,
        fact.linked.filter((rule) => rule.via === via),
      ),
    ),
  );
}

/** One rule's terms, or, when several reach the record (the fiscal period and the promise of the statement), each as a minimum. */
function termsOf(ctx: RenderContext, rules: AppliedRule[]): string {
  if (rules.length === 1 && rules[0] !== undefined) return ruleTerms(ctx, rules[0], true);
  return ctx.text.retention.longest(rules.map((rule) => ruleTerms(ctx, rule, false)));
}

/** "twee jaar na het einde van de overeenkomst, tenzij …" or "zeven jaar na … (wet)". */
function ruleTerms(ctx: RenderContext, rule: AppliedRule, alone: boolean): string {
  const t = ctx.text.retention;
  const from = Object.hasOwn(DATE_WORDS, rule.from) ? DATE_WORDS[rule.from] : undefined;
  if (from === undefined) throw new StatementRenderError(`no words for the retention date ${rule.from}`);
  const after = t.after(describePeriod(parsePeriod(rule.period), ctx.lang), from[ctx.lang]);
  if (rule.legalObligation !== null) return `${after}${t.legal(rule.legalObligation)}`;
  return alone ? `${after}${t.unlessLaw}` : after;
}

import { portableCategories, portablePurposeNames } from '../policy/portability-scope.ts';
import type { RenderContext } from './render-context.ts';
import { type Block, type Section, list, paragraph, subheading } from './statement-document.ts';

/** UW RECHTEN (P11-P13): the rights, objection, how to exercise them, the deadline and refusals. */
export function rightsSection(ctx: RenderContext): Section {
  const { text: t, doc } = ctx;
  const r = t.rights;
  const controller = doc.controller.name;
  const authority = doc.controller.supervisoryAuthority.name;
  // Art. 20(1): what the request for portability gives, as Kluis carries it out (src/policy/portability-scope.ts).
  const portable = {
    purposes: portablePurposeNames(ctx.policy, ctx.lang),
    categories: ctx.categories(portableCategories(ctx.policy)),
  };
  const blocks: Block[] = [paragraph(r.intro), list(r.list.map((item) => [typeof item === 'string' ? item : item(portable)]))];
  // The list keeps the right to withdraw consent "indien u die heeft verleend"; this says to which processing it applies.
  const onConsent = Object.entries(doc.purposes)
    .filter(([id]) => ctx.policy.restsOnConsent(id))
    .map(([, p]) => p.name[ctx.lang]);
  blocks.push(paragraph(r.consentPurposes(onConsent.length === 0 ? null : ctx.join(onConsent))));

  // Art. 21(4): the right to object is brought to the reader's attention separately, per purpose it applies to.
  blocks.push(subheading(r.objectionHeading), paragraph(r.objection));
  const objectable = Object.values(doc.purposes)
    .map((p) => ({ name: p.name[ctx.lang], basis: ctx.basis(p.legalBasis) }))
    .filter((p) => p.basis.objectable);
  if (objectable.length > 0)
    blocks.push(paragraph(r.objectionPurposes(ctx.join(objectable.map((p) => `${p.name} (${p.basis.short})`)))));

  blocks.push(
    subheading(r.exerciseHeading),
    paragraph(...r.exercise(controller, ctx.mail(doc.controller.dpo.email))),
    paragraph(r.identify(controller)),
    paragraph(r.deadline),
    subheading(r.refusalHeading),
    paragraph(r.refusal),
    paragraph(`${r.refusalTold} ${r.refusalComplaint(authority)}`),
  );
  return { id: 'rights', heading: t.headings.rights, blocks };
}

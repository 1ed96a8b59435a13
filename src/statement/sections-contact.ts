import type { RenderContext } from './render-context.ts';
import { type Section, lines, link, paragraph } from './statement-document.ts';

/** WIJZIGINGEN (P14): published on the website, with every earlier version. */
export function changesSection(ctx: RenderContext): Section {
  const { text: t, doc } = ctx;
  const versions = link(t.changes.versionsLink.text, t.changes.versionsLink.href);
  return {
    id: 'changes',
    heading: t.headings.changes,
    blocks: [
      paragraph(`${t.changes.reserve(doc.controller.name)} ${t.changes.published}`),
      paragraph(...t.changes.versions(versions)),
    ],
  };
}

/** VRAGEN EN FEEDBACK (P15). */
export function questionsSection(ctx: RenderContext): Section {
  return { id: 'questions', heading: ctx.text.headings.questions, blocks: [paragraph(ctx.text.questions)] };
}

/** KLACHTEN (P15): the right to complain to the supervisory authority (Art. 13(2)(d), Art. 77). */
export function complaintsSection(ctx: RenderContext): Section {
  const { text: t, doc } = ctx;
  const authority = doc.controller.supervisoryAuthority;
  return {
    id: 'complaints',
    heading: t.headings.complaints,
    blocks: [
      paragraph(t.complaints.help),
      paragraph(t.complaints.right(authority.name)),
      paragraph(...t.complaints.contact(authority.name, link(authority.website, authority.website))),
    ],
  };
}

/** CONTACTGEGEVENS (P16): the controller and its data protection officer (Art. 13(1)(a) and (b)). */
export function contactSection(ctx: RenderContext): Section {
  const { text: t, doc } = ctx;
  const c = doc.controller;
  // Dutch postal convention, as the source writes it: the city in capitals after the postal code.
  const address = [
    c.name,
    t.contact.attention(c.dpo.title),
    c.address.street,
    `${c.address.postalCode} ${c.address.city.toUpperCase()}`,
  ];
  if (t.contact.withCountry) address.push(ctx.country(c.address.country));
  address.push(c.email);
  return {
    id: 'contact',
    heading: t.headings.contact,
    blocks: [paragraph(...t.contact.responsible(c.name, c.dpo.title, ctx.mail(c.dpo.email))), lines(address)],
  };
}

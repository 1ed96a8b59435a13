import { insideEea } from '../registers/eea.ts';
import type { Recipient } from '../registers/recipient.schema.ts';
import type { RenderContext } from './render-context.ts';
import { type Block, type Inline, type Section, list, paragraph, strong } from './statement-document.ts';

/** WAAR SLAAN WIJ OP (P6), with every transfer outside the EEA and its safeguard (Art. 13(1)(f)). */
export function storageSection(ctx: RenderContext): Section {
  const { text: t, doc } = ctx;
  const blocks: Block[] = [];
  if (doc.storage.length > 0) {
    const providers = [...new Set(doc.storage.map((s) => s.provider))];
    blocks.push(
      paragraph(t.storage.where(doc.controller.name, ctx.join(providers))),
      list(
        doc.storage.map((s) => {
          const where = s.insideEea ? t.storage.insideEea : t.storage.outsideEea(ctx.safeguard(s.safeguard, `${s.provider} ${s.region}`));
          return [t.storage.location(s.provider, s.region, where)];
        }),
      ),
    );
  }
  const transfers = doc.storage.some((s) => !s.insideEea) || ctx.recipients.some((r) => !insideEea(r.country));
  if (transfers) {
    blocks.push(paragraph(t.storage.transfers(doc.controller.name)), paragraph(...t.storage.copy(ctx.mail(doc.controller.dpo.email))));
  } else {
    blocks.push(paragraph(t.storage.noTransfers));
  }
  return { id: 'storage', heading: t.headings.storage, blocks };
}

/** AAN WELKE ANDERE PARTIJEN (P7, P8, P9): the recipients of the register, never anyone else. */
export function recipientsSection(ctx: RenderContext): Section {
  const { text: t, doc } = ctx;
  const blocks: Block[] =
    ctx.recipients.length === 0
      ? [paragraph(t.recipients.none)]
      : [paragraph(t.recipients.intro(doc.controller.name)), list(ctx.recipients.map((r) => recipientLine(ctx, r)))];
  blocks.push(paragraph(`${t.recipients.neverSold} ${t.recipients.police}`), paragraph(t.recipients.toldInAdvance));
  return { id: 'recipients', heading: t.headings.recipients, blocks };
}

function recipientLine(ctx: RenderContext, r: Recipient): Inline[] {
  const t = ctx.text;
  const purpose = Object.hasOwn(ctx.doc.purposes, r.purpose) ? ctx.doc.purposes[r.purpose] : undefined;
  const name = r.name[ctx.lang];
  const country = insideEea(r.country)
    ? ctx.country(r.country)
    : `${ctx.country(r.country)}, ${t.storage.outsideEea(ctx.safeguard(r.transferMechanism, `the recipient ${r.id}`))}`;
  const basis = purpose === undefined ? '' : ctx.basis(purpose.legalBasis).short;
  const details = t.recipients.details(t.recipients.role[r.role], country, ctx.purposeName(r.purpose), basis, ctx.categories(r.categories));
  return [strong(name), details + (r.noticePerDisclosure ? t.recipients.notice : '')];
}

/** BEVEILIGING (P10): the measures of the policy (Art. 32). */
export function securitySection(ctx: RenderContext): Section {
  const t = ctx.text;
  return {
    id: 'security',
    heading: t.headings.security,
    blocks: [paragraph(`${t.security.intro} ${t.security.checked}`), list(ctx.doc.security.map((m) => [m.description[ctx.lang]]))],
  };
}

import { insideEea } from '../registers/eea.ts';
import type { Recipient } from '../registers/recipient.schema.ts';
import { storageProcessors } from '../registers/recipient-rules.ts';
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
          const where = s.insideEea
            ? t.storage.insideEea
            : t.storage.outsideEea(ctx.safeguard(s.safeguard, `${s.provider} ${s.region.en}`));
          return [t.storage.location(s.provider, s.region[ctx.lang], where)];
        }),
      ),
    );
  }
  const transfers =
    doc.storage.some((s) => !s.insideEea) ||
    ctx.recipients.some((r) => !insideEea(r.country) || r.companies.some((c) => c.active && !insideEea(c.country)));
  if (transfers) {
    blocks.push(
      paragraph(t.storage.transfers(doc.controller.name)),
      paragraph(...t.storage.copy(ctx.mail(doc.controller.dpo.email))),
    );
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

/**
 * One recipient category: role, country, purposes, data, and the companies the register names in it (P9,
 * Art. 13(1)(e): named recipients where the register knows them). A category whose companies are named here needs
 * no notice per disclosure (the accounting firm); every other one is told in advance, the storage provider aside.
 */
function recipientLine(ctx: RenderContext, r: Recipient): Inline[] {
  const t = ctx.text;
  const name = r.name[ctx.lang];
  const where = (country: string, transferMechanism: string | null, who: string) =>
    insideEea(country)
      ? ctx.country(country)
      : `${ctx.country(country)}, ${t.storage.outsideEea(ctx.safeguard(transferMechanism, who))}`;
  const purposes = r.purposes.map((id) => {
    const purpose = Object.hasOwn(ctx.doc.purposes, id) ? ctx.doc.purposes[id] : undefined;
    return purpose === undefined ? ctx.purposeName(id) : `${ctx.purposeName(id)} (${ctx.basis(purpose.legalBasis).short})`;
  });
  const details = t.recipients.details(
    t.recipients.role[r.role],
    where(r.country, r.transferMechanism, `the recipient ${r.id}`),
    ctx.join(purposes),
    purposes.length,
    ctx.categories(r.categories),
  );
  const companies = r.companies.filter((c) => c.active);
  const named =
    companies.length === 0
      ? ''
      : t.recipients.companies(
          ctx.join(
            companies.map((c) =>
              t.recipients.company(
                c.legalName,
                c.kvkNumber,
                where(c.country, c.transferMechanism, `the company ${c.id}`),
                t.recipients.role[c.role],
              ),
            ),
          ),
        );
  const told = storageProcessors(ctx.doc).has(r.id)
    ? t.recipients.stores
    : !r.noticePerDisclosure && companies.length > 0
      ? t.recipients.named(companies.length)
      : t.recipients.notice;
  return [strong(name), details + named + told];
}

/** BEVEILIGING (P10): the measures of the policy (Art. 32). */
export function securitySection(ctx: RenderContext): Section {
  const t = ctx.text;
  return {
    id: 'security',
    heading: t.headings.security,
    blocks: [
      paragraph(`${t.security.intro} ${t.security.checked}`),
      list(ctx.doc.security.map((m) => [m.description[ctx.lang]])),
    ],
  };
}

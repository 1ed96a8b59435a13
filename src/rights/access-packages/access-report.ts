import type { DisclosureLine } from '../../disclosures/disclosure-log.ts';
import type { Policy } from '../../policy/policy.ts';
import { LEGAL_BASES, TRANSFER_MECHANISMS, termWords } from '../../policy/dpv-terms.ts';
import { RECORD_TYPES, type RecordType } from '../../policy/policy.schema.ts';
import { countryWords, insideEea } from '../../registers/eea.ts';
import type { Recipient } from '../../registers/recipient.schema.ts';
import { type SafeHtml, html } from '../../pages/html.ts';
import { letterDate } from '../../mail/letter-words.ts';
import { REPORT_EN, REPORT_NL, type ReportText } from './access-report-text.ts';
import type { RetentionLine } from './access-retention.ts';
import type { SubjectRecords } from '../executors/subject-records.ts';
import type { Lang } from '../../shared/lang.ts';

export interface ReportInput {
  lang: Lang;
  policy: Policy;
  records: SubjectRecords;
  recipients: Recipient[];
  /** Who actually received the person's data, from the disclosure log. */
  disclosures: DisclosureLine[];
  retention: RetentionLine[];
  logEntries: number;
  generatedAt: string;
}

/** The record types the person has at least one record of. */
function heldTypes(r: SubjectRecords): RecordType[] {
  const counts: Record<RecordType, number> = {
    subject: 1,
    agreement: r.agreements.length,
    invoice: r.invoices.length,
    case: r.cases.length,
    message: r.messages.length,
    consent: r.consents.length,
  };
  return RECORD_TYPES.filter((t) => counts[t] > 0);
}

/** Art. 15(1)(c) as the CJEU reads it (C-154/21): the recipients that actually received the data, each time. */
function actualRecipients(input: ReportInput, categoryWords: (ids: string[]) => string): SafeHtml {
  const { lang, policy } = input;
  const t = lang === 'nl' ? REPORT_NL : REPORT_EN;
  if (input.disclosures.length === 0) return html`<p>${t.actualNone}</p>`;
  const purpose = (id: string) => policy.document.purposes[id]?.name[lang] ?? id;
  return html`<p>${t.actualIntro}</p>
    <ul>
      ${input.disclosures.map((d) => html`<li>${t.actualLine(actualName(d, t, lang), letterDate(d.disclosedAt, lang), categoryWords(d.categories), purpose(d.purpose))}</li>`)}
    </ul>`;
}

/** The company that received the data, with its KvK number and the category the statement names it by (P9). */
function actualName(d: DisclosureLine, t: ReportText, lang: Lang): string {
  const company = d.recipient.company;
  if (company === null || d.recipient.category === null) return d.recipient.name[lang];
  return t.companyName(company.legalName, company.kvkNumber, d.recipient.category[lang]);
}

/** A recipient category of the register with the companies it names. */
function registerLine(x: Recipient, t: ReportText, lang: Lang, categoryWords: (ids: string[]) => string): string {
  const line = t.recipientLine(
    x.name[lang],
    t.roles[x.role] ?? x.role,
    countryWords(x.country, lang),
    categoryWords(x.categories),
  );
  const companies = x.companies.filter((c) => c.active).map((c) => t.companyName(c.legalName, c.kvkNumber, null));
  return companies.length === 0 ? line : `${line} ${t.namedCompanies(companies.join('; '))}`;
}

/** Where the person's record came from, in words (Art. 15(1)(g)); an unknown value reads as the person's own. */
function sourceSentence(t: ReportText, subject: SubjectRecords['subject'], lang: Lang): string {
  const say = t.sourceSubject[subject.source as keyof ReportText['sourceSubject']] ?? t.sourceSubject.person;
  // Art. 12(1): a date a person reads is written out, never ISO.
  return say(letterDate(subject.created_at, lang), subject.source_organisation);
}

/** The organisations the person is a contact person of (Art. 15(1)(g)): one line each, dates written out. */
function contactRoles(t: ReportText, r: SubjectRecords, lang: Lang): SafeHtml | string {
  if (r.contactRoles.length === 0) return '';
  const owns = (c: SubjectRecords['contactRoles'][number]) => Number(c.owner) === 1 && c.kind !== 'legal_entity';
  return html`<ul class="contact-roles">
    ${r.contactRoles.map((c) => html`<li>${t.contactRole(c.name, c.kvk_number, c.role, letterDate(c.created_at, lang), owns(c))}</li>`)}
  </ul>`;
}

/**
 * report.html of the access package: every item of Art. 15(1) (purposes, categories, recipients, retention,
 * the rights, the complaint to the supervisory authority, the source, automated decisions) and Art. 15(2)
 * (transfers and their safeguards), in the request's language, as a page that needs no script or network.
 */
export function renderAccessReport(input: ReportInput): string {
  const { lang, policy, records: r } = input;
  const t = lang === 'nl' ? REPORT_NL : REPORT_EN;
  const doc = policy.document;
  const types = heldTypes(r);
  const purposes = [...new Set(types.flatMap((type) => policy.purposesOf(type)))];
  const categories = [...new Set(types.flatMap((type) => doc.records[type].categories))];
  const categoryWords = (ids: string[]) => ids.map((id) => doc.categories[id]?.[lang] ?? id).join(', ');
  const outside = doc.storage.filter((s) => !s.insideEea);
  const abroad = input.recipients
    .filter((x) => x.active)
    .flatMap((x) => [
      ...(insideEea(x.country) ? [] : [{ name: x.name[lang], country: x.country, transferMechanism: x.transferMechanism }]),
      ...x.companies
        .filter((c) => c.active && !insideEea(c.country))
        .map((c) => ({ name: c.legalName, country: c.country, transferMechanism: c.transferMechanism })),
    ]);
  const safeguard = (term: string | undefined) =>
    term === undefined ? t.noSafeguard : termWords(TRANSFER_MECHANISMS, term)[lang];
  const counts: [keyof typeof t.counts, number][] = [
    ['addresses', r.addresses.length],
    ['agreements', r.agreements.length],
    ['invoices', r.invoices.length],
    ['cases', r.cases.length],
    ['messages', r.messages.length],
    ['attachments', r.attachments.length],
    ['consents', r.consents.length],
    ['restrictions', r.restrictions.length],
    ['objections', r.objections.length],
    ['log', input.logEntries],
  ];
  const inbound = r.messages.filter((m) => m.direction === 'inbound').length;

  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <title>${t.title}</title>
        <style>
          body {
            font-family: system-ui, sans-serif;
            max-width: 50rem;
            margin: 2rem auto;
            padding: 0 1rem;
            line-height: 1.5;
          }
          table {
            border-collapse: collapse;
          }
          td,
          th {
            border: 1px solid #ccc;
            padding: 0.25rem 0.5rem;
            text-align: left;
            vertical-align: top;
          }
        </style>
      </head>
      <body>
        <h1>${t.title}</h1>
        <p>${t.intro(doc.controller.name, letterDate(input.generatedAt, lang))}</p>
        <section id="data">
          <h2>${t.headings.data}</h2>
          <p>${t.dataIntro}</p>
          <ul>
            ${counts.map(([key, n]) => html`<li>${n} ${t.counts[key]}</li>`)}
          </ul>
        </section>
        <section id="purposes">
          <h2>${t.headings.purposes}</h2>
          <ul>
            ${purposes.map((id) => {
              const p = doc.purposes[id];
              if (p === undefined) return '';
              const basis = termWords(LEGAL_BASES, p.legalBasis)[lang];
              return html`<li>
                ${p.name[lang]} (${t.basis}: ${basis}${p.legalReference === undefined ? '' : `; ${p.legalReference}`})
              </li>`;
            })}
          </ul>
        </section>
        <section id="categories">
          <h2>${t.headings.categories}</h2>
          <p>${t.categoriesIntro}</p>
          <ul>
            ${categories.map((id) => html`<li>${doc.categories[id]?.[lang] ?? id}</li>`)}
          </ul>
        </section>
        <section id="recipients">
          <h2>${t.headings.recipients}</h2>
          <p>${t.registerIntro}</p>
          <ul>
            ${input.recipients.filter((x) => x.active).map((x) => html`<li>${registerLine(x, t, lang, categoryWords)}</li>`)}
          </ul>
          ${actualRecipients(input, categoryWords)}${r.recipientNotices.length > 0 ? html`<p>${t.noticesSent(r.recipientNotices.length)}</p>` : ''}
        </section>
        <section id="retention">
          <h2>${t.headings.retention}</h2>
          <table>
            <thead>
              <tr>
                ${t.retentionColumns.map((c) => html`<th>${c}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${input.retention.map(
                (l) =>
                  html`<tr>
                    <td>${l.label}</td>
                    <td>${l.until ?? '-'}</td>
                    <td>${l.explanation}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </section>
        <section id="source">
          <h2>${t.headings.source}</h2>
          <p>${sourceSentence(t, r.subject, lang)}</p>
          ${contactRoles(t, r, lang)}${r.messages.length > 0 ? html`<p>${t.sourceMessages(inbound, r.messages.length - inbound)}</p>` : ''}
          <p>${t.sourceOwn}</p>
        </section>
        <section id="transfers">
          <h2>${t.headings.transfers}</h2>
          <p>${t.transfersInside}</p>
          ${outside.map((s) => html`<p>${t.transferLine(s.provider, s.region[lang], safeguard(s.safeguard))}</p>`)}${abroad.map((x) => html`<p>${t.transferLine(x.name, countryWords(x.country, lang), safeguard(x.transferMechanism ?? undefined))}</p>`)}
        </section>
        <section id="automated">
          <h2>${t.headings.automated}</h2>
          <p>${t.automated}</p>
        </section>
        <section id="rights">
          <h2>${t.headings.rights}</h2>
          <ul>
            ${t.rights.map((line) => html`<li>${line}</li>`)}
          </ul>
          <p>${t.contact(doc.controller.name, doc.controller.dpo.email)}</p>
        </section>
        <section id="complaint">
          <h2>${t.headings.complaint}</h2>
          <p>
            ${t.complaint(doc.controller.supervisoryAuthority.name)}
            <a href="${doc.controller.supervisoryAuthority.website}">${doc.controller.supervisoryAuthority.website}</a>
          </p>
        </section>
      </body>
    </html> `.value;
}

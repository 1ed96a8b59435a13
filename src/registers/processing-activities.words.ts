import { countryWords } from './eea.ts';
import type {
  ActivityRecipient,
  ProcessingActivities,
  ProcessingActivity,
  RegisterLanguage,
  Transfer,
} from './processing-activities.schema.ts';

type Text = { nl: string; en: string };

/** The headings of the Art. 30(1) fields, as the CSV columns and the HTML page name them. */
export const FIELD_LABELS = {
  controller: { nl: 'Verwerkingsverantwoordelijke (art. 30 lid 1 sub a)', en: 'Controller (Art. 30(1)(a))' },
  dpo: { nl: 'Functionaris gegevensbescherming (art. 30 lid 1 sub a)', en: 'Data protection officer (Art. 30(1)(a))' },
  purposeId: { nl: 'Doel (code)', en: 'Purpose (id)' },
  purpose: { nl: 'Verwerkingsdoel (art. 30 lid 1 sub b)', en: 'Purpose of the processing (Art. 30(1)(b))' },
  legalBasis: { nl: 'Grondslag (art. 6 lid 1)', en: 'Legal basis (Art. 6(1))' },
  dataSubjects: { nl: 'Categorieën betrokkenen (art. 30 lid 1 sub c)', en: 'Categories of data subjects (Art. 30(1)(c))' },
  dataCategories: { nl: 'Categorieën persoonsgegevens (art. 30 lid 1 sub c)', en: 'Categories of personal data (Art. 30(1)(c))' },
  recipients: { nl: 'Categorieën ontvangers (art. 30 lid 1 sub d)', en: 'Categories of recipients (Art. 30(1)(d))' },
  transfers: {
    nl: 'Doorgifte aan derde landen en waarborgen (art. 30 lid 1 sub e)',
    en: 'Transfers to third countries and safeguards (Art. 30(1)(e))',
  },
  erasure: { nl: 'Bewaartermijnen (art. 30 lid 1 sub f)', en: 'Time limits for erasure (Art. 30(1)(f))' },
  security: { nl: 'Beveiligingsmaatregelen (art. 30 lid 1 sub g)', en: 'Security measures (Art. 30(1)(g))' },
} as const satisfies Record<string, Text>;

export type Field = keyof typeof FIELD_LABELS;

const ROLE_WORDS: Record<string, Text> = {
  processor: { nl: 'verwerker', en: 'processor' },
  controller: { nl: 'zelfstandig verwerkingsverantwoordelijke', en: 'controller' },
  authority: { nl: 'overheidsinstantie', en: 'public authority' },
};

const NONE: Text = { nl: 'geen', en: 'none' };
const NO_SAFEGUARD: Text = { nl: 'GEEN WAARBORG', en: 'NO SAFEGUARD' };

/** Each field of one activity as a list of lines in the language; the CSV joins them, the HTML lists them. */
export function activityLines(
  register: ProcessingActivities,
  a: ProcessingActivity,
  lang: RegisterLanguage,
): Record<Field, string[]> {
  const orNone = (lines: string[]) => (lines.length === 0 ? [NONE[lang]] : lines);
  return {
    ...registerLines(register, lang),
    purposeId: [a.purpose],
    purpose: [a.name[lang]],
    legalBasis: [`${a.legalBasis.label[lang]}${a.legalBasis.reference === null ? '' : ` — ${a.legalBasis.reference}`}`],
    dataSubjects: [a.dataSubjects[lang]],
    dataCategories: a.dataCategories.map((x) => x.label[lang]),
    recipients: orNone(a.recipients.map((r) => recipientLine(r, lang))),
    transfers: orNone(a.transfers.map((t) => transferLine(t, lang))),
    erasure: a.erasure.map((e) => e.text[lang]),
  };
}

/** The fields that are the same for every activity: the controller, the DPO and the security measures. */
export function registerLines(
  register: ProcessingActivities,
  lang: RegisterLanguage,
): Record<'controller' | 'dpo' | 'security', string[]> {
  const c = register.controller;
  return {
    controller: [`${c.name}, ${c.address.street}, ${c.address.postalCode} ${c.address.city}, ${c.address.country}, ${c.email}`],
    dpo: [[c.dpo.title, c.dpo.name, c.dpo.email].filter((x) => x !== null).join(', ')],
    security: register.securityMeasures.map((s) => s.description[lang]),
  };
}

function transferLine(t: Transfer, lang: RegisterLanguage): string {
  return `${t.name[lang]} → ${t.destination[lang]}: ${(t.safeguard?.label ?? NO_SAFEGUARD)[lang]}`;
}

const STORES: Text = { nl: 'bewaart de gegevens in zijn datacenters', en: 'keeps the data in its data centres' };
const KVK: Text = { nl: 'KvK', en: 'Dutch Chamber of Commerce' };

/** A recipient category with its role and country, what a storage provider does, and the companies it names. */
function recipientLine(r: ActivityRecipient, lang: RegisterLanguage): string {
  const role = (x: string) => (ROLE_WORDS[x] ?? { nl: x, en: x })[lang];
  const head = `${r.name[lang]} (${role(r.role)}, ${countryWords(r.country, lang)}${r.storesData ? `; ${STORES[lang]}` : ''})`;
  if (r.companies.length === 0) return head;
  const companies = r.companies.map(
    (c) =>
      `${c.legalName} (${[c.kvkNumber === null ? null : `${KVK[lang]} ${c.kvkNumber}`, countryWords(c.country, lang), role(c.role)].filter((x) => x !== null).join(', ')})`,
  );
  return `${head}: ${companies.join('; ')}`;
}

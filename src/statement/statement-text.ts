import type { Recipient } from '../registers/recipient.schema.ts';
import type { Inline, SectionId } from './statement-document.ts';

/** How the statement names a legal basis of Art. 6(1) GDPR, and what it means for the reader (Art. 13(2)(e)). */
export interface LegalBasisWords {
  /** With its article: "uitvoering van een overeenkomst (art. 6 lid 1 sub b AVG)". */
  label: string;
  /** Without: "uitvoering van een overeenkomst". */
  short: string;
  /** What follows from this basis for the reader, or null when nothing needs saying. */
  consequence: string | null;
  /** Art. 21(1): processing on this basis may be objected to. */
  objectable: boolean;
}

/**
 * The legal wording of the statement in one language. Only boilerplate lives here; every fact (names,
 * addresses, purposes, data, recipients, places, measures, periods) comes from the policy and the register.
 */
export interface StatementText {
  title: string;
  intro: string;
  headings: Record<SectionId, string>;
  months: readonly string[];
  and: string;
  lastChanged: (date: string) => string;
  scope: {
    appliesTo: (controller: string) => string;
    when: string;
    cases: string[];
    controller: (controller: string, address: string) => string;
  };
  processing: { meaning: string; logged: string };
  purposes: {
    intro: string;
    /**
     * Art. 14(1)(d), 14(2)(f): a business customer's contact person gets their data from the employer, not from
     * themselves. A fixed paragraph: the policy does not declare sources, and every record's own source is told
     * in the access report (Art. 15(1)(g)).
     */
    fromEmployer: string;
    uses: (categories: string) => string;
    basis: (label: string) => string;
    /** Art. 13(1)(d): the legitimate interest pursued, for a purpose on Art. 6(1)(f). */
    interest: (interest: string) => string;
    retention: string;
    noRule: (records: string) => string;
  };
  retention: {
    after: (period: string, from: string) => string;
    unlessLaw: string;
    /** The provision that sets a period (AWR art. 52 lid 4), after the period. */
    legal: (obligation: string) => string;
    /** Several rules reach one record: each is a minimum, the longest decides. */
    longest: (terms: string[]) => string;
    linked: (record: string, other: string, terms: string) => string;
    record: (record: string, terms: string) => string;
    /**
     * What a date a rule counts from means where the record does not simply store it, said after the record's
     * line: the end of a quote that never became an agreement, the end of the relationship a consent counts from
     * (src/retention/period-starts.ts). Keyed by the date's id in the policy.
     */
    dateNotes: Readonly<Record<string, string>>;
    /** P3: once only invoices are kept, the person keeps only name and reference (src/retention/reduction.ts). */
    reduced: string;
  };
  /**
   * Art. 13(2)(a) for what we keep of our own work, the same for every policy (src/retention/own-periods.ts):
   * requests, the text of mail, the processing log (`basis`: what sets its period).
   */
  ownRecords: {
    heading: string;
    requests: (period: string) => string;
    /** A question or complaint: as long as other correspondence when the policy has a rule for it, else `period`. */
    questions: (period: string | null) => string;
    mail: (period: string) => string;
    log: (period: string, basis: 'records' | 'claims') => string;
    held: string;
  };
  /** W3C DPV legal bases. A policy naming a basis not here cannot be published (Art. 13(1)(c)). */
  legalBases: Readonly<Record<string, LegalBasisWords>>;
  /** W3C DPV transfer mechanisms (Art. 45-47 GDPR). */
  safeguards: Readonly<Record<string, string>>;
  storage: {
    where: (controller: string, providers: string) => string;
    location: (provider: string, region: string, where: string) => string;
    insideEea: string;
    outsideEea: (safeguard: string) => string;
    transfers: (controller: string) => string;
    copy: (email: Inline) => Inline[];
    noTransfers: string;
  };
  recipients: {
    intro: (controller: string) => string;
    role: Record<Recipient['role'], string>;
    /** Role, country, the purposes (each with its basis, joined) and how many, and the data. */
    details: (role: string, country: string, purposes: string, count: number, categories: string) => string;
    /** The companies of the category the register names, joined. */
    companies: (list: string) => string;
    company: (legalName: string, kvkNumber: string | null, country: string, role: string) => string;
    /** Named here, so no notice per disclosure (P9). */
    named: (count: number) => string;
    /** The storage provider: nothing is handed to it per person. */
    stores: string;
    notice: string;
    none: string;
    neverSold: string;
    police: string;
    toldInAdvance: string;
  };
  security: { intro: string; checked: string };
  rights: {
    intro: string;
    /** The rights; Art. 20's item is written from the policy: the purposes on consent or a contract and their data. */
    list: (string | ((portable: { purposes: string; categories: string }) => string))[];
    objectionHeading: string;
    objection: string;
    objectionPurposes: (purposes: string) => string;
    /** Art. 13(1)(c), 13(2)(c): which processing rests on consent, and so stops when it is withdrawn; none says so. */
    consentPurposes: (purposes: string | null) => string;
    exerciseHeading: string;
    exercise: (controller: string, email: Inline) => Inline[];
    identify: (controller: string) => string;
    deadline: string;
    refusalHeading: string;
    refusal: string;
    refusalTold: string;
    refusalComplaint: (authority: string) => string;
  };
  changes: {
    reserve: (controller: string) => string;
    published: string;
    versions: (link: Inline) => Inline[];
    versionsLink: { text: string; href: string };
  };
  questions: string;
  complaints: { help: string; right: (authority: string) => string; contact: (authority: string, website: Inline) => Inline[] };
  contact: {
    responsible: (controller: string, dpoTitle: string, email: Inline) => Inline[];
    attention: (dpoTitle: string) => string;
    /** Whether the postal address ends with the country (a reader abroad needs it). */
    withCountry: boolean;
  };
}

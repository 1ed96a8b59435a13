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
    details: (role: string, country: string, purpose: string, basis: string, categories: string) => string;
    notice: string;
    none: string;
    neverSold: string;
    police: string;
    toldInAdvance: string;
  };
  security: { intro: string; checked: string };
  rights: {
    intro: string;
    list: string[];
    objectionHeading: string;
    objection: string;
    objectionPurposes: (purposes: string) => string;
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

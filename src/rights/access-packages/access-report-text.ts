/** The words of the access report (Art. 15), in Dutch and English; the report takes the request's language. */
export interface ReportText {
  title: string;
  intro: (controller: string, date: string) => string;
  headings: {
    data: string;
    purposes: string;
    categories: string;
    recipients: string;
    retention: string;
    source: string;
    transfers: string;
    automated: string;
    rights: string;
    complaint: string;
  };
  dataIntro: string;
  counts: Record<
    | 'addresses'
    | 'agreements'
    | 'invoices'
    | 'cases'
    | 'messages'
    | 'attachments'
    | 'consents'
    | 'restrictions'
    | 'objections'
    | 'log',
    string
  >;
  basis: string;
  categoriesIntro: string;
  registerIntro: string;
  actualIntro: string;
  actualNone: string;
  actualLine: (name: string, date: string, categories: string, purpose: string) => string;
  noticesSent: (n: number) => string;
  roles: Record<string, string>;
  recipientLine: (name: string, role: string, country: string, categories: string) => string;
  /** A company by its legal name and KvK number, and the category the statement names it by (null: left out). */
  companyName: (legalName: string, kvkNumber: string | null, category: string | null) => string;
  namedCompanies: (list: string) => string;
  retentionColumns: [string, string, string];
  /** Per source of the person's record (Art. 15(1)(g)); `organisation` is the employer, when known. */
  sourceSubject: Record<'person' | 'employer' | 'staff' | 'import', (date: string, organisation: string | null) => string>;
  sourceMessages: (inbound: number, outbound: number) => string;
  sourceOwn: string;
  /** Art. 15(1)(g) for a contact person: whose contact person they are, in which role, since when (issue 20). */
  contactRole: (organisation: string, kvkNumber: string | null, role: string, since: string, owner: boolean) => string;
  transfersInside: string;
  transferLine: (provider: string, region: string, safeguard: string) => string;
  noSafeguard: string;
  automated: string;
  rights: string[];
  complaint: (authority: string) => string;
  contact: (controller: string, email: string) => string;
}

export const REPORT_NL: ReportText = {
  title: 'Uw persoonsgegevens (inzage, art. 15 AVG)',
  intro: (controller, date) =>
    `Dit is het overzicht van alle persoonsgegevens die ${controller} over u verwerkt, samengesteld op ${date}. De gegevens zelf staan ook in data.json en, per soort, in de CSV-bestanden in deze zip.`,
  headings: {
    data: 'Welke gegevens wij van u hebben',
    purposes: 'Waarvoor wij uw gegevens gebruiken',
    categories: 'Welke soorten gegevens',
    recipients: 'Aan wie wij uw gegevens (kunnen) geven',
    retention: 'Hoe lang wij uw gegevens bewaren',
    source: 'Waar uw gegevens vandaan komen',
    transfers: 'Opslag buiten de Europese Economische Ruimte',
    automated: 'Geautomatiseerde besluiten',
    rights: 'Uw rechten',
    complaint: 'Klacht bij de toezichthouder',
  },
  dataIntro: 'Wij hebben van u vastgelegd:',
  counts: {
    addresses: 'adressen',
    agreements: 'overeenkomsten en offertes',
    invoices: 'facturen',
    cases: 'vragen, klachten en verzoeken',
    messages: 'berichten',
    attachments: 'bijlagen (in de map attachments)',
    consents: 'toestemmingen',
    restrictions: 'beperkingen van de verwerking',
    objections: 'bezwaren',
    log: 'vermeldingen in ons verwerkingslogboek (wie, wat, wanneer, waarvoor)',
  },
  basis: 'grondslag',
  categoriesIntro: 'Van u verwerken wij deze soorten gegevens:',
  registerIntro: 'Deze partijen mogen volgens ons register gegevens ontvangen, elk alleen de genoemde soorten:',
  actualIntro: 'Deze partijen hebben uw gegevens werkelijk van ons ontvangen (ons verstrekkingenlogboek):',
  actualNone: 'Volgens ons verstrekkingenlogboek hebben wij uw gegevens aan niemand gegeven.',
  actualLine: (name, date, categories, purpose) => `${name}, op ${date}: ${categories} (doel: ${purpose})`,
  noticesSent: (n) =>
    `Wij hebben ontvangers ${n} keer op de hoogte gebracht van een correctie, wissing of beperking (art. 19 AVG).`,
  roles: { processor: 'verwerker', controller: 'zelfstandig verwerkingsverantwoordelijke', authority: 'overheidsinstantie' },
  recipientLine: (name, role, country, categories) => `${name} (${role}, ${country}): ${categories}.`,
  companyName: (legalName, kvkNumber, category) => {
    const details = [
      kvkNumber === null ? null : `KvK-nummer ${kvkNumber}`,
      category === null ? null : `een van onze ontvangers in de groep ‘${category}’`,
    ].filter((x) => x !== null);
    return details.length === 0 ? legalName : `${legalName} (${details.join(', ')})`;
  },
  namedCompanies: (list) => `Het gaat om: ${list}.`,
  retentionColumns: ['Gegevens', 'Bewaard tot', 'Waarom'],
  sourceSubject: {
    person: (date) =>
      `U heeft ons deze gegevens zelf gegeven. Onze medewerkers legden ze op ${date} vast, met wat u ons gaf (per e-mail, brief, telefoon of bij een offerte of opdracht).`,
    employer: (date, organisation) =>
      `Wij ontvingen uw naam en zakelijke contactgegevens van uw werkgever${organisation === null ? '' : `, ${organisation}`}, als contactpersoon voor de zaken die wij met uw werkgever doen. Wij legden ze op ${date} vast.`,
    staff: (date) =>
      `Onze medewerkers legden uw gegevens op ${date} vast uit hun eigen contact met u, zoals een gesprek of een telefoontje.`,
    import: (date) => `Wij namen uw gegevens op ${date} over uit onze eerdere klantenadministratie.`,
  },
  sourceMessages: (inbound, outbound) => `Van de berichten kwamen er ${inbound} van u en schreven wij er ${outbound} zelf.`,
  sourceOwn: 'Overeenkomsten, offertes en facturen maakten wij zelf, in onze relatie met u. Wij kopen geen gegevens.',
  contactRole: (organisation, kvkNumber, role, since, owner) =>
    `U bent sinds ${since} contactpersoon van ${organisation}${kvkNumber === null ? '' : ` (KvK-nummer ${kvkNumber})`}, als ${role}.${owner ? ' Omdat de onderneming van u is, zijn ook haar handelsnaam, KvK-nummer en btw-nummer uw persoonsgegevens.' : ''}`,
  transfersInside: 'Uw gegevens staan in datacenters binnen de Europese Economische Ruimte.',
  transferLine: (provider, region, safeguard) =>
    `Soms bij ${provider} in ${region}, beschermd door ${safeguard} (art. 15 lid 2 en art. 46 AVG).`,
  noSafeguard: 'geen waarborg geregistreerd',
  automated:
    'Wij nemen geen besluiten over u die alleen op geautomatiseerde verwerking berusten, en maken geen profielen (art. 22 AVG).',
  rights: [
    'rectificatie of aanvulling van onjuiste of onvolledige gegevens (art. 16 AVG);',
    'wissing van uw gegevens, behalve wat de wet ons verplicht te bewaren (art. 17 AVG);',
    'beperking van de verwerking (art. 18 AVG);',
    'overdracht van de gegevens die u ons zelf gaf voor een overeenkomst of met uw toestemming, in een gangbaar, machineleesbaar formaat, aan uzelf of rechtstreeks aan een andere organisatie (art. 20 AVG);',
    'bezwaar tegen verwerking op grond van ons gerechtvaardigd belang (art. 21 AVG);',
    'intrekking van een gegeven toestemming, op elk moment (art. 7 lid 3 AVG).',
  ],
  complaint: (authority) =>
    `U kunt een klacht indienen bij de ${authority} (art. 77 AVG), en naar de rechter gaan (art. 79 AVG).`,
  contact: (controller, email) =>
    `Vragen over dit overzicht of uw rechten? Mail de functionaris voor de gegevensbescherming van ${controller}: ${email}.`,
};

export const REPORT_EN: ReportText = {
  title: 'Your personal data (access, Art. 15 GDPR)',
  intro: (controller, date) =>
    `This is an overview of all personal data ${controller} processes about you, compiled on ${date}. The data themselves are also in data.json and, per kind, in the CSV files in this zip.`,
  headings: {
    data: 'What data we hold about you',
    purposes: 'What we use your data for',
    categories: 'Which kinds of data',
    recipients: 'Who (may) receive your data',
    retention: 'How long we keep your data',
    source: 'Where your data come from',
    transfers: 'Storage outside the European Economic Area',
    automated: 'Automated decisions',
    rights: 'Your rights',
    complaint: 'Complaint to the supervisory authority',
  },
  dataIntro: 'We hold about you:',
  counts: {
    addresses: 'addresses',
    agreements: 'agreements and quotes',
    invoices: 'invoices',
    cases: 'questions, complaints and requests',
    messages: 'messages',
    attachments: 'attachments (in the folder attachments)',
    consents: 'consents',
    restrictions: 'restrictions of processing',
    objections: 'objections',
    log: 'entries in our processing log (who, what, when, for what purpose)',
  },
  basis: 'legal basis',
  categoriesIntro: 'We process these kinds of data about you:',
  registerIntro: 'According to our register these parties may receive data, each only the kinds named:',
  actualIntro: 'These parties actually received your data from us (our disclosure log):',
  actualNone: 'According to our disclosure log, we have given your data to no one.',
  actualLine: (name, date, categories, purpose) => `${name}, on ${date}: ${categories} (purpose: ${purpose})`,
  noticesSent: (n) => `We have told recipients ${n} time(s) of a rectification, erasure or restriction (Art. 19 GDPR).`,
  roles: { processor: 'processor', controller: 'independent controller', authority: 'public authority' },
  recipientLine: (name, role, country, categories) => `${name} (${role}, ${country}): ${categories}.`,
  companyName: (legalName, kvkNumber, category) => {
    const details = [
      kvkNumber === null ? null : `Dutch Chamber of Commerce number ${kvkNumber}`,
      category === null ? null : `one of our recipients in the group ‘${category}’`,
    ].filter((x) => x !== null);
    return details.length === 0 ? legalName : `${legalName} (${details.join(', ')})`;
  },
  namedCompanies: (list) => `These are: ${list}.`,
  retentionColumns: ['Data', 'Kept until', 'Why'],
  sourceSubject: {
    person: (date) =>
      `You gave us these details yourself. Our staff registered them on ${date}, from what you gave us (by e-mail, letter, phone, or with a quote or order).`,
    employer: (date, organisation) =>
      `We received your name and business contact details from your employer${organisation === null ? '' : `, ${organisation}`}, as the contact person for the business we do with your employer. We registered them on ${date}.`,
    staff: (date) =>
      `Our staff registered your details on ${date} from their own contact with you, such as a conversation or a phone call.`,
    import: (date) => `We took your details over on ${date} from our earlier customer records.`,
  },
  sourceMessages: (inbound, outbound) => `Of the messages, ${inbound} came from you and ${outbound} were written by us.`,
  sourceOwn: 'Agreements, quotes and invoices were made by us, in our relationship with you. We buy no data.',
  contactRole: (organisation, kvkNumber, role, since, owner) =>
    `Since ${since} you have been a contact person of ${organisation}${kvkNumber === null ? '' : ` (KvK number ${kvkNumber})`}, as ${role}.${owner ? ' As the business is yours, its trade name, KvK number and VAT number are your personal data too.' : ''}`,
  transfersInside: 'Your data are stored in datacenters inside the European Economic Area.',
  transferLine: (provider, region, safeguard) =>
    `Sometimes with ${provider} in ${region}, protected by ${safeguard} (Art. 15(2) and Art. 46 GDPR).`,
  noSafeguard: 'no safeguard registered',
  automated: 'We take no decisions about you based solely on automated processing, and do no profiling (Art. 22 GDPR).',
  rights: [
    'rectification or completion of inaccurate or incomplete data (Art. 16 GDPR);',
    'erasure of your data, except what the law obliges us to keep (Art. 17 GDPR);',
    'restriction of processing (Art. 18 GDPR);',
    'receiving the data you gave us for an agreement or with your consent in a common, machine-readable format, yourself or sent directly to another organisation (Art. 20 GDPR);',
    'objection to processing based on our legitimate interests (Art. 21 GDPR);',
    'withdrawal of a consent you gave, at any time (Art. 7(3) GDPR).',
  ],
  complaint: (authority) => `You may lodge a complaint with the ${authority} (Art. 77 GDPR) and go to court (Art. 79 GDPR).`,
  contact: (controller, email) =>
    `Questions about this overview or your rights? Mail the data protection officer of ${controller}: ${email}.`,
};

import type { StatementText } from './statement-text.ts';

// The English statement says what the Dutch one says; the Dutch text is the one the source was written in.
export const EN: StatementText = {
  title: 'Privacy statement',
  intro:
    'We value your privacy. In this privacy statement we tell you which (personal) data we process, why we process them, what we do with them and how they are protected.',
  headings: {
    scope: 'When does this privacy statement apply?',
    processing: "What does 'processing' mean?",
    purposes: 'Which personal data do we use, and why?',
    storage: 'Where do we store your personal data?',
    recipients: 'To which other parties do we give your data?',
    security: 'Security',
    rights: 'Your rights under the GDPR',
    changes: 'Changes to this privacy statement',
    questions: 'Questions and feedback',
    complaints: 'Complaints',
    contact: 'Contact details',
  },
  months: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  and: 'and',
  lastChanged: (date) => `Last changed on ${date}.`,
  scope: {
    appliesTo: (controller) => `This privacy statement applies to all products and services of ${controller}.`,
    when: 'In this privacy statement we explain how we process and protect information when:',
    cases: ['we deliver products or services to you;', 'we carry out other activities that are part of running our business.'],
    // Art. 13(1)(a): the identity of the controller.
    controller: (controller, address) =>
      `${controller}, ${address}, is the controller responsible for processing your personal data.`,
  },
  processing: {
    meaning:
      "Under the General Data Protection Regulation (GDPR), 'processing' means anything that can be done with personal data, such as storing, viewing, collecting, consulting, changing and deleting them.",
    logged: 'We record every processing of your data: who, what, whose data, for which purpose and when.',
  },
  purposes: {
    intro: 'For each purpose below you find which data we use, on which legal basis, and how long we keep them.',
    fromEmployer:
      'We get most data from you yourself. If you are the contact person of a business customer, we receive your name, your role and your business contact details (e-mail address and phone number) from your employer. We use them for the same purposes as below, and keep them as long. If you ask us for access, you see from which organisation we received your data and in which role. If you have a sole proprietorship or partnership, its trade name, KvK number and VAT number are your personal data too, and we treat them as such.',
    uses: (categories) => `For this we use: ${categories}.`,
    basis: (label) => `Legal basis: ${label}.`,
    interest: (interest) => `Our legitimate interest: ${interest}.`,
    retention: 'How long we keep these data:',
    noRule: (records) => `We keep your ${records} as long as we keep other data about you.`,
  },
  retention: {
    after: (period, from) => `${period} after ${from}`,
    unlessLaw: ', unless the law requires us to keep them longer',
    legal: (obligation) => ` (${obligation})`,
    longest: (terms) => `at least ${terms.join(' and at least ')}; whichever is longer applies`,
    linked: (record, other, terms) =>
      `If ${article(record)} ${record} belongs to ${article(other)} ${other}, we keep it as long as the ${other}: ${terms}.`,
    record: (record, terms) => `${record}: ${terms}.`,
    dateNotes: {
      end_date:
        'A quote or agreement that was rejected or cancelled ends on the day it was rejected or cancelled. A quote or agreement we never sent or that was never answered, and an accepted quote without an end date, end on the day we last changed them. We keep a running agreement as long as it runs.',
      end_of_relationship:
        'Our customer relationship ends with your last agreement, quote, invoice or question; if you withdraw your consent later, that moment counts. This way we can show that you gave your consent (Art. 7(1) GDPR).',
    },
    reduced:
      'Once the periods above have passed and all we keep of you are invoices (with the agreements they belong to), because the law requires it, we keep of your customer details only your name and customer reference. We then delete your e-mail address, phone number and addresses; the name and billing address on the invoice itself remain. For an order without a separate agreement, the completion of the order counts as the end of the agreement.',
  },
  ownRecords: {
    heading: 'Your requests, our e-mails and our log',
    requests: (period) =>
      `We keep a request by which you exercise one of your rights, with how we established your identity, our decision and our answer, until ${period} after our answer. That way we can show how we handled it (Art. 5(2) GDPR) for as long as you or the Autoriteit Persoonsgegevens can hold us to it (Art. 3:310 of the Dutch Civil Code; Art. 5:45 of the Dutch General Administrative Law Act). Then we erase the request, with its file, the access package and the e-mails about it. We never erase a request that is still open.`,
    questions: (period) =>
      period === null
        ? 'We keep a question or complaint as long as other correspondence, counted from our answer.'
        : `We also keep a question or complaint until ${period} after our answer.`,
    mail: (period) =>
      `Of an e-mail we send you, we erase the text ${period} after it was delivered, or after the last attempt if it did not arrive. After that we keep only the address it went to, the subject, when and whether it arrived, to be able to show that we informed you.`,
    log: (period, basis) =>
      `Our processing log records who did what with your data, and when. We keep each entry ${period} after the end of the year in which the processing took place: ${
        basis === 'records'
          ? 'a year longer than the longest period above, so that the log can account for what happened to that data (Art. 5(2) GDPR)'
          : 'as long as you or the Autoriteit Persoonsgegevens can hold us to a processing (Art. 5(2) GDPR; Art. 3:310 of the Dutch Civil Code; Art. 5:45 of the Dutch General Administrative Law Act)'
      }. Then we remove those entries.`,
    held: 'If we need this data as evidence in a dispute or complaint, we keep it for as long as that requires (Art. 17(3)(e) GDPR).',
  },
  legalBases: {
    'dpv:Consent': {
      label: 'consent (Art. 6(1)(a) GDPR)',
      short: 'consent',
      consequence: 'You may withdraw your consent at any time; that does not affect what we lawfully did before.',
      objectable: false,
    },
    'dpv:Contract': {
      label: 'performance of a contract (Art. 6(1)(b) GDPR)',
      short: 'performance of a contract',
      consequence: 'Without these data we cannot enter into or perform an agreement with you.',
      objectable: false,
    },
    'dpv:LegalObligation': {
      label: 'legal obligation (Art. 6(1)(c) GDPR)',
      short: 'legal obligation',
      consequence: 'The law requires us to record and keep these data.',
      objectable: false,
    },
    'dpv:VitalInterest': {
      label: 'vital interest (Art. 6(1)(d) GDPR)',
      short: 'vital interest',
      consequence: null,
      objectable: false,
    },
    'dpv:PublicTask': {
      label: 'a task in the public interest (Art. 6(1)(e) GDPR)',
      short: 'public task',
      consequence: 'You may object to this (see Objection).',
      objectable: true,
    },
    'dpv:PublicInterest': {
      label: 'a task in the public interest (Art. 6(1)(e) GDPR)',
      short: 'public interest',
      consequence: 'You may object to this (see Objection).',
      objectable: true,
    },
    'dpv:OfficialAuthority': {
      label: 'the exercise of official authority (Art. 6(1)(e) GDPR)',
      short: 'official authority',
      consequence: 'You may object to this (see Objection).',
      objectable: true,
    },
    'dpv:LegitimateInterest': {
      label: 'legitimate interest (Art. 6(1)(f) GDPR)',
      short: 'legitimate interest',
      consequence: 'You may object to this (see Objection).',
      objectable: true,
    },
  },
  safeguards: {
    'dpv:StandardContractualClauses': 'standard contractual clauses of the European Commission (Art. 46(2)(c) GDPR)',
    'dpv:AdequacyDecision': 'an adequacy decision of the European Commission (Art. 45 GDPR)',
    'dpv:BindingCorporateRules': 'binding corporate rules (Art. 47 GDPR)',
    'dpv:CertificationMechanismsForDataTransfers': 'an approved certification (Art. 46(2)(f) GDPR)',
    'dpv:CodesOfConductForDataTransfers': 'an approved code of conduct (Art. 46(2)(e) GDPR)',
  },
  storage: {
    where: (controller, providers) => `${controller} stores your data in the data centres of ${providers}:`,
    location: (provider, region, where) => `${provider}, ${region}: ${where}`,
    insideEea: 'inside the European Economic Area (EEA)',
    outsideEea: (safeguard) => `outside the EEA, protected by ${safeguard}`,
    transfers: (controller) =>
      `Where data are transferred to countries outside the EEA, ${controller} makes sure your privacy stays properly protected (Art. 44 to 46 GDPR).`,
    copy: (email) => ['You can ask for a copy of these safeguards at ', email, '.'],
    noTransfers: 'We do not transfer personal data to countries outside the EEA.',
  },
  recipients: {
    intro: (controller) => `${controller} gives your data only to the following parties, and only the data listed with them:`,
    role: { processor: 'processor', controller: 'independent controller', authority: 'public authority' },
    details: (role, country, purposes, count, categories) =>
      ` (${role}, ${country}), for the ${count === 1 ? 'purpose' : 'purposes'} ${purposes}: ${categories}.`,
    companies: (list) => ` This is ${list}.`,
    company: (legalName, kvkNumber, country, role) =>
      `${legalName} (${kvkNumber === null ? '' : `Dutch Chamber of Commerce number ${kvkNumber}, `}${country}, ${role})`,
    named: (count) =>
      ` Because we name ${count === 1 ? 'this company' : 'these companies'} here, you receive no separate message when ${count === 1 ? 'it receives' : 'they receive'} your data.`,
    stores: ' Your data are stored in the data centres of this company (see above); we do not hand it data person by person.',
    notice: ' Before this party receives your data for the first time, we tell you which company it is.',
    none: 'We do not give your data to any other party.',
    neverSold:
      'We do not sell your personal data, nor give them to other companies or organisations on any other condition, unless the law obliges us to.',
    police: 'For example, when the police demand them on suspicion of a crime.',
    toldInAdvance: 'We tell you in advance which other companies receive your data, unless the law does not allow us to.',
  },
  security: {
    intro:
      'We take appropriate security measures to limit misuse of, and unauthorised access to, your personal data (Art. 32 GDPR).',
    checked:
      'We make sure that only the people who need it have access to your data, that access to your personal data is shielded, and that our security measures are checked regularly. Our measures include:',
  },
  rights: {
    intro: 'Under the GDPR you also have the following rights:',
    list: [
      'to see exactly which personal data we hold about you (Art. 15 GDPR);',
      'to have your personal data corrected or completed (Art. 16 GDPR);',
      'to have (outdated) personal data erased (Art. 17 GDPR);',
      'to have the processing of your personal data temporarily stopped (Art. 18 GDPR); before we lift such a restriction, we tell you;',
      ({ purposes, categories }) =>
        `to receive the data you gave us yourself for ${purposes}${categories === '' ? '' : ` (${categories})`} in a common, machine-readable format (JSON and CSV), or to have them sent to another organisation you name (Art. 20 GDPR);`,
      'to withdraw your consent if you gave it (Art. 7(3) GDPR).',
    ],
    consentPurposes: (purposes) =>
      purposes === null
        ? 'At present none of our processing rests on your consent: we do not ask for it, and withdrawing a consent given before stops none of the processing above. If we do ask for your consent in the future, you can always withdraw it.'
        : `Only this rests on your consent: ${purposes}. If you withdraw it, we stop; our other processing rests on another basis and goes on.`,
    objectionHeading: 'Objection',
    objection: 'You have the right to object to a particular use of your personal data (Art. 21 GDPR).',
    objectionPurposes: (purposes) =>
      `This applies in particular to: ${purposes}. After your objection we stop, unless we have compelling legitimate grounds that override your interests, or need the data for a legal claim.`,
    exerciseHeading: 'Exercising your rights',
    exercise: (controller, email) => [
      `To exercise your rights, send ${controller} an e-mail or a letter: an e-mail to `,
      email,
      ' or a letter to the address under Contact details.',
    ],
    identify: (controller) =>
      `Always state clearly who you are, so that ${controller} can establish your identity beyond doubt and does not share your data with the wrong person.`,
    deadline:
      'We answer your request as soon as possible and at the latest within one month of receiving it. If your request is complex or we receive many requests, we may extend that period by two months; we then tell you so within the first month, with the reason (Art. 12(3) GDPR).',
    refusalHeading: 'If we refuse your request',
    refusal:
      'In some cases we may refuse your request, for example when you ask us to erase all your personal data but we need them for legal or tax reasons and/or as evidence in complaints.',
    refusalTold: 'If we refuse your request, we tell you as soon as possible. Any refusal comes with its reasons.',
    refusalComplaint: (authority) =>
      `You may then lodge a complaint with the ${authority} (Art. 12(4) GDPR). You may also, within six weeks of receiving our decision, ask the district court (rechtbank) to order us to grant your request after all (Art. 35 of the Dutch GDPR Implementation Act, Art. 79 GDPR); you do not need a lawyer for this.`,
  },
  changes: {
    reserve: (controller) => `${controller} reserves the right to change this privacy statement.`,
    published:
      'Changes will be published on the website. Check this privacy statement regularly so that you know about any changes.',
    versions: (link) => ['All versions, and what changed in each, are on the page ', link, '.'],
    versionsLink: { text: 'Versions of the privacy statement', href: '/en/privacy/versions' },
  },
  questions:
    'If you have questions or feedback about this privacy statement, you can e-mail us or send us a letter (see Contact details).',
  complaints: {
    help: 'Of course we are also glad to help if you have complaints about the processing of your personal data.',
    right: (authority) =>
      `Under privacy law you also have the right to lodge a complaint about our processing of your personal data with the ${authority} (Art. 77 GDPR).`,
    contact: (authority, website) => [`To do so, contact the ${authority}: `, website, '.'],
  },
  contact: {
    responsible: (controller, dpoTitle, email) => [
      `You can reach our data protection officer (${dpoTitle}) at `,
      email,
      ` or by letter to ${controller}:`,
    ],
    attention: (dpoTitle) => `Attn. ${dpoTitle}`,
    withCountry: true,
  },
};

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}

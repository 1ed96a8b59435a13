import type { StatementText } from './statement-text.ts';

// The wording follows the source statement (spec/privacyverklaring.txt) where it has wording, and adds
// what Art. 13 GDPR requires that the source lacks (legal bases, periods, transfers, portability, deadline).
export const NL: StatementText = {
  title: 'Privacyverklaring',
  intro:
    'Wij hechten waarde aan uw privacy. Middels deze privacyverklaring laten wij u weten welke (persoons)gegevens wij verwerken, waarom wij het verwerken, wat wij daarmee doen en hoe dit wordt beveiligd.',
  headings: {
    scope: 'Wanneer geldt de privacyverklaring?',
    processing: "Wat betekent 'verwerken'?",
    purposes: 'Welke persoonsgegevens gebruiken wij van u en waarom?',
    storage: 'Waar slaan wij uw persoonsgegevens op?',
    recipients: 'Aan welke andere partijen verstrekken wij uw gegevens?',
    security: 'Beveiliging',
    rights: 'Uw rechten onder de AVG',
    changes: 'Wijzigingen in deze privacyverklaring',
    questions: 'Vragen en feedback',
    complaints: 'Klachten',
    contact: 'Contactgegevens',
  },
  months: [
    'januari',
    'februari',
    'maart',
    'april',
    'mei',
    'juni',
    'juli',
    'augustus',
    'september',
    'oktober',
    'november',
    'december',
  ],
  and: 'en',
  lastChanged: (date) => `Laatst gewijzigd op ${date}.`,
  scope: {
    appliesTo: (controller) => `Deze privacyverklaring is van toepassing op alle producten en diensten van ${controller}.`,
    when: 'In deze privacyverklaring geven wij aan hoe wij informatie verwerken en beveiligen, wanneer:',
    cases: [
      'wij producten of diensten leveren aan u;',
      'bij de uitvoering van overige activiteiten die onderdeel vormen van onze bedrijfsvoering.',
    ],
    // Art. 13(1)(a): the identity of the controller.
    controller: (controller, address) =>
      `${controller}, ${address}, is verantwoordelijk voor de verwerking van uw persoonsgegevens.`,
  },
  processing: {
    meaning:
      "Onder de Algemene Verordening Gegevensbescherming (AVG) wordt onder 'verwerken' alle handelingen verstaan die met persoonsgegevens kunnen gebeuren, zoals opslaan, inzien, verzamelen, raadplegen, wijzigen en verwijderen.",
    logged: 'Elke verwerking van uw gegevens leggen wij vast: wie, wat, van wie, met welk doel en wanneer.',
  },
  purposes: {
    intro: 'Per doel staat hieronder welke gegevens wij gebruiken, op welke grondslag en hoe lang wij ze bewaren.',
    fromEmployer:
      'De meeste gegevens krijgen wij van u zelf. Bent u contactpersoon van een zakelijke klant, dan ontvangen wij uw naam, uw functie en uw zakelijke contactgegevens (e-mailadres en telefoonnummer) van uw werkgever. Wij gebruiken ze voor dezelfde doelen als hieronder staan, en bewaren ze even lang. Vraagt u ons om inzage, dan ziet u van welke organisatie wij uw gegevens kregen en in welke functie. Heeft u een eenmanszaak of vof, dan zijn ook de handelsnaam, het KvK-nummer en het btw-nummer daarvan uw persoonsgegevens, en behandelen wij ze ook zo.',
    uses: (categories) => `Wij gebruiken hiervoor: ${categories}.`,
    // Art. 13(1)(c): the legal basis of each purpose.
    basis: (label) => `Grondslag: ${label}.`,
    interest: (interest) => `Ons gerechtvaardigd belang: ${interest}.`,
    // Art. 13(2)(a): the period for which the data are stored.
    retention: 'Hoe lang wij deze gegevens bewaren:',
    noRule: (records) => `Uw ${records} bewaren wij zolang wij nog andere gegevens van u bewaren.`,
  },
  retention: {
    after: (period, from) => `${period} na ${from}`,
    unlessLaw: ', tenzij wij wettelijk verplicht zijn deze gegevens langer te bewaren',
    legal: (obligation) => ` (${obligation})`,
    longest: (terms) => `minimaal ${terms.join(' en minimaal ')}; de langste van deze termijnen geldt`,
    linked: (record, other, terms) =>
      `Hoort een ${record} bij een ${other}, dan bewaren wij die even lang als de ${other}: ${terms}.`,
    record: (record, terms) => `${record}: ${terms}.`,
    dateNotes: {
      end_date:
        'Als einde van een afgewezen of geannuleerde offerte of overeenkomst geldt de dag waarop die werd afgewezen of geannuleerd. Een offerte of overeenkomst die wij nooit verstuurden of waarop nooit antwoord kwam, en een geaccepteerde offerte zonder einddatum, eindigen op de dag waarop wij ze voor het laatst wijzigden. Een lopende overeenkomst bewaren wij zolang die loopt.',
      end_of_relationship:
        'Onze klantrelatie eindigt met uw laatste overeenkomst, offerte, factuur of vraag; trekt u uw toestemming later in, dan telt dat moment. Zo kunnen wij laten zien dat u toestemming gaf (art. 7 lid 1 AVG).',
    },
    // P3: the statement destroys name and contact details two years after the agreement; the invoices stay.
    reduced:
      'Zijn de termijnen hierboven voorbij en bewaren wij van u alleen nog facturen (met de overeenkomsten die erbij horen) omdat de wet dat vraagt, dan houden wij van uw klantgegevens alleen uw naam en klantkenmerk. Uw e-mailadres, telefoonnummer en adressen verwijderen wij dan; op de factuur zelf blijven de naam en het factuuradres staan. Bij een bestelling zonder aparte overeenkomst geldt de afronding van de bestelling als einde van de overeenkomst.',
  },
  ownRecords: {
    heading: 'Uw verzoeken, onze e-mails en ons logboek',
    // Art. 5(1)(e) and 5(2): kept for as long as we can be held to the handling, not longer.
    requests: (period) =>
      `Een verzoek waarmee u een van uw rechten uitoefent, bewaren wij met de controle van uw identiteit, ons besluit en ons antwoord tot ${period} na ons antwoord. Zo kunnen wij aantonen hoe wij het hebben behandeld (art. 5 lid 2 AVG) zolang u of de Autoriteit Persoonsgegevens ons daarop kan aanspreken (art. 3:310 BW; art. 5:45 Awb). Daarna wissen wij het verzoek, met het dossier, het inzagepakket en de e-mails erover. Een verzoek dat nog loopt, wissen wij niet.`,
    questions: (period) =>
      period === null
        ? 'Een vraag of klacht bewaren wij even lang als andere correspondentie, gerekend vanaf ons antwoord.'
        : `Een vraag of klacht bewaren wij ook tot ${period} na ons antwoord.`,
    mail: (period) =>
      `Van een e-mail die wij u sturen, wissen wij de tekst ${period} nadat hij is bezorgd, of na de laatste poging als hij niet aankwam. Daarna bewaren wij alleen aan welk adres hij ging, het onderwerp, wanneer en of hij is aangekomen, om te kunnen aantonen dat wij u hebben geïnformeerd.`,
    log: (period, basis) =>
      `In ons verwerkingslogboek staat wie wanneer wat met uw gegevens deed. Wij bewaren elke regel ${period} na afloop van het jaar waarin de verwerking plaatsvond: ${
        basis === 'records'
          ? 'een jaar langer dan wij gegevens hierboven het langst bewaren, zodat het logboek kan verantwoorden wat er met die gegevens is gebeurd (art. 5 lid 2 AVG)'
          : 'zolang u of de Autoriteit Persoonsgegevens ons op een verwerking kan aanspreken (art. 5 lid 2 AVG; art. 3:310 BW; art. 5:45 Awb)'
      }. Daarna verwijderen wij die regels.`,
    held: 'Hebben wij deze gegevens nodig als bewijs in een geschil of klacht, dan bewaren wij ze zolang dat nodig is (art. 17 lid 3 sub e AVG).',
  },
  legalBases: {
    'dpv:Consent': {
      label: 'toestemming (art. 6 lid 1 sub a AVG)',
      short: 'toestemming',
      consequence: 'U kunt uw toestemming altijd intrekken; dat doet niets af aan wat wij daarvoor al rechtmatig deden.',
      objectable: false,
    },
    'dpv:Contract': {
      label: 'uitvoering van een overeenkomst (art. 6 lid 1 sub b AVG)',
      short: 'uitvoering van een overeenkomst',
      consequence: 'Zonder deze gegevens kunnen wij geen overeenkomst met u sluiten of uitvoeren.',
      objectable: false,
    },
    'dpv:LegalObligation': {
      label: 'wettelijke verplichting (art. 6 lid 1 sub c AVG)',
      short: 'wettelijke verplichting',
      consequence: 'De wet verplicht ons deze gegevens vast te leggen en te bewaren.',
      objectable: false,
    },
    'dpv:VitalInterest': {
      label: 'vitaal belang (art. 6 lid 1 sub d AVG)',
      short: 'vitaal belang',
      consequence: null,
      objectable: false,
    },
    'dpv:PublicTask': {
      label: 'taak van algemeen belang (art. 6 lid 1 sub e AVG)',
      short: 'taak van algemeen belang',
      consequence: 'U kunt hiertegen bezwaar maken (zie Bezwaar).',
      objectable: true,
    },
    'dpv:PublicInterest': {
      label: 'taak van algemeen belang (art. 6 lid 1 sub e AVG)',
      short: 'taak van algemeen belang',
      consequence: 'U kunt hiertegen bezwaar maken (zie Bezwaar).',
      objectable: true,
    },
    'dpv:OfficialAuthority': {
      label: 'uitoefening van openbaar gezag (art. 6 lid 1 sub e AVG)',
      short: 'openbaar gezag',
      consequence: 'U kunt hiertegen bezwaar maken (zie Bezwaar).',
      objectable: true,
    },
    'dpv:LegitimateInterest': {
      label: 'gerechtvaardigd belang (art. 6 lid 1 sub f AVG)',
      short: 'gerechtvaardigd belang',
      consequence: 'U kunt hiertegen bezwaar maken (zie Bezwaar).',
      objectable: true,
    },
  },
  safeguards: {
    'dpv:StandardContractualClauses': 'standaardcontractbepalingen van de Europese Commissie (art. 46 lid 2 sub c AVG)',
    'dpv:AdequacyDecision': 'een adequaatheidsbesluit van de Europese Commissie (art. 45 AVG)',
    'dpv:BindingCorporateRules': 'bindende bedrijfsvoorschriften (art. 47 AVG)',
    'dpv:CertificationMechanismsForDataTransfers': 'een goedgekeurde certificering (art. 46 lid 2 sub f AVG)',
    'dpv:CodesOfConductForDataTransfers': 'een goedgekeurde gedragscode (art. 46 lid 2 sub e AVG)',
  },
  storage: {
    where: (controller, providers) => `${controller} slaat uw gegevens op in de datacenters van ${providers}:`,
    location: (provider, region, where) => `${provider}, ${region}: ${where}`,
    insideEea: 'binnen de Europese Economische Ruimte (EER)',
    outsideEea: (safeguard) => `buiten de EER, beschermd door ${safeguard}`,
    // Art. 13(1)(f): transfers to third countries and their safeguards.
    transfers: (controller) =>
      `In het geval dat gegevens worden doorgegeven naar landen buiten de EER, zorgt ${controller} ervoor dat uw privacy op een passende manier beschermd blijft (art. 44 tot en met 46 AVG).`,
    copy: (email) => ['Een kopie van deze waarborgen kunt u opvragen via ', email, '.'],
    noTransfers: 'Wij geven geen persoonsgegevens door naar landen buiten de EER.',
  },
  recipients: {
    intro: (controller) =>
      `${controller} geeft uw gegevens alleen aan de volgende partijen, en alleen de gegevens die erbij staan:`,
    role: { processor: 'verwerker', controller: 'zelfstandig verwerkingsverantwoordelijke', authority: 'overheidsinstantie' },
    details: (role, country, purposes, count, categories) =>
      ` (${role}, ${country}), voor ${count === 1 ? 'het doel' : 'de doelen'} ${purposes}: ${categories}.`,
    companies: (list) => ` Het gaat om ${list}.`,
    company: (legalName, kvkNumber, country, role) =>
      `${legalName} (${kvkNumber === null ? '' : `KvK-nummer ${kvkNumber}, `}${country}, ${role})`,
    named: (count) =>
      ` Omdat wij ${count === 1 ? 'dit bedrijf' : 'deze bedrijven'} hier bij naam noemen, krijgt u geen apart bericht wanneer ${count === 1 ? 'het' : 'zij'} uw gegevens ${count === 1 ? 'krijgt' : 'krijgen'}.`,
    stores:
      ' In de datacenters van dit bedrijf slaan wij uw gegevens op (zie hierboven); wij geven het geen gegevens per persoon.',
    notice: ' Voordat deze partij uw gegevens voor het eerst krijgt, laten wij u weten om welk bedrijf het gaat.',
    none: 'Wij geven uw gegevens aan geen andere partijen.',
    neverSold:
      'Wij verkopen en geven uw persoonsgegevens onder geen andere voorwaarde aan andere bedrijven of instellingen, behalve als wij dat wettelijk verplicht zijn.',
    police: 'Bijvoorbeeld als de politie dat eist bij een vermoeden van een misdrijf.',
    toldInAdvance:
      'Wij melden u vooraf welke andere bedrijven uw gegevens krijgen, tenzij dat wettelijk gezien niet is toegestaan.',
  },
  security: {
    intro:
      'Wij nemen passende beveiligingsmaatregelen om misbruik van, en ongeautoriseerde toegang tot, uw persoonsgegevens te beperken (art. 32 AVG).',
    checked:
      'Zo zorgen wij dat alleen de noodzakelijke personen toegang hebben tot uw gegevens, dat de toegang tot uw persoonsgegevens afgeschermd is en dat onze veiligheidsmaatregelen regelmatig gecontroleerd worden. Wij treffen onder meer de volgende beveiligingsmaatregelen:',
  },
  rights: {
    intro: 'Onder de AVG heeft u verder de volgende rechten:',
    list: [
      'het inzien van de precieze persoonsgegevens die wij van u hebben (art. 15 AVG);',
      'het laten corrigeren of aanvullen van uw persoonsgegevens (art. 16 AVG);',
      'het laten verwijderen van (verouderde) persoonsgegevens (art. 17 AVG);',
      // Art. 18(3): the law asks more than the source statement: the person is told before a restriction ends.
      "het tijdelijk laten stopzetten van de verwerking van uw persoonsgegevens (art. 18 AVG); voordat wij zo'n beperking opheffen, laten wij u dat weten;",
      // Art. 13(2)(b): data portability, which the source statement does not mention; Art. 20(1) limits it to
      // what the person provided for processing on consent or a contract.
      ({ purposes, categories }) =>
        `het ontvangen van de gegevens die u ons zelf heeft gegeven voor ${purposes}${categories === '' ? '' : ` (${categories})`}, in een gangbaar, machineleesbaar formaat (JSON en CSV), of het laten doorsturen daarvan naar een andere organisatie die u noemt (art. 20 AVG);`,
      'het intrekken van toestemming indien u die heeft verleend (art. 7 lid 3 AVG).',
    ],
    consentPurposes: (purposes) =>
      purposes === null
        ? 'Op dit moment berust geen van onze verwerkingen op uw toestemming: wij vragen daar niet om, en het intrekken van een eerder gegeven toestemming zet geen van de verwerkingen hierboven stop. Vragen wij in de toekomst wel om uw toestemming, dan kunt u die altijd intrekken.'
        : `Op uw toestemming berust alleen: ${purposes}. Trekt u die in, dan stoppen wij daarmee; onze andere verwerkingen berusten op een andere grondslag en gaan door.`,
    objectionHeading: 'Bezwaar',
    objection: 'U heeft het recht om bezwaar te maken tegen een bepaald gebruik van uw persoonsgegevens (art. 21 AVG).',
    objectionPurposes: (purposes) =>
      `Dat geldt in het bijzonder voor: ${purposes}. Na uw bezwaar stoppen wij daarmee, tenzij wij dwingende gerechtvaardigde gronden hebben die zwaarder wegen dan uw belangen, of de gegevens nodig hebben voor een rechtsvordering.`,
    exerciseHeading: 'Uw rechten uitoefenen',
    exercise: (controller, email) => [
      `Voor het uitoefenen van uw rechten kunt u bij ${controller} een mail of schriftelijk verzoek indienen: een e-mail aan `,
      email,
      ' of een brief aan het adres onder Contactgegevens.',
    ],
    identify: (controller) =>
      `Geef dan altijd duidelijk aan wie u bent, zodat ${controller} zonder twijfel uw identiteit kan vaststellen en dit niet deelt met de verkeerde persoon.`,
    // Art. 12(3): one month, extendable by two months with reasons given within the first month.
    deadline:
      'Wij beantwoorden uw verzoek zo spoedig mogelijk en uiterlijk binnen één maand na ontvangst. Is uw verzoek ingewikkeld of ontvangen wij veel verzoeken, dan kunnen wij die termijn met twee maanden verlengen; dat laten wij u dan binnen de eerste maand weten, met de reden (art. 12 lid 3 AVG).',
    refusalHeading: 'Als wij uw verzoek weigeren',
    refusal:
      'In sommige gevallen mogen wij uw verzoek weigeren, bijvoorbeeld als u verzoekt om uw persoonsgegevens volledig te wissen, maar wij die nodig hebben om wettelijke of belastingtechnische redenen en/of als bewijs bij klachten.',
    refusalTold:
      'In het geval wij uw verzoek afwijzen, wordt u daar zo spoedig mogelijk over geïnformeerd. De eventuele afwijzing wordt gemotiveerd.',
    // Art. 12(4), and the Dutch court route of art. 35 UAVG (Art. 79 GDPR), which the source statement leaves out.
    refusalComplaint: (authority) =>
      `U kunt dan een klacht indienen bij de ${authority} (art. 12 lid 4 AVG). U kunt ook binnen zes weken nadat u ons besluit heeft ontvangen de rechtbank vragen ons te bevelen uw verzoek alsnog in te willigen (art. 35 UAVG); daarvoor heeft u geen advocaat nodig.`,
  },
  changes: {
    reserve: (controller) => `${controller} behoudt zich het recht voor om wijzigingen aan te brengen in deze privacyverklaring.`,
    published:
      'Wijzigingen zullen op de website worden gepubliceerd. Controleer daarom regelmatig deze privacyverklaring, zodat u van eventuele wijzigingen op de hoogte bent.',
    versions: (link) => ['Alle versies, en wat er per versie veranderde, vindt u op de pagina ', link, '.'],
    versionsLink: { text: 'Versies van de privacyverklaring', href: '/privacy/versions' },
  },
  questions:
    'Mocht u vragen hebben of feedback over deze privacyverklaring, dan kunt u ons mailen of een brief versturen (zie Contactgegevens).',
  complaints: {
    help: 'Natuurlijk helpen wij u ook graag verder als u klachten heeft over de verwerking van uw persoonsgegevens.',
    // Art. 13(2)(d) and Art. 77: the right to lodge a complaint with a supervisory authority.
    right: (authority) =>
      `Op grond van de privacywetgeving heeft u ook het recht om een klacht in te dienen bij de ${authority} tegen onze verwerkingen van uw persoonsgegevens (art. 77 AVG).`,
    contact: (authority, website) => [`U kunt hiervoor contact opnemen met de ${authority}: `, website, '.'],
  },
  contact: {
    // Art. 13(1)(b): the contact details of the data protection officer.
    responsible: (controller, dpoTitle, email) => [`Onze ${dpoTitle} bereikt u via `, email, ` of per brief aan ${controller}:`],
    attention: (dpoTitle) => `t.a.v. ${dpoTitle}`,
    withCountry: false,
  },
};

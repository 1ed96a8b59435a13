// Names, places and services for the demonstration data set: a Dutch ICT company's customers.

export const FIRST_NAMES = [
  'Anna',
  'Bram',
  'Charlotte',
  'Daan',
  'Eva',
  'Finn',
  'Gijs',
  'Hanna',
  'Iris',
  'Jesse',
  'Julia',
  'Lars',
  'Lotte',
  'Milan',
  'Noor',
  'Pieter',
  'Roos',
  'Sanne',
  'Thijs',
  'Vera',
  'Willem',
  'Yara',
  'Zoë',
  'Mohammed',
  'Fatima',
];
export const LAST_NAMES = [
  'de Vries',
  'Jansen',
  'van den Berg',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
  'de Wit',
  'Dijkstra',
  'Yilmaz',
  'El Amrani',
];
/** Employers of the demo's contact persons of business customers (the source of their data, Art. 14(2)(f)). */
export const EMPLOYERS = [
  'Bouwbedrijf Dekker B.V.',
  'Tandartspraktijk Oudegracht',
  'Van Leeuwen Advocaten',
  'Bakkerij De Korenschoof',
];
export const STREETS = [
  'Oudegracht',
  'Biltstraat',
  'Amsterdamsestraatweg',
  'Vleutenseweg',
  'Kanaalweg',
  'Ketjapweg',
  'Laan van Nieuw-Guinea',
  'Nachtegaalstraat',
  'Twijnstraat',
  'Voorstraat',
];
export const CITIES: [postalPrefix: string, city: string][] = [
  ['3511', 'Utrecht'],
  ['3541', 'Utrecht'],
  ['3431', 'Nieuwegein'],
  ['3811', 'Amersfoort'],
  ['3401', 'IJsselstein'],
  ['3701', 'Zeist'],
  ['1012', 'Amsterdam'],
];

export const SERVICES: { description: string; unitPriceCents: number }[] = [
  { description: 'Beheer werkplekken (per maand)', unitPriceCents: 4_500 },
  { description: 'Microsoft 365 Business Standard licentie', unitPriceCents: 1_260 },
  { description: 'Netwerkaanleg en configuratie (uur)', unitPriceCents: 9_500 },
  { description: 'Back-up in de cloud (per maand)', unitPriceCents: 2_500 },
  { description: 'Laptop installatie en migratie', unitPriceCents: 14_900 },
  { description: 'Helpdesk ondersteuning (uur)', unitPriceCents: 8_500 },
];

export const AGREEMENT_TITLES = [
  'Beheerovereenkomst werkplekken',
  'Microsoft 365 migratie',
  'Netwerk en wifi kantoor',
  'Back-up en herstel',
  'Onderhoudscontract servers',
];

export const CASES: { kind: 'question' | 'complaint'; title: string; body: string; answer: string }[] = [
  {
    kind: 'question',
    title: 'Vraag over factuur',
    body: 'Goedemiddag, op mijn laatste factuur staat een regel die ik niet begrijp. Kunt u die toelichten?',
    answer: 'Die regel betreft de maandelijkse back-up; vanaf deze maand is die apart vermeld.',
  },
  {
    kind: 'question',
    title: 'Extra licentie nodig',
    body: 'We hebben een nieuwe collega. Kunnen jullie een extra Microsoft 365 licentie regelen?',
    answer: 'De licentie is toegevoegd en het account is aangemaakt.',
  },
  {
    kind: 'complaint',
    title: 'Storing niet op tijd opgelost',
    body: 'Onze internetverbinding lag een hele ochtend plat en we kregen pas na drie uur antwoord.',
    answer: 'Excuses voor de late reactie. We hebben de storingsdienst aangepast en crediteren het uur.',
  },
  {
    kind: 'question',
    title: 'Wachtwoord vergeten',
    body: 'Ik kan niet meer inloggen op mijn mailbox. Kunnen jullie helpen?',
    answer: 'We hebben uw wachtwoord gereset; u ontvangt een tijdelijke code per sms.',
  },
];

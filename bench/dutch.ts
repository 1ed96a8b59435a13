// Word lists for a Dutch-looking customer base of a small IT company. Realistic lengths matter more than
// realism itself: they decide row sizes, pages read per view and the size of the JSON response.

export const FIRST_NAMES = [
  'Jan',
  'Pieter',
  'Kees',
  'Willem',
  'Henk',
  'Sanne',
  'Anouk',
  'Lotte',
  'Fleur',
  'Daan',
  'Sem',
  'Lucas',
  'Emma',
  'Julia',
  'Tess',
  'Noor',
  'Bram',
  'Thijs',
  'Ruben',
  'Femke',
  'Marieke',
  'Ingrid',
  'Gerrit',
  'Joost',
  'Maarten',
  'Eva',
  'Iris',
  'Roos',
  'Mohamed',
  'Fatima',
  'Yusuf',
  'Aisha',
  'Priya',
  'Wei',
  'Joris',
  'Sophie',
];

export const LAST_NAMES = [
  'de Jong',
  'Jansen',
  'de Vries',
  'van den Berg',
  'van Dijk',
  'Bakker',
  'Janssen',
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
  'Smits',
  'de Graaf',
  'van der Meer',
  'van der Linden',
  'Kok',
  'Jacobs',
  'de Haan',
  'Vermeulen',
  'van den Heuvel',
  'van der Veen',
  'van den Broek',
  'de Bruijn',
  'Yilmaz',
  'El Amrani',
];

export const STREETS = [
  'Dorpsstraat',
  'Kerkstraat',
  'Stationsweg',
  'Molenweg',
  'Schoolstraat',
  'Julianastraat',
  'Beatrixlaan',
  'Nieuwe Gracht',
  'Oudegracht',
  'Biltstraat',
  'Amsterdamsestraatweg',
  'Ketjapweg',
  'Lange Nieuwstraat',
  'Wilhelminapark',
  'Vleutenseweg',
  'Kanaalweg',
  'Prinses Irenelaan',
  'Eikenlaan',
  'Parkweg',
  'Marktplein',
];

export const CITIES = [
  'Utrecht',
  'Amersfoort',
  'Zeist',
  'Nieuwegein',
  'Houten',
  'IJsselstein',
  'Maarssen',
  'De Bilt',
  'Bilthoven',
  'Woerden',
  'Veenendaal',
  'Soest',
  'Baarn',
  'Bunnik',
  'Vianen',
  'Culemborg',
  'Amsterdam',
  'Den Haag',
];

export const MAIL_DOMAINS = ['gmail.com', 'ziggo.nl', 'kpnmail.nl', 'hotmail.com', 'outlook.com', 'xs4all.nl', 'planet.nl'];

export const AGREEMENT_TITLES = [
  'Onderhoudscontract werkplekken',
  'Beheer Microsoft 365',
  'Back-up in de cloud',
  'Helpdesk-abonnement',
  'Netwerkbeheer kantoor',
  'Hosting website en e-mail',
  'Beveiligingsmonitoring',
  'Licenties antivirus',
];

export const QUOTE_TITLES = [
  'Offerte nieuwe laptops',
  'Offerte wifi-installatie',
  'Offerte migratie naar Microsoft 365',
  'Offerte vervanging server',
  'Offerte glasvezelaansluiting',
  'Offerte printer en scanner',
];

/** Invoice lines: description, unit price in cents, VAT rate. */
export const LINE_ITEMS: readonly (readonly [string, number, number])[] = [
  ['Uurtarief support op locatie', 8500, 21],
  ['Uurtarief support op afstand', 7500, 21],
  ['Laptop HP ProBook 450 G10', 98900, 21],
  ['Abonnement Microsoft 365 Business Standard (maand)', 1250, 21],
  ['Back-up in de cloud, 500 GB (maand)', 1995, 21],
  ['Voorrijkosten', 3500, 21],
  ['Handboek veilig werken (drukwerk)', 2450, 9],
  ['Installatie en configuratie router', 12500, 21],
];

export const CASE_TITLES = {
  question: ['Vraag over factuur', 'Hoe stel ik mijn e-mail in op mijn telefoon?', 'Vraag over back-up'],
  complaint: ['Klacht over trage afhandeling', 'Storing niet op tijd opgelost', 'Onjuiste factuur ontvangen'],
  request: ['Verzoek om inzage (AVG art. 15)', 'Verzoek om extra licentie', 'Verzoek tot opzegging contract'],
} as const;

export const INBOUND_BODIES = [
  'Beste Sen ICT,\n\nSinds vanochtend kan ik niet meer inloggen op mijn e-mail. Ik krijg steeds de melding dat mijn wachtwoord onjuist is, terwijl ik het niet heb gewijzigd. Kunnen jullie hier vandaag nog naar kijken?\n\nMet vriendelijke groet,',
  'Goedemiddag,\n\nIk heb de factuur van vorige maand ontvangen, maar de voorrijkosten staan er twee keer op. Willen jullie dit controleren en zo nodig een creditfactuur sturen?\n\nGroet,',
  'Hallo,\n\nGraag zou ik willen weten welke gegevens jullie van mij bewaren en aan wie jullie die verstrekken. Kunnen jullie mij een overzicht sturen?\n\nBij voorbaat dank,',
];

export const OUTBOUND_BODIES = [
  'Beste klant,\n\nDank voor uw bericht. Wij hebben uw account gecontroleerd en het wachtwoord opnieuw ingesteld. U ontvangt het tijdelijke wachtwoord per sms. Laat het ons weten als het probleem blijft bestaan.\n\nMet vriendelijke groet,\nSen ICT',
  'Beste klant,\n\nU hebt gelijk: de voorrijkosten zijn dubbel in rekening gebracht. Wij hebben een creditfactuur aangemaakt die u binnen enkele dagen ontvangt.\n\nMet vriendelijke groet,\nSen ICT',
  'Beste klant,\n\nBijgaand vindt u het overzicht van de gegevens die wij over u bewaren, met de doelen en de bewaartermijnen. Hebt u nog vragen, neem dan gerust contact op.\n\nMet vriendelijke groet,\nSen ICT',
];

export const CONSENT_EVIDENCE = [
  'Vinkje nieuwsbrief aangezet op het klantportaal',
  'Schriftelijke toestemming bij ondertekening overeenkomst',
  'Toestemming per e-mail bevestigd',
  'Mondeling gegeven tijdens telefoongesprek, vastgelegd door medewerker',
];

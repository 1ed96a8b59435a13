import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, plain, render, sectionOf, subsectionOf } from '../../test/support/statements.ts';

// One test per promise of the source statement (docs/specification/privacyverklaring.txt, P1-P16 in docs/design.md),
// on the Dutch statement rendered from the default policy; then what Art. 13 GDPR adds to it.
const md = plain(render('nl').markdown);
const section = (heading: string) => sectionOf(md, heading);
const purpose = (name: string) => subsectionOf(md, name);

const HEADINGS = [
  'Wanneer geldt de privacyverklaring?',
  "Wat betekent 'verwerken'?",
  'Welke persoonsgegevens gebruiken wij van u en waarom?',
  'Waar slaan wij uw persoonsgegevens op?',
  'Aan welke andere partijen verstrekken wij uw gegevens?',
  'Beveiliging',
  'Uw rechten onder de AVG',
  'Wijzigingen in deze privacyverklaring',
  'Vragen en feedback',
  'Klachten',
  'Contactgegevens',
];

describe('the Dutch statement of the default policy keeps every promise of the source', () => {
  it('has every section of the source, in the order of the source', () => {
    const positions = HEADINGS.map((h) => md.indexOf(`\n## ${h}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(md.match(/^## /gm)).toHaveLength(HEADINGS.length);
  });

  it('P1: applies to all products and services of the controller', () => {
    expect(section('Wanneer geldt')).toContain('van toepassing op alle producten en diensten van Sen ICT.');
  });

  it('P1: applies when delivering products or services and in the rest of the business', () => {
    expect(section('Wanneer geldt')).toMatch(
      /wij producten of diensten leveren aan u;[\s\S]*overige activiteiten die onderdeel vormen van onze bedrijfsvoering/,
    );
  });

  it("P2: explains 'verwerken' as storing, viewing, collecting, consulting, changing and deleting", () => {
    expect(section('Wat betekent')).toContain('zoals opslaan, inzien, verzamelen, raadplegen, wijzigen en verwijderen');
  });

  it('P3: uses name, contact details and correspondence for agreements', () => {
    expect(purpose('Uitvoering van overeenkomst voor diensten en producten')).toMatch(
      /Wij gebruiken hiervoor: naam, e-mailadres, telefoonnummer, adres, .*correspondentie\./,
    );
  });

  it('P3: destroys agreement data two years after the agreement, unless the law requires longer', () => {
    expect(purpose('Uitvoering van overeenkomst')).toContain(
      'Overeenkomst of offerte: twee jaar na het einde van de overeenkomst, tenzij wij wettelijk verplicht zijn deze gegevens langer te bewaren.',
    );
  });

  // P4 named gender on invoices; no law requires it (art. 35a Wet OB; CJEU C-394/23 Mousse), so the law wins
  // and the statement says so in plain words (Art. 5(1)(c), 6(1)(c) GDPR).
  it('P4: names name, billing address and reference as the data on invoices, and says no gender is recorded because no law requires it', () => {
    expect(purpose('Facturen')).toContain(
      'Wij gebruiken hiervoor: naam, adres, klantkenmerk, handelsgegevens van uw eenmanszaak of vof (handelsnaam, KvK-nummer, btw-nummer) en factuurgegevens.',
    );
    expect(purpose('Facturen')).toContain(
      'Anders dan in onze privacyverklaring van 2019 leggen wij uw geslacht niet vast, ook niet op facturen, omdat geen wet dat van ons vraagt.',
    );
    expect(md).not.toMatch(/naam, geslacht|geslacht, adres/);
  });

  // P4 promised "minimaal 7 jaar" from completion; the law counts seven years from the end of the book year
  // (art. 52 lid 4 AWR, art. 2:10 lid 3 BW). Both stay minimums, the longest decides.
  it('P4: keeps invoices at least seven years after the end of the book year (art. 52 lid 4 AWR) and at least seven years after completion', () => {
    expect(purpose('Facturen')).toContain(
      'Factuur: minimaal zeven jaar na afloop van het boekjaar waarin de factuur is opgemaakt (art. 52 lid 4 AWR; art. 2:10 lid 3 BW) en minimaal zeven jaar na de afronding van de bestelling of dienstverlening; de langste van deze termijnen geldt.',
    );
  });

  it('states the legitimate interest of correspondence (Art. 13(1)(d))', () => {
    expect(purpose('Correspondentie')).toContain(
      'Grondslag: gerechtvaardigd belang (art. 6 lid 1 sub f AVG). Ons gerechtvaardigd belang: uw vragen, klachten en verzoeken goed kunnen afhandelen',
    );
  });

  it('P5: asks reference, name, e-mail address and phone number to handle a question or complaint', () => {
    expect(purpose('Correspondentie')).toContain(
      'Wij gebruiken hiervoor: klantkenmerk, naam, e-mailadres, telefoonnummer, organisatie waarvoor u contactpersoon bent, functie en correspondentie.',
    );
  });

  it('P5: may keep the messages you send, and says for how long', () => {
    expect(purpose('Correspondentie')).toContain('Bericht: twee jaar na de afhandeling van de vraag of klacht');
  });

  it("P6: stores data in Microsoft's data centres, inside the EEA", () => {
    expect(section('Waar slaan wij')).toMatch(
      /in de datacenters van Microsoft:\n\n- Microsoft, EU \(West-Europa en Noord-Europa\): binnen de Europese Economische Ruimte \(EER\)/,
    );
  });

  it('P6: keeps data transferred outside the EEA properly protected', () => {
    expect(section('Waar slaan wij')).toContain('zorgt Sen ICT ervoor dat uw privacy op een passende manier beschermd blijft');
  });

  it('P7: uses an accounting firm for the (fiscal) legal obligations', () => {
    expect(section('Aan welke andere partijen')).toContain(
      '- **Administratiekantoor** (verwerker, Nederland), voor het doel Facturen (wettelijke verplichting)',
    );
  });

  it('P6, Art. 13(1)(e), 28: names Microsoft, which stores the data, as our processor for every purpose, by its company', () => {
    expect(section('Aan welke andere partijen')).toContain(
      '- **Microsoft (opslag in datacenters)** (verwerker, Ierland), voor de doelen Uitvoering van overeenkomst voor diensten en producten (uitvoering van een overeenkomst), Facturen (wettelijke verplichting) en Correspondentie (gerechtvaardigd belang):',
    );
    expect(section('Aan welke andere partijen')).toContain(
      'Het gaat om Microsoft Ireland Operations Limited (Ierland, verwerker). In de datacenters van dit bedrijf slaan wij uw gegevens op (zie hierboven); wij geven het geen gegevens per persoon.',
    );
  });

  it('P7: gives suppliers only the address and e-mail address', () => {
    expect(section('Aan welke andere partijen')).toMatch(
      /\*\*Leveranciers van diensten via derden\*\* \(verwerker, Nederland\), voor het doel .*: adres en e-mailadres\./,
    );
  });

  it('P8: never sells or gives data to others unless the law requires it, such as the police', () => {
    expect(section('Aan welke andere partijen')).toContain(
      'Wij verkopen en geven uw persoonsgegevens onder geen andere voorwaarde aan andere bedrijven of instellingen, behalve als wij dat wettelijk verplicht zijn. Bijvoorbeeld als de politie dat eist bij een vermoeden van een misdrijf.',
    );
  });

  it('P9: tells you in advance which companies receive your data, unless the law forbids it', () => {
    expect(section('Aan welke andere partijen')).toContain(
      'Wij melden u vooraf welke andere bedrijven uw gegevens krijgen, tenzij dat wettelijk gezien niet is toegestaan.',
    );
  });

  it('P9: names the supplier before it receives your data for the first time', () => {
    expect(section('Aan welke andere partijen')).toMatch(
      /e-mailadres\. Voordat deze partij uw gegevens voor het eerst krijgt, laten wij u weten om welk bedrijf het gaat\./,
    );
  });

  it('P10: limits access to the necessary people and checks the measures regularly', () => {
    expect(section('Beveiliging')).toContain(
      'alleen de noodzakelijke personen toegang hebben tot uw gegevens, dat de toegang tot uw persoonsgegevens afgeschermd is en dat onze veiligheidsmaatregelen regelmatig gecontroleerd worden',
    );
  });

  it.each([
    'toegangscontrole op onze laptops en systemen, gebruik makend van wachtwoorden',
    'verwerkersovereenkomsten',
    'antivirusscanners',
    'kopieën die ook weer beveiligd zijn (encrypted)',
    "(besturings)programma's regelmatig updaten",
    'encrypted hardeschijven',
  ])('P10: lists the security measure "%s"', (measure) => {
    expect(section('Beveiliging').toLowerCase()).toContain(`\n- ${measure.toLowerCase()}`);
  });

  it.each([
    ['access', 'het inzien van de precieze persoonsgegevens die wij van u hebben (art. 15 AVG)'],
    ['rectification and completion', 'het laten corrigeren of aanvullen van uw persoonsgegevens (art. 16 AVG)'],
    ['erasure', 'het laten verwijderen van (verouderde) persoonsgegevens (art. 17 AVG)'],
    [
      'restriction',
      "het tijdelijk laten stopzetten van de verwerking van uw persoonsgegevens (art. 18 AVG); voordat wij zo'n beperking opheffen, laten wij u dat weten",
    ],
    ['withdrawal of consent', 'het intrekken van toestemming indien u die heeft verleend (art. 7 lid 3 AVG)'],
  ])('P11: names the right of %s', (_right, words) => {
    expect(section('Uw rechten')).toContain(`- ${words}`);
  });

  it('where the law asks more: the court route of art. 35 UAVG beside the complaint to the AP (Art. 12(4), 79)', () => {
    expect(section('Uw rechten')).toContain('de rechtbank vragen ons te bevelen uw verzoek alsnog in te willigen (art. 35 UAVG)');
  });

  it('P11: names the right to object, under its own heading (Art. 21(4))', () => {
    expect(section('Uw rechten')).toMatch(
      /### Bezwaar\n\nU heeft het recht om bezwaar te maken tegen een bepaald gebruik van uw persoonsgegevens \(art\. 21 AVG\)\./,
    );
  });

  it('P12: takes requests by mail or letter', () => {
    expect(section('Uw rechten')).toContain(
      'kunt u bij Sen ICT een mail of schriftelijk verzoek indienen: een e-mail aan security@senict.nl of een brief',
    );
  });

  it('P12: asks you to say clearly who you are', () => {
    expect(section('Uw rechten')).toContain(
      'Geef dan altijd duidelijk aan wie u bent, zodat Sen ICT zonder twijfel uw identiteit kan vaststellen',
    );
  });

  it('P13: may refuse for legal or tax reasons or as evidence in complaints', () => {
    expect(section('Uw rechten')).toContain(
      'wij die nodig hebben om wettelijke of belastingtechnische redenen en/of als bewijs bij klachten',
    );
  });

  it('P13: tells of a refusal as soon as possible, with reasons', () => {
    expect(section('Uw rechten')).toContain(
      'wordt u daar zo spoedig mogelijk over geïnformeerd. De eventuele afwijzing wordt gemotiveerd.',
    );
  });

  it('P14: publishes changes on the website, with every earlier version', () => {
    expect(section('Wijzigingen')).toMatch(
      /Wijzigingen zullen op de website worden gepubliceerd\.[\s\S]*\[Versies van de privacyverklaring\]\(\/privacy\/versions\)/,
    );
  });

  it('P14: ends with the date it was last changed, in Dutch', () => {
    expect(md.trimEnd().split('\n').at(-1)).toBe('Laatst gewijzigd op 25 november 2026.');
  });

  it('P15: welcomes questions and feedback by mail or letter', () => {
    expect(section('Vragen en feedback')).toContain(
      'Mocht u vragen hebben of feedback over deze privacyverklaring, dan kunt u ons mailen of een brief versturen',
    );
  });

  it('P15: helps with complaints and names the right to complain to the Autoriteit Persoonsgegevens', () => {
    expect(section('Klachten')).toMatch(
      /klachten heeft over de verwerking[\s\S]*het recht om een klacht in te dienen bij de Autoriteit Persoonsgegevens[\s\S]*https:\/\/autoriteitpersoonsgegevens\.nl/,
    );
  });

  it('P16: gives the contact block of the source: controller, FG, address, e-mail', () => {
    expect(section('Contactgegevens')).toContain(
      'Sen ICT\nt.a.v. Functionaris voor de Gegevensbescherming\nKetjapweg 40\n3541 RH UTRECHT\nsecurity@senict.nl',
    );
  });
});

describe('the Dutch statement adds what Art. 13 GDPR requires and the source lacks', () => {
  it.each([
    ['Uitvoering van overeenkomst', 'Grondslag: uitvoering van een overeenkomst (art. 6 lid 1 sub b AVG).'],
    ['Facturen', 'Grondslag: wettelijke verplichting (art. 6 lid 1 sub c AVG), art. 35a Wet OB; art. 52 AWR; art. 2:10 BW.'],
    ['Correspondentie', 'Grondslag: gerechtvaardigd belang (art. 6 lid 1 sub f AVG).'],
  ])('Art. 13(1)(c): the legal basis of %s', (name, basis) => {
    expect(purpose(name)).toContain(basis);
  });

  it('Art. 13(2)(a): a retention period for every purpose', () => {
    for (const p of Object.values(DEFAULT_POLICY.document.purposes))
      expect(purpose(p.name.nl), p.name.nl).toMatch(/Hoe lang wij deze gegevens bewaren:\n\n- .+ jaar na /);
  });

  it("Art. 13(2)(a): an agreement behind an invoice is kept as long as the invoice (the rule's linked)", () => {
    expect(purpose('Uitvoering van overeenkomst')).toContain(
      'Hoort een overeenkomst of offerte bij een factuur, dan bewaren wij die even lang als de factuur: minimaal zeven jaar na afloop van het boekjaar waarin de factuur is opgemaakt (art. 52 lid 4 AWR; art. 2:10 lid 3 BW) en minimaal zeven jaar na de afronding van de bestelling of dienstverlening; de langste van deze termijnen geldt.',
    );
  });

  it('Art. 13(2)(b): the right to data portability, as far as Art. 20(1) reaches: what the person gave for the contract', () => {
    expect(section('Uw rechten')).toContain(
      'het ontvangen van de gegevens die u ons zelf heeft gegeven voor Uitvoering van overeenkomst voor diensten en producten (naam, e-mailadres, telefoonnummer, adres, klantkenmerk, overeenkomsten en offertes, correspondentie, organisatie waarvoor u contactpersoon bent, functie en handelsgegevens van uw eenmanszaak of vof (handelsnaam, KvK-nummer, btw-nummer)), in een gangbaar, machineleesbaar formaat (JSON en CSV), of het laten doorsturen daarvan naar een andere organisatie die u noemt (art. 20 AVG);',
    );
    expect(section('Uw rechten')).not.toMatch(/factuurgegevens[^\n]*art\. 20 AVG/);
  });

  it('Art. 13(1)(f): the transfer outside the EEA and its safeguard', () => {
    expect(section('Waar slaan wij')).toContain(
      '- Microsoft, Verenigde Staten (incidenteel): buiten de EER, beschermd door standaardcontractbepalingen van de Europese Commissie (art. 46 lid 2 sub c AVG)',
    );
    // Art. 12(1): no English in the Dutch statement.
    expect(md).not.toContain('United States');
  });

  it('Art. 12(3): the one-month deadline, extendable by two months with reasons', () => {
    expect(section('Uw rechten')).toContain('uiterlijk binnen één maand na ontvangst');
    expect(section('Uw rechten')).toContain(
      'met twee maanden verlengen; dat laten wij u dan binnen de eerste maand weten, met de reden (art. 12 lid 3 AVG)',
    );
  });

  it('Art. 13(1)(a) and (b): who the controller is and how to reach the DPO', () => {
    expect(section('Wanneer geldt')).toContain(
      'Sen ICT, Ketjapweg 40, 3541 RH Utrecht, is verantwoordelijk voor de verwerking van uw persoonsgegevens.',
    );
    expect(section('Contactgegevens')).toContain(
      'Onze Functionaris voor de Gegevensbescherming bereikt u via security@senict.nl',
    );
  });

  it('Art. 21(4): names the purposes that may be objected to', () => {
    expect(section('Uw rechten')).toContain('Dat geldt in het bijzonder voor: Correspondentie (gerechtvaardigd belang).');
  });

  it('Art. 12(4): a refusal names the right to complain to the supervisory authority', () => {
    expect(section('Uw rechten')).toContain(
      'U kunt dan een klacht indienen bij de Autoriteit Persoonsgegevens (art. 12 lid 4 AVG).',
    );
  });
});

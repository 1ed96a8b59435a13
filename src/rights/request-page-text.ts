import type { Lang } from './request-words.ts';

/** Why a proof on the verify page was refused, each said in the page's language at the field it concerns. */
export type ProofProblem =
  | 'codeFormat'
  | 'codeWrong'
  | 'knowledgeNumber'
  | 'knowledgeTotal'
  | 'knowledgeWrong'
  | 'knowledgeNotAccepted'
  | 'knowledgeLocked'
  | 'used'
  | 'expired'
  | 'locked'
  | 'tooMany'
  | 'verifiedAlready'
  | 'referenceUnknown';

/** The words of the public request pages, in Dutch and English. */
export const REQUEST_PAGE_TEXT: Record<
  Lang,
  {
    formPath: string;
    verifyPath: string;
    resendPath: string;
    statementPath: string;
    statementLabel: string;
    other: { lang: Lang; label: string };
    formTitle: string;
    intro: string[];
    kindLegend: string;
    name: string;
    email: string;
    emailHint: string;
    details: string;
    detailsHint: string;
    purpose: string;
    purposeHint: string;
    noPurpose: string;
    changesLegend: string;
    changesHint: string;
    changeFields: { firstName: string; lastName: string; email: string; phone: string };
    transferLegend: string;
    transferHint: string;
    transferFields: { organisation: string; email: string };
    submit: string;
    problems: string;
    verifyTitle: string;
    filed: string;
    verifyIntro: string;
    reference: string;
    code: string;
    confirm: string;
    knowledgeLegend: string;
    knowledgeHint: string;
    invoiceNumber: string;
    invoiceTotal: string;
    invoiceTotalHint: string;
    proofProblems: Record<ProofProblem, string>;
    resendLegend: string;
    resend: string;
    resent: string;
    linkIntro: string;
    verifiedTitle: string;
    verified: (due: string) => string;
    errorTitle: string;
    statusPath: string;
    statusTitle: string;
    statusIntro: string;
    statusLookup: string;
    statusNotFound: string;
    receivedOn: string;
    dueOn: string;
    stageLabel: string;
    stageExplained: { received: string; in_progress: string; answered: string };
    stages: { received: string; in_progress: string; answered: string };
  }
> = {
  nl: {
    formPath: '/privacy/request',
    verifyPath: '/privacy/request/verify',
    resendPath: '/privacy/request/resend',
    statementPath: '/privacy',
    statementLabel: 'Privacyverklaring',
    other: { lang: 'en', label: 'English' },
    formTitle: 'Een verzoek over uw persoonsgegevens',
    intro: [
      'Met dit formulier oefent u uw rechten uit onder de AVG, of stelt u een vraag of dient u een klacht in. Wij antwoorden binnen een maand na ontvangst (art. 12 lid 3 AVG).',
      'Om zeker te weten dat het verzoek van u komt, sturen wij een code naar het e-mailadres dat wij al van u hebben. U hoeft geen kopie van een identiteitsbewijs te sturen.',
    ],
    kindLegend: 'Wat wilt u?',
    name: 'Uw naam',
    email: 'Uw e-mailadres',
    emailHint: 'Het adres waaronder wij u kennen. Wij reageren alleen per e-mail aan dit adres.',
    details: 'Toelichting',
    detailsHint: 'Uw vraag of klacht, of wat wij verder moeten weten. Bij een vraag of klacht verplicht.',
    purpose: 'Voor welk gebruik van uw gegevens?',
    purposeHint: 'Alleen bij bezwaar of het intrekken van toestemming.',
    noPurpose: '— kies een gebruik —',
    changesLegend: 'Wat moet er gecorrigeerd worden?',
    changesHint: 'Alleen bij correctie of aanvulling: vul de juiste gegevens in. Iets anders beschrijft u in de toelichting.',
    changeFields: {
      firstName: 'Juiste voornaam',
      lastName: 'Juiste achternaam',
      email: 'Juist e-mailadres',
      phone: 'Juist telefoonnummer',
    },
    transferLegend: 'Uw gegevens rechtstreeks naar een andere organisatie sturen?',
    transferHint:
      'Alleen bij overdracht, en alleen als u dat wilt (art. 20 lid 2 AVG): vul de naam en het e-mailadres van die organisatie in. Wij vragen u dan eerst per e-mail, op het adres dat wij van u hebben, dat adres te bevestigen. Laat u dit leeg, dan sturen wij de gegevens naar u.',
    transferFields: { organisation: 'Naam van de organisatie', email: 'E-mailadres van de organisatie' },
    submit: 'Verzoek versturen',
    problems: 'Controleer het volgende:',
    verifyTitle: 'Uw verzoek bevestigen',
    filed:
      'Wij hebben uw verzoek ontvangen. Als wij u kennen, hebben wij een code gestuurd naar het e-mailadres dat wij van u hebben. Anders ontvangt u van ons bericht per e-mail.',
    verifyIntro: 'Vul de code uit onze e-mail in. De code is 30 minuten geldig en u kunt het hoogstens vijf keer proberen.',
    reference: 'Kenmerk van uw verzoek',
    code: 'Code uit de e-mail (6 cijfers)',
    confirm: 'Bevestigen',
    knowledgeLegend: 'Geen e-mail ontvangen?',
    knowledgeHint:
      'Bij een verzoek om inzage, een vraag of een klacht kunt u ook twee gegevens van één factuur van ons invullen: het factuurnummer en het totaalbedrag. Ons antwoord gaat altijd naar het e-mailadres dat wij van u hebben. Een verzoek om gegevens te corrigeren, te wissen, te beperken of over te dragen, een bezwaar of het intrekken van toestemming bevestigt u met de code uit onze e-mail; lukt dat niet, neem dan contact met ons op.',
    invoiceNumber: 'Factuurnummer',
    invoiceTotal: 'Totaalbedrag van die factuur',
    invoiceTotalHint: 'Het bedrag inclusief btw, zoals op de factuur staat, bijvoorbeeld 1.234,56.',
    proofProblems: {
      codeFormat: 'Vul de code van zes cijfers uit onze e-mail in.',
      codeWrong: 'Deze code klopt niet. Controleer de code in onze e-mail en probeer het opnieuw.',
      knowledgeNumber: 'Vul het factuurnummer in zoals het op de factuur staat.',
      knowledgeTotal: 'Vul het totaalbedrag in zoals het op de factuur staat, bijvoorbeeld 1.234,56.',
      knowledgeWrong: 'Deze gegevens horen niet bij een factuur van u. Controleer het factuurnummer en het totaalbedrag.',
      knowledgeNotAccepted:
        'Dit verzoek kunt u niet met factuurgegevens bevestigen, omdat het uw gegevens wijzigt, wist of overdraagt. Vul de code uit onze e-mail in, of neem contact met ons op.',
      knowledgeLocked:
        'Er zijn te vaak verkeerde factuurgegevens ingevuld. Bevestig uw verzoek met de code uit onze e-mail, of probeer het morgen opnieuw.',
      used: 'Deze code of link kunt u niet meer gebruiken. Vraag hieronder een nieuwe code aan.',
      expired: 'Deze code of link is verlopen. Vraag hieronder een nieuwe code aan.',
      locked: 'Er is te vaak iets verkeerds ingevuld. Vraag hieronder een nieuwe code aan.',
      tooMany: 'U heeft het te vaak geprobeerd. Probeer het over een uur opnieuw.',
      verifiedAlready: 'Dit verzoek is al bevestigd. U hoeft niets meer te doen.',
      referenceUnknown: 'Wij vinden geen verzoek met dit kenmerk. Controleer het kenmerk in onze e-mail.',
    },
    resendLegend: 'Nieuwe code',
    resend: 'Stuur een nieuwe code',
    resent: 'Als wij u kennen, hebben wij een nieuwe code gestuurd naar het e-mailadres dat wij van u hebben.',
    linkIntro: 'Klik op de knop om te bevestigen dat het verzoek van u komt.',
    verifiedTitle: 'Dank u, uw verzoek is bevestigd',
    verified: (due) => `Wij behandelen uw verzoek en antwoorden u uiterlijk op ${due}.`,
    errorTitle: 'Dat lukte niet',
    statusPath: '/privacy/request/status',
    statusTitle: 'De status van uw verzoek',
    statusIntro:
      'Vul het kenmerk in dat u van ons kreeg (zoals V-2026-7K3Q9M). U ziet dan hoe ver wij zijn; persoonsgegevens tonen wij hier niet.',
    statusLookup: 'Status bekijken',
    statusNotFound: 'Wij vinden geen verzoek met dit kenmerk. Controleer het kenmerk in onze e-mail.',
    receivedOn: 'Ontvangen op',
    dueOn: 'Uiterlijk beantwoord op',
    stageLabel: 'Status',
    stageExplained: {
      received: 'Wij wachten nog op de bevestiging dat het verzoek van u komt. Vul de code uit onze e-mail in.',
      in_progress: 'Wij behandelen uw verzoek.',
      answered: 'Wij hebben uw verzoek beantwoord per e-mail.',
    },
    stages: { received: 'ontvangen', in_progress: 'in behandeling', answered: 'beantwoord' },
  },
  en: {
    formPath: '/en/privacy/request',
    verifyPath: '/en/privacy/request/verify',
    resendPath: '/en/privacy/request/resend',
    statementPath: '/en/privacy',
    statementLabel: 'Privacy statement',
    other: { lang: 'nl', label: 'Nederlands' },
    formTitle: 'A request about your personal data',
    intro: [
      'With this form you exercise your rights under the GDPR, or ask a question or file a complaint. We answer within one month of receipt (Art. 12(3) GDPR).',
      'To be sure the request comes from you, we send a code to the e-mail address we already hold for you. You need not send a copy of an identity document.',
    ],
    kindLegend: 'What would you like?',
    name: 'Your name',
    email: 'Your e-mail address',
    emailHint: 'The address we know you by. We reply only by e-mail to this address.',
    details: 'Details',
    detailsHint: 'Your question or complaint, or anything else we should know. Required for a question or complaint.',
    purpose: 'Which use of your data?',
    purposeHint: 'Only for an objection or a withdrawal of consent.',
    noPurpose: '— choose a use —',
    changesLegend: 'What should be corrected?',
    changesHint: 'Only for a rectification or completion: fill in the correct values. Describe anything else in the details.',
    changeFields: {
      firstName: 'Correct first name',
      lastName: 'Correct last name',
      email: 'Correct e-mail address',
      phone: 'Correct phone number',
    },
    transferLegend: 'Send your data directly to another organisation?',
    transferHint:
      'Only for portability, and only if you want this (Art. 20(2) GDPR): fill in the name and e-mail address of that organisation. We will then first ask you by e-mail, at the address we hold for you, to confirm that address. Leave this empty and we send the data to you.',
    transferFields: { organisation: 'Name of the organisation', email: 'E-mail address of the organisation' },
    submit: 'Send request',
    problems: 'Please check the following:',
    verifyTitle: 'Confirm your request',
    filed:
      'We have received your request. If we know you, we have sent a code to the e-mail address we hold for you. Otherwise you will hear from us by e-mail.',
    verifyIntro: 'Enter the code from our e-mail. The code is valid for 30 minutes and you may try at most five times.',
    reference: 'Reference of your request',
    code: 'Code from the e-mail (6 digits)',
    confirm: 'Confirm',
    knowledgeLegend: 'No e-mail received?',
    knowledgeHint:
      'For a request for access, a question or a complaint you may also enter two details of one invoice we sent you: its number and its total. Our answer always goes to the e-mail address we hold for you. A request to correct, erase, restrict or port data, an objection or a withdrawal of consent is confirmed with the code from our e-mail; if that does not work, please contact us.',
    invoiceNumber: 'Invoice number',
    invoiceTotal: 'Total of that invoice',
    invoiceTotalHint: 'The amount including VAT, as it is on the invoice, for example 1,234.56.',
    proofProblems: {
      codeFormat: 'Enter the six-digit code from our e-mail.',
      codeWrong: 'This code is not right. Check the code in our e-mail and try again.',
      knowledgeNumber: 'Enter the invoice number as it is on the invoice.',
      knowledgeTotal: 'Enter the total as it is on the invoice, for example 1,234.56.',
      knowledgeWrong: 'These details do not belong to an invoice of yours. Check the invoice number and the total.',
      knowledgeNotAccepted:
        'This request cannot be confirmed with invoice details, because it changes, erases or hands over your data. Enter the code from our e-mail, or contact us.',
      knowledgeLocked:
        'Wrong invoice details were entered too often. Confirm your request with the code from our e-mail, or try again tomorrow.',
      used: 'This code or link can no longer be used. Ask for a new code below.',
      expired: 'This code or link has expired. Ask for a new code below.',
      locked: 'Something wrong was entered too often. Ask for a new code below.',
      tooMany: 'You have tried too often. Please try again in an hour.',
      verifiedAlready: 'This request has been confirmed already. You need not do anything more.',
      referenceUnknown: 'We find no request with this reference. Check the reference in our e-mail.',
    },
    resendLegend: 'New code',
    resend: 'Send a new code',
    resent: 'If we know you, we have sent a new code to the e-mail address we hold for you.',
    linkIntro: 'Press the button to confirm that the request comes from you.',
    verifiedTitle: 'Thank you, your request is confirmed',
    verified: (due) => `We are handling your request and will answer by ${due} at the latest.`,
    errorTitle: 'That did not work',
    statusPath: '/en/privacy/request/status',
    statusTitle: 'The status of your request',
    statusIntro:
      'Enter the reference we gave you (such as V-2026-7K3Q9M). You then see how far we are; we show no personal data here.',
    statusLookup: 'Show status',
    statusNotFound: 'We find no request with this reference. Check the reference in our e-mail.',
    receivedOn: 'Received on',
    dueOn: 'Answered by',
    stageLabel: 'Status',
    stageExplained: {
      received: 'We are still waiting for the confirmation that the request comes from you. Enter the code from our e-mail.',
      in_progress: 'We are handling your request.',
      answered: 'We have answered your request by e-mail.',
    },
    stages: { received: 'received', in_progress: 'in progress', answered: 'answered' },
  },
};

import type { Text } from './check.ts';

/** One check of the self-check as a person reads it: the measure it watches, what is wrong when it fails, what to do. */
export interface CheckWords {
  measure: Text;
  problem: Text;
  action: Text;
}

/**
 * The self-check in words for the people who must act on it, per check id (issue 19), for what Kluis writes
 * itself (the reminder mail, src/today/reminder-letters.ts). The measure and the problem are the back office's
 * words on the start page (web/src/i18n/messages/self-check.ts, which may import no values from here);
 * check-words.test.ts keeps the two the same and every check worded. A check's own message names settings and
 * commands for the administrator: it stays in Kluis, out of the mail.
 */
export const CHECK_WORDS: Readonly<Record<string, CheckWords>> = {
  'dpo-second-factor': {
    measure: { nl: 'Tweede factor van de privacy officer', en: "The privacy officer's second factor" },
    problem: {
      nl: 'Niet elke privacy officer meldt zich aan met een tweede factor (een code uit een app), of er is nog geen privacy officer.',
      en: 'Not every privacy officer signs in with a second factor (a code from an app), or there is no privacy officer yet.',
    },
    action: {
      nl: 'Laat elke privacy officer zich aanmelden en een app voor inlogcodes koppelen, of maak een account voor de privacy officer aan.',
      en: 'Have every privacy officer sign in and link an app for sign-in codes, or create an account for the privacy officer.',
    },
  },
  'unused-accounts': {
    measure: { nl: 'Ongebruikte toegang', en: 'Unused access' },
    problem: {
      nl: 'Er zijn accounts of koppelingen die al lang niet gebruikt zijn maar nog toegang hebben. Blokkeer wat niet meer nodig is.',
      en: 'Some accounts or connections have not been used for a long time but still have access. Block what is no longer needed.',
    },
    action: {
      nl: 'Op de pagina Gebruikers in Kluis ziet u wanneer elk account voor het laatst gebruikt is.',
      en: 'The Users page in Kluis shows when each account was last used.',
    },
  },
  antivirus: {
    measure: { nl: 'Virusscanner', en: 'Virus scanner' },
    problem: {
      nl: 'De virusscanner werkt niet zoals het hoort: binnenkomende bestanden worden niet of met verouderde kennis op virussen gecontroleerd.',
      en: 'The virus scanner does not work as it should: incoming files are not checked for viruses, or with outdated knowledge.',
    },
    action: {
      nl: 'Vraag de beheerder van de server de virusscanner te installeren of weer te starten, en te zorgen dat hij dagelijks bijgewerkt wordt.',
      en: 'Ask whoever runs the server to install or restart the virus scanner, and to have it updated daily.',
    },
  },
  quarantine: {
    measure: { nl: 'Bestanden in quarantaine', en: 'Files in quarantine' },
    problem: {
      nl: 'Er wachten bestanden op de virusscanner. Ze worden pas getoond of meegegeven als ze gecontroleerd zijn.',
      en: 'Some files wait for the virus scanner. They are shown or passed on only once they have been checked.',
    },
    action: {
      nl: 'Vraag de beheerder van de server na te gaan of de virusscanner draait; daarna worden de bestanden vanzelf gecontroleerd.',
      en: 'Ask whoever runs the server to see that the virus scanner runs; the files are then checked by themselves.',
    },
  },
  'backup-recent': {
    measure: { nl: 'Versleutelde reservekopieën', en: 'Encrypted backups' },
    problem: {
      nl: 'Er wordt geen recente versleutelde reservekopie (back-up) van de gegevens gemaakt.',
      en: 'No recent encrypted backup of the data is being made.',
    },
    action: {
      nl: 'Vraag de beheerder van de server de dagelijkse versleutelde reservekopie in te stellen, of na te gaan waarom die niet meer gemaakt wordt.',
      en: 'Ask whoever runs the server to set up the daily encrypted backup, or to find out why it is no longer made.',
    },
  },
  'backup-decrypts': {
    measure: { nl: 'Reservekopie te herstellen', en: 'Backup can be restored' },
    problem: {
      nl: 'De nieuwste reservekopie is niet te openen of niet compleet.',
      en: 'The newest backup cannot be opened or is incomplete.',
    },
    action: {
      nl: 'Vraag de beheerder van de server de reservekopie met de juiste sleutel te controleren en een nieuwe te laten maken.',
      en: 'Ask whoever runs the server to check the backup with the right key and to have a new one made.',
    },
  },
  'data-directory-private': {
    measure: { nl: 'Afgeschermde bestanden', en: 'Protected files' },
    problem: {
      nl: 'Andere gebruikers van de server kunnen bij de bestanden van Kluis, waaronder de persoonsgegevens.',
      en: "Other users of the server can reach Kluis's files, the personal data among them.",
    },
    action: {
      nl: 'Vraag de beheerder van de server de map met de gegevens alleen voor Kluis toegankelijk te maken.',
      en: 'Ask whoever runs the server to make the folder with the data reachable for Kluis alone.',
    },
  },
  'encrypted-volume': {
    measure: { nl: 'Versleutelde schijf', en: 'Encrypted disk' },
    problem: { nl: 'De schijf met de gegevens is niet versleuteld.', en: 'The disk holding the data is not encrypted.' },
    action: {
      nl: 'Vraag de beheerder van de server de gegevens op een versleutelde schijf te zetten.',
      en: 'Ask whoever runs the server to move the data to an encrypted disk.',
    },
  },
  'log-chain': {
    measure: { nl: 'Verwerkingslog', en: 'Processing log' },
    problem: {
      nl: 'Het verwerkingslog is niet meer intact: een regel is gewijzigd of verdwenen. Meld dit als mogelijk datalek.',
      en: 'The processing log is no longer intact: a line was changed or removed. Report this as a possible data breach.',
    },
    action: {
      nl: 'Leg het vast op de pagina Datalekken in Kluis en laat de beheerder van de server uitzoeken wat er gebeurd is.',
      en: 'Record it on the Breaches page in Kluis and have whoever runs the server find out what happened.',
    },
  },
  outbox: {
    measure: { nl: 'Uitgaande e-mail', en: 'Outgoing mail' },
    problem: {
      nl: 'E-mails aan klanten of collega’s worden niet verstuurd of zijn opgegeven.',
      en: 'Mails to customers or colleagues are not being sent, or were given up.',
    },
    action: {
      nl: 'Vraag de beheerder van de server na te gaan of de mailserver bereikbaar is, en de opgegeven berichten opnieuw te laten versturen.',
      en: 'Ask whoever runs the server to see that the mail server can be reached, and to have the messages given up sent again.',
    },
  },
  'policy-lint': {
    measure: { nl: 'Controle van het beleid', en: 'Check of the policy' },
    problem: {
      nl: 'Het beleid bevat punten die niet kloppen met de wet. Bekijk het beleid.',
      en: 'The policy has points that do not agree with the law. Look at the policy.',
    },
    action: {
      nl: 'Op de pagina Beleid in Kluis staat welke punten het zijn; de privacy officer past het beleid aan.',
      en: 'The Policy page in Kluis shows which points they are; the privacy officer changes the policy.',
    },
  },
  'processor-agreements': {
    measure: { nl: 'Verwerkersovereenkomsten', en: 'Processor agreements' },
    problem: {
      nl: 'Een verwerker heeft geen geldige verwerkersovereenkomst, of die loopt binnenkort af. Leg de overeenkomst vast bij het beleid.',
      en: 'A processor has no valid processor agreement, or it ends soon. Record the agreement with the policy.',
    },
    action: {
      nl: 'Vraag de verwerker om een nieuwe overeenkomst als er geen geldige is (art. 28 lid 3 AVG).',
      en: 'Ask the processor for a new agreement where there is no valid one (Art. 28(3) GDPR).',
    },
  },
  'release-age': {
    measure: { nl: 'Versie van Kluis', en: 'Version of Kluis' },
    problem: {
      nl: 'Deze versie van Kluis is oud: installeer een nieuwere, zodat beveiligingsupdates binnenkomen.',
      en: 'This version of Kluis is old: install a newer one, so that security updates arrive.',
    },
    action: {
      nl: 'Vraag de beheerder van de server de nieuwste versie te installeren.',
      en: 'Ask whoever runs the server to install the newest version.',
    },
  },
  'nodejs-supported': {
    measure: { nl: 'Onderliggende software', en: 'Underlying software' },
    problem: {
      nl: 'De software waarop Kluis draait krijgt (binnenkort) geen beveiligingsupdates meer. Plan de overstap naar een nieuwe versie.',
      en: 'The software Kluis runs on gets no security updates (soon). Plan the move to a newer version.',
    },
    action: {
      nl: 'Vraag de beheerder van de server die overstap in te plannen.',
      en: 'Ask whoever runs the server to plan that move.',
    },
  },
  'tls-or-proxy': {
    measure: { nl: 'Versleutelde verbinding', en: 'Encrypted connection' },
    problem: {
      nl: 'De verbinding met Kluis is niet versleuteld: wachtwoorden en persoonsgegevens gaan leesbaar over het netwerk.',
      en: 'The connection to Kluis is not encrypted: passwords and personal data cross the network readable to others.',
    },
    action: {
      nl: 'Vraag de beheerder van de server de verbinding te versleutelen.',
      en: 'Ask whoever runs the server to encrypt the connection.',
    },
  },
};

/** A check these words do not know yet (a newer check): what failed is told in general terms, never by its id. */
export const UNKNOWN_CHECK: CheckWords = {
  measure: { nl: 'Een beveiligingsmaatregel', en: 'A security measure' },
  problem: { nl: 'Een controle van de beveiliging is mislukt.', en: 'A check of the security failed.' },
  action: {
    nl: 'Vraag de beheerder van de server de zelfcontrole in Kluis te bekijken.',
    en: 'Ask whoever runs the server to look at the self-check in Kluis.',
  },
};

/** The words of a check by its id. */
export const wordsOfCheck = (checkId: string): CheckWords => CHECK_WORDS[checkId] ?? UNKNOWN_CHECK;

// The self-check's findings in words a privacy officer acts on (web/src/pages/dashboard/self-check-finding.tsx): per
// check (src/doctor/checks/) the measure it watches and what is wrong when it fails. The check's own message, with
// setting names and commands, is only the administrator's note beneath it. The reminder mail words the checks the same
// (src/doctor/check-words.ts, which adds what to do); test/web-i18n.test.ts keeps the two alike.
export const selfCheck = {
  nl: {
    'selfCheck.unknown': '{measure}: Kluis kan dit zelf niet nagaan. Vraag de beheerder van de server het te controleren.',
    'selfCheck.forAdministrator': 'Technische toelichting voor de beheerder',
    'selfCheck.dpo-second-factor.measure': 'Tweede factor van de privacy officer',
    'selfCheck.dpo-second-factor.problem':
      'Niet elke privacy officer meldt zich aan met een tweede factor (een code uit een app), of er is nog geen privacy officer.',
    'selfCheck.unused-accounts.measure': 'Ongebruikte toegang',
    'selfCheck.unused-accounts.problem':
      'Er zijn accounts of koppelingen die al lang niet gebruikt zijn maar nog toegang hebben. Blokkeer wat niet meer nodig is.',
    'selfCheck.antivirus.measure': 'Virusscanner',
    'selfCheck.antivirus.problem':
      'De virusscanner werkt niet zoals het hoort: binnenkomende bestanden worden niet of met verouderde kennis op virussen gecontroleerd.',
    'selfCheck.quarantine.measure': 'Bestanden in quarantaine',
    'selfCheck.quarantine.problem':
      'Er wachten bestanden op de virusscanner. Ze worden pas getoond of meegegeven als ze gecontroleerd zijn.',
    'selfCheck.backup-recent.measure': 'Versleutelde reservekopieën',
    'selfCheck.backup-recent.problem': 'Er wordt geen recente versleutelde reservekopie (back-up) van de gegevens gemaakt.',
    'selfCheck.backup-decrypts.measure': 'Reservekopie te herstellen',
    'selfCheck.backup-decrypts.problem': 'De nieuwste reservekopie is niet te openen of niet compleet.',
    'selfCheck.data-directory-private.measure': 'Afgeschermde bestanden',
    'selfCheck.data-directory-private.problem':
      'Andere gebruikers van de server kunnen bij de bestanden van Kluis, waaronder de persoonsgegevens.',
    'selfCheck.encrypted-volume.measure': 'Versleutelde schijf',
    'selfCheck.encrypted-volume.problem': 'De schijf met de gegevens is niet versleuteld.',
    'selfCheck.log-chain.measure': 'Verwerkingslog',
    'selfCheck.log-chain.problem':
      'Het verwerkingslog is niet meer intact: een regel is gewijzigd of verdwenen. Meld dit als mogelijk datalek.',
    'selfCheck.outbox.measure': 'Uitgaande e-mail',
    'selfCheck.outbox.problem': 'E-mails aan klanten of collega’s worden niet verstuurd of zijn opgegeven.',
    'selfCheck.policy-lint.measure': 'Controle van het beleid',
    'selfCheck.policy-lint.problem': 'Het beleid bevat punten die niet kloppen met de wet. Bekijk het beleid.',
    'selfCheck.processor-agreements.measure': 'Verwerkersovereenkomsten',
    'selfCheck.processor-agreements.problem':
      'Een verwerker heeft geen geldige verwerkersovereenkomst, of die loopt binnenkort af. Leg de overeenkomst vast bij het beleid.',
    'selfCheck.release-age.measure': 'Versie van Kluis',
    'selfCheck.release-age.problem':
      'Deze versie van Kluis is oud: installeer een nieuwere, zodat beveiligingsupdates binnenkomen.',
    'selfCheck.nodejs-supported.measure': 'Onderliggende software',
    'selfCheck.nodejs-supported.problem':
      'De software waarop Kluis draait krijgt (binnenkort) geen beveiligingsupdates meer. Plan de overstap naar een nieuwe versie.',
    'selfCheck.tls-or-proxy.measure': 'Versleutelde verbinding',
    'selfCheck.tls-or-proxy.problem':
      'De verbinding met Kluis is niet versleuteld: wachtwoorden en persoonsgegevens gaan leesbaar over het netwerk.',
  },
  en: {
    'selfCheck.unknown': '{measure}: Kluis cannot tell this by itself. Ask whoever runs the server to check it.',
    'selfCheck.forAdministrator': 'Technical note for the administrator',
    'selfCheck.dpo-second-factor.measure': "The privacy officer's second factor",
    'selfCheck.dpo-second-factor.problem':
      'Not every privacy officer signs in with a second factor (a code from an app), or there is no privacy officer yet.',
    'selfCheck.unused-accounts.measure': 'Unused access',
    'selfCheck.unused-accounts.problem':
      'Some accounts or connections have not been used for a long time but still have access. Block what is no longer needed.',
    'selfCheck.antivirus.measure': 'Virus scanner',
    'selfCheck.antivirus.problem':
      'The virus scanner does not work as it should: incoming files are not checked for viruses, or with outdated knowledge.',
    'selfCheck.quarantine.measure': 'Files in quarantine',
    'selfCheck.quarantine.problem':
      'Some files wait for the virus scanner. They are shown or passed on only once they have been checked.',
    'selfCheck.backup-recent.measure': 'Encrypted backups',
    'selfCheck.backup-recent.problem': 'No recent encrypted backup of the data is being made.',
    'selfCheck.backup-decrypts.measure': 'Backup can be restored',
    'selfCheck.backup-decrypts.problem': 'The newest backup cannot be opened or is incomplete.',
    'selfCheck.data-directory-private.measure': 'Protected files',
    'selfCheck.data-directory-private.problem':
      "Other users of the server can reach Kluis's files, the personal data among them.",
    'selfCheck.encrypted-volume.measure': 'Encrypted disk',
    'selfCheck.encrypted-volume.problem': 'The disk holding the data is not encrypted.',
    'selfCheck.log-chain.measure': 'Processing log',
    'selfCheck.log-chain.problem':
      'The processing log is no longer intact: a line was changed or removed. Report this as a possible data breach.',
    'selfCheck.outbox.measure': 'Outgoing mail',
    'selfCheck.outbox.problem': 'Mails to customers or colleagues are not being sent, or were given up.',
    'selfCheck.policy-lint.measure': 'Check of the policy',
    'selfCheck.policy-lint.problem': 'The policy has points that do not agree with the law. Look at the policy.',
    'selfCheck.processor-agreements.measure': 'Processor agreements',
    'selfCheck.processor-agreements.problem':
      'A processor has no valid processor agreement, or it ends soon. Record the agreement with the policy.',
    'selfCheck.release-age.measure': 'Version of Kluis',
    'selfCheck.release-age.problem': 'This version of Kluis is old: install a newer one, so that security updates arrive.',
    'selfCheck.nodejs-supported.measure': 'Underlying software',
    'selfCheck.nodejs-supported.problem':
      'The software Kluis runs on gets no security updates (soon). Plan the move to a newer version.',
    'selfCheck.tls-or-proxy.measure': 'Encrypted connection',
    'selfCheck.tls-or-proxy.problem':
      'The connection to Kluis is not encrypted: passwords and personal data cross the network readable to others.',
  },
};

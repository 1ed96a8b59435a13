import { LEGAL_BASES, termWords } from '../policy/dpv-terms.ts';
import type { Policy } from '../policy/policy.ts';
import { type OwnPeriods, logErasure, mailErasure, ownPeriods, requestErasure } from './own-erasure-words.ts';
import type { ActivityRecipient, ProcessingActivity, Transfer } from './processing-activities.schema.ts';

type Text = { nl: string; en: string };

/**
 * The processing Kluis does for the controller itself, next to the purposes of the policy: the record of
 * Art. 30(1) covers every processing, also of the controller's own staff. Fixed in code, because it is what
 * Kluis does, not what the customer chooses; the retention texts say what Kluis actually deletes (the periods
 * of src/retention/own-periods.ts, carried out by the jobs of src/jobs/own-records-jobs.ts), and say "as long
 * as" where nothing deletes it yet.
 */
type OwnActivity = {
  purpose: string;
  name: Text;
  legalBasis: 'dpv:LegalObligation' | 'dpv:LegitimateInterest';
  reference: string;
  dataSubjects: Text;
  dataCategories: { id: string; label: Text }[];
  /** What Kluis deletes and when; a function where the period is the policy's or one of own-periods.ts. */
  erasure: { recordType: string; text: Text | ((periods: OwnPeriods) => Text) }[];
};

const CUSTOMERS_AND_STAFF: Text = {
  nl: 'klanten, contactpersonen van klanten en medewerkers',
  en: 'customers, contacts of customers and staff',
};
const STAFF: Text = { nl: 'medewerkers met een account in Kluis', en: 'staff with an account in Kluis' };

const OWN_ACTIVITIES: readonly OwnActivity[] = [
  {
    purpose: 'data-subject-requests',
    name: {
      nl: 'Afhandelen van verzoeken van betrokkenen (inzage, rectificatie, wissing, beperking, overdraagbaarheid, bezwaar)',
      en: 'Handling requests of data subjects (access, rectification, erasure, restriction, portability, objection)',
    },
    legalBasis: 'dpv:LegalObligation',
    reference: 'art. 12-22 AVG',
    dataSubjects: {
      nl: 'personen die een verzoek doen, klanten en contactpersonen van klanten, en anderen die ons mailen',
      en: 'persons who make a request, customers and contacts of customers, and others who write to us',
    },
    dataCategories: [
      {
        id: 'request.contact',
        label: { nl: 'naam en e-mailadres van de verzoeker', en: 'name and e-mail address of the requester' },
      },
      {
        id: 'request.content',
        label: {
          nl: 'het verzoek, de verificatie, het besluit en het antwoord',
          en: 'the request, its verification, the decision and the answer',
        },
      },
      {
        id: 'request.access_package',
        label: {
          nl: 'het inzage- of overdrachtspakket (een kopie van de gegevens van de persoon)',
          en: 'the access or portability package (a copy of the person’s data)',
        },
      },
      // Issue 17: the mailbox is read by Kluis; what is neither a request nor a reply waits for staff.
      {
        id: 'request.mailbox',
        label: {
          nl: 'e-mail uit de mailbox die nog niet is ingedeeld: afzender, onderwerp, tekst en bijlagen, en of het domein van de afzender de e-mail bevestigt (DKIM, SPF, DMARC)',
          en: 'mail from the mailbox not sorted yet: sender, subject, text and attachments, and whether the sender’s domain vouches for it (DKIM, SPF, DMARC)',
        },
      },
    ],
    erasure: [
      { recordType: 'rights_request', text: (p) => requestErasure(p) },
      {
        recordType: 'access_package',
        text: {
          nl: 'inzage- of overdrachtspakket: gewist zodra de downloadlink is verlopen; een pakket dat niet is vrijgegeven, met het verzoek',
          en: 'access or portability package: erased once its download link has expired; one never released, with the request',
        },
      },
      {
        recordType: 'outbox',
        text: mailErasure({
          nl: 'die van een verzoek gewist met het verzoek; die van andere berichten nog zonder bewaarregel',
          en: 'those of a request erased with the request; those of other messages without a retention rule yet',
        }),
      },
      {
        recordType: 'inbox_item',
        text: {
          nl: 'e-mail om in te delen: gewist zodra een medewerker hem bij een zaak onderbrengt, als verzoek registreert of verwijdert; tot dan bewaard',
          en: 'mail to sort: erased once staff file it on a case, register it as a request or discard it; kept until then',
        },
      },
    ],
  },
  {
    purpose: 'staff-accounts',
    name: {
      nl: 'Accounts van medewerkers: inloggen, sessies en tweede factor',
      en: 'Staff accounts: signing in, sessions and second factor',
    },
    legalBasis: 'dpv:LegitimateInterest',
    reference: 'art. 32 AVG (alleen wie het nodig heeft krijgt toegang)',
    dataSubjects: STAFF,
    dataCategories: [
      { id: 'staff.account', label: { nl: 'e-mailadres, rol en wachtwoord-hash', en: 'e-mail address, role and password hash' } },
      {
        id: 'staff.second_factor',
        label: {
          nl: 'geheim van de tweede factor en herstelcodes (gehasht)',
          en: 'second-factor secret and recovery codes (hashed)',
        },
      },
      { id: 'staff.session', label: { nl: 'sessies: begin, laatste gebruik en einde', en: 'sessions: start, last use and end' } },
    ],
    erasure: [
      {
        recordType: 'user',
        text: {
          nl: 'account: bewaard zolang het bestaat; een gedeactiveerd account blijft bewaard omdat het verwerkingslogboek ernaar verwijst',
          en: 'account: kept as long as it exists; a deactivated account is kept because the processing log refers to it',
        },
      },
      {
        recordType: 'session',
        text: {
          nl: 'sessie: eindigt na dertig minuten zonder gebruik of na twaalf uur; gewist bij uitloggen of wanneer hij daarna nog eens wordt aangeboden; een verlopen sessie die nooit meer wordt aangeboden blijft bewaard (nog niets ruimt die op)',
          en: 'session: ends after thirty minutes unused or after twelve hours; erased at sign-out or when presented again after it ended; an ended session that is never presented again is kept (nothing clears those yet)',
        },
      },
    ],
  },
  {
    purpose: 'processing-log',
    name: {
      nl: 'Verwerkingslogboek: aantonen wie wat met welke gegevens deed (verantwoordingsplicht)',
      en: 'Processing log: showing who did what with which data (accountability)',
    },
    legalBasis: 'dpv:LegitimateInterest',
    reference: 'art. 5 lid 2 AVG; art. 24 AVG',
    dataSubjects: CUSTOMERS_AND_STAFF,
    dataCategories: [
      { id: 'log.actor', label: { nl: 'wie de handeling deed (account en rol)', en: 'who acted (account and role)' } },
      {
        id: 'log.operation',
        label: {
          nl: 'handeling, doel, tijdstip en de kenmerken van de geraakte gegevens (niet de inhoud)',
          en: 'operation, purpose, time and the references of the records touched (not their content)',
        },
      },
      { id: 'log.sign_in', label: { nl: 'mislukte inlogpogingen met IP-adres', en: 'failed sign-ins with IP address' } },
    ],
    erasure: [{ recordType: 'processing_log', text: (p) => logErasure(p) }],
  },
  {
    purpose: 'breach-register',
    name: { nl: 'Register van datalekken', en: 'Register of personal data breaches' },
    legalBasis: 'dpv:LegalObligation',
    reference: 'art. 33 lid 5 AVG; art. 34 AVG',
    dataSubjects: CUSTOMERS_AND_STAFF,
    dataCategories: [
      {
        id: 'breach.facts',
        label: {
          nl: 'feiten, gevolgen en maatregelen van het lek, met de geraakte categorieën en aantallen',
          en: 'facts, effects and remedial action of the breach, with the categories and numbers affected',
        },
      },
      {
        id: 'breach.notification',
        label: {
          nl: 'meldingen aan de toezichthouder en berichten aan betrokkenen',
          en: 'notifications to the supervisory authority and messages to data subjects',
        },
      },
    ],
    erasure: [
      {
        recordType: 'breach',
        text: {
          nl: 'datalek: nog geen bewaarregel; bewaard zolang Kluis in gebruik is, zodat de toezichthouder het kan controleren',
          en: 'breach: no retention rule yet; kept as long as Kluis is in use, so the supervisory authority can check it',
        },
      },
      {
        recordType: 'outbox',
        text: mailErasure({ nl: 'zolang het datalek in het register staat', en: 'as long as the breach is in the register' }),
      },
    ],
  },
  {
    purpose: 'backups',
    name: {
      nl: 'Versleutelde back-ups, om gegevens na een incident te kunnen herstellen',
      en: 'Encrypted backups, to restore the data after an incident',
    },
    legalBasis: 'dpv:LegalObligation',
    reference: 'art. 32 lid 1 sub c AVG',
    dataSubjects: CUSTOMERS_AND_STAFF,
    dataCategories: [
      { id: 'backup.database', label: { nl: 'een volledige kopie van de database', en: 'a complete copy of the database' } },
    ],
    erasure: [
      {
        recordType: 'backup',
        text: {
          nl: 'back-up: de nieuwste KLUIS_BACKUP_KEEP (standaard veertien) blijven bewaard, oudere worden gewist; wie na een back-up is gewist, wordt bij terugzetten opnieuw gewist',
          en: 'backup: the newest KLUIS_BACKUP_KEEP (fourteen by default) are kept, older ones are erased; a person erased after a backup is erased again when it is restored',
        },
      },
    ],
  },
];

/**
 * Kluis's own processing activities, in the shape of the record. Their data is kept where the rest is: the storage
 * provider is their recipient (as our processor), and the storage transfers apply to them too.
 */
export function ownActivities(
  storageTransfers: Transfer[],
  storageProcessors: ActivityRecipient[],
  policy: Policy,
): ProcessingActivity[] {
  const periods = ownPeriods(policy);
  return OWN_ACTIVITIES.map((a) => ({
    purpose: a.purpose,
    name: a.name,
    legalBasis: { term: a.legalBasis, label: termWords(LEGAL_BASES, a.legalBasis), reference: a.reference },
    dataSubjects: a.dataSubjects,
    dataCategories: a.dataCategories,
    recipients: storageProcessors,
    transfers: storageTransfers,
    erasure: a.erasure.map((e) => ({
      recordType: e.recordType,
      rules: [],
      text: typeof e.text === 'function' ? e.text(periods) : e.text,
    })),
  }));
}

import { LEGAL_BASES, TRANSFER_MECHANISMS, termWords } from '../policy/dpv-terms.ts';
import type { Policy } from '../policy/policy.ts';
import { type PolicyDocument, RECORD_TYPES, type RecordType } from '../policy/policy.schema.ts';
import { describePeriod, parsePeriod } from '../retention/rules/period.ts';
import { RECORD_WORDS } from '../retention/rules/record-words.ts';
import { DATE_WORDS } from '../policy/retention-dates.ts';
import { countryWords, insideEea } from './eea.ts';
import { ownActivities } from './own-activities.ts';
import type {
  ActivityRecipient,
  ErasureLimit,
  ProcessingActivities,
  ProcessingActivity,
  StorageLocation,
  Transfer,
} from './processing-activities.schema.ts';
import { storageProcessors } from './recipient-rules.ts';
import type { Recipient } from './recipient.schema.ts';

type Text = { nl: string; en: string };
type Rule = PolicyDocument['retention'][number];

const DEFAULT_DATA_SUBJECTS: Text = { nl: 'klanten en contactpersonen van klanten', en: 'customers and contacts of customers' };

/** The storage locations of the policy (P6), with the processor that runs each and the words for each safeguard. */
export function storageLocations(policy: Policy): StorageLocation[] {
  return policy.document.storage.map((s) => ({
    id: s.id,
    provider: s.provider,
    processor: s.processor ?? null,
    region: s.region,
    insideEea: s.insideEea,
    safeguard: s.safeguard === undefined ? null : { term: s.safeguard, label: termWords(TRANSFER_MECHANISMS, s.safeguard) },
  }));
}

/**
 * The record of processing activities (Art. 30(1) GDPR): one activity per purpose of the policy, with the
 * recipients the register holds for it (the storage provider, processor of every purpose, among them), followed
 * by the processing Kluis does for the controller itself (requests, staff accounts, the processing log, the
 * breach register, backups), whose data the storage provider keeps too. Generated, never edited by hand, so it
 * cannot drift from what Kluis does.
 */
export function buildProcessingActivities(policy: Policy, register: Recipient[], now: Date): ProcessingActivities {
  const d = policy.document;
  const storage = storageProcessors(d);
  const storageTransfers: Transfer[] = storageLocations(policy)
    .filter((s) => !s.insideEea)
    .map((s) => ({
      kind: 'storage',
      id: s.id,
      name: { nl: s.provider, en: s.provider },
      destination: s.region,
      safeguard: s.safeguard,
    }));
  const activities = Object.entries(d.purposes).map(([id, purpose]): ProcessingActivity => {
    const recipients = register.filter((r) => r.active && r.purposes.includes(id));
    return {
      purpose: id,
      name: purpose.name,
      legalBasis: {
        term: purpose.legalBasis,
        label: termWords(LEGAL_BASES, purpose.legalBasis),
        reference: purpose.legalReference ?? null,
      },
      dataSubjects: purpose.dataSubjects ?? DEFAULT_DATA_SUBJECTS,
      dataCategories: purpose.categories.map((c) => ({
        id: c,
        label: Object.hasOwn(d.categories, c) ? (d.categories[c] as Text) : { nl: c, en: c },
      })),
      recipients: recipients.map((r) => activityRecipient(r, storage)),
      transfers: [...storageTransfers, ...recipients.flatMap(recipientTransfers)],
      // purposesOf: consents kept from before are history in the customer's file, under the customer's purposes.
      erasure: RECORD_TYPES.filter((t) => policy.purposesOf(t).includes(id)).map((t) => erasureLimit(d, t)),
    };
  });
  const keepers = register.filter((r) => r.active && storage.has(r.id)).map((r) => activityRecipient(r, storage));
  return {
    generatedAt: now.toISOString(),
    controller: {
      name: d.controller.name,
      address: d.controller.address,
      email: d.controller.email,
      dpo: { title: d.controller.dpo.title, name: d.controller.dpo.name ?? null, email: d.controller.dpo.email },
    },
    activities: [...activities, ...ownActivities(storageTransfers, keepers, policy)],
    securityMeasures: d.security.map((s) => ({ id: s.id, description: s.description })),
  };
}

function activityRecipient(r: Recipient, storage: ReadonlySet<string>): ActivityRecipient {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    country: r.country,
    insideEea: insideEea(r.country),
    categories: r.categories,
    storesData: storage.has(r.id),
    companies: r.companies
      .filter((c) => c.active)
      .map((c) => ({ id: c.id, legalName: c.legalName, kvkNumber: c.kvkNumber, country: c.country, role: c.role })),
  };
}

/** Art. 30(1)(e): a recipient, or a company of it, outside the EEA, with its safeguard. */
function recipientTransfers(r: Recipient): Transfer[] {
  const safeguard = (term: string | null) => (term === null ? null : { term, label: termWords(TRANSFER_MECHANISMS, term) });
  const where = (country: string): Text => ({ nl: countryWords(country, 'nl'), en: countryWords(country, 'en') });
  return [
    ...(insideEea(r.country)
      ? []
      : [
          {
            kind: 'recipient' as const,
            id: r.id,
            name: r.name,
            destination: where(r.country),
            safeguard: safeguard(r.transferMechanism),
          },
        ]),
    ...r.companies
      .filter((c) => c.active && !insideEea(c.country))
      .map((c) => ({
        kind: 'recipient' as const,
        id: c.id,
        name: { nl: c.legalName, en: c.legalName },
        destination: where(c.country),
        safeguard: safeguard(c.transferMechanism),
      })),
  ];
}

/** Art. 30(1)(f): how long a record type is kept, in words, including the rules that reach it through a linked record. */
export function erasureLimit(d: PolicyDocument, type: RecordType): ErasureLimit {
  const what = RECORD_WORDS[type];
  const direct = d.retention.filter((r) => r.records.includes(type));
  const linked = d.retention.filter((r) => r.linked?.includes(type) === true);
  if (direct.length === 0 && linked.length === 0) {
    const reduced = type === 'subject' ? SUBJECT_REDUCED : { nl: '', en: '' };
    return {
      recordType: type,
      rules: [],
      text: {
        nl: `${what.nl}: geen eigen bewaarregel; bewaard zolang de overige gegevens van de persoon${reduced.nl}`,
        en: `${what.en}: no retention rule of its own; kept as long as the person's other records${reduced.en}`,
      },
    };
  }
  const parts = [
    ...direct.map((r) => periodWords(r)),
    ...linked.map((r) => {
      const via = RECORD_WORDS[r.records[0] as RecordType];
      const words = periodWords(r);
      return { nl: `bij een ${via.nl}: ${words.nl}`, en: `when linked to ${article(via.en)} ${via.en}: ${words.en}` };
    }),
  ];
  const longest =
    parts.length > 1 ? { nl: '; de langste termijn geldt', en: '; the longest period applies' } : { nl: '', en: '' };
  const notes = [...new Set(direct.map((r) => r.from))].flatMap((from) =>
    Object.hasOwn(DATE_NOTES, from) ? [DATE_NOTES[from] as Text] : [],
  );
  return {
    recordType: type,
    rules: [...direct, ...linked].map((r) => r.id),
    text: {
      nl: `${what.nl}: ${parts.map((p) => p.nl).join('; ')}${longest.nl}${notes.map((n) => `; ${n.nl}`).join('')}`,
      en: `${what.en}: ${parts.map((p) => p.en).join('; ')}${longest.en}${notes.map((n) => `; ${n.en}`).join('')}`,
    },
  };
}

/** What a date a rule counts from means where the record does not store it (src/retention/period-starts.ts). */
const DATE_NOTES: Record<string, Text> = {
  end_date: {
    nl: 'een afgewezen of geannuleerde offerte of overeenkomst eindigt op de dag van afwijzing of annulering, een offerte of overeenkomst die niet werd verstuurd of niet werd beantwoord en een geaccepteerde offerte zonder einddatum op de dag van de laatste wijziging; een lopende overeenkomst wordt bewaard zolang die loopt',
    en: 'a rejected or cancelled quote or agreement ends on the day it was rejected or cancelled, a quote or agreement that was not sent or not answered and an accepted quote without an end date on the day of its last change; a running agreement is kept as long as it runs',
  },
  end_of_relationship: {
    nl: 'de klantrelatie eindigt met de laatste overeenkomst, offerte, factuur of vraag van de persoon, of met de intrekking als die later is (bewijs van de toestemming, art. 7 lid 1 AVG)',
    en: "the customer relationship ends with the person's last agreement, quote, invoice or question, or with the withdrawal if that is later (proof of consent, Art. 7(1) GDPR)",
  },
};

/** P3: once only invoices are left, the sweep keeps of the person only what they need (src/retention/reduction.ts). */
const SUBJECT_REDUCED: Text = {
  nl: '; zijn alleen nog facturen over, dan worden e-mailadres, telefoonnummer en adressen gewist en blijven naam en klantkenmerk',
  en: '; once only invoices are left, the e-mail address, phone number and addresses are erased and the name and customer reference kept',
};

function periodWords(rule: Rule): Text {
  const period = parsePeriod(rule.period);
  const from = DATE_WORDS[rule.from] ?? { nl: rule.from, en: rule.from };
  const law = rule.legalObligation === undefined ? '' : ` (${rule.legalObligation})`;
  return {
    nl: `${describePeriod(period, 'nl')} na ${from.nl}${law}`,
    en: `${describePeriod(period, 'en')} after ${from.en}${law}`,
  };
}

const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'an' : 'a');

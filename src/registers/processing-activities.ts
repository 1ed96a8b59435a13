import { LEGAL_BASES, TRANSFER_MECHANISMS, termWords } from '../policy/dpv-terms.ts';
import type { Policy } from '../policy/policy.ts';
import { type PolicyDocument, RECORD_TYPES, type RecordType } from '../policy/policy.schema.ts';
import { describePeriod, parsePeriod } from '../retention/period.ts';
import { RECORD_WORDS } from '../retention/record-words.ts';
import { DATE_WORDS } from '../retention/retention-dates.ts';
import { insideEea } from './eea.ts';
import { ownActivities } from './own-activities.ts';
import type { ErasureLimit, ProcessingActivities, ProcessingActivity, StorageLocation, Transfer } from './processing-activities.schema.ts';
import type { Recipient } from './recipient.schema.ts';

type Text = { nl: string; en: string };
type Rule = PolicyDocument['retention'][number];

const DEFAULT_DATA_SUBJECTS: Text = { nl: 'klanten en contactpersonen van klanten', en: 'customers and contacts of customers' };

/** The storage locations of the policy (P6), with the words for each safeguard. */
export function storageLocations(policy: Policy): StorageLocation[] {
  return policy.document.storage.map((s) => ({
    id: s.id,
    provider: s.provider,
    region: s.region,
    insideEea: s.insideEea,
    safeguard: s.safeguard === undefined ? null : { term: s.safeguard, label: termWords(TRANSFER_MECHANISMS, s.safeguard) },
  }));
}

/**
 * The record of processing activities (Art. 30(1) GDPR): one activity per purpose of the policy, with the
 * recipients the register holds, followed by the processing Kluis does for the controller itself (requests,
 * staff accounts, the processing log, the breach register, backups). Generated, never edited by hand, so it
 * cannot drift from what Kluis does.
 */
export function buildProcessingActivities(policy: Policy, register: Recipient[], now = new Date()): ProcessingActivities {
  const d = policy.document;
  const storageTransfers: Transfer[] = storageLocations(policy)
    .filter((s) => !s.insideEea)
    .map((s) => ({ kind: 'storage', id: s.id, name: { nl: s.provider, en: s.provider }, destination: s.region, safeguard: s.safeguard }));
  const activities = Object.entries(d.purposes).map(([id, purpose]): ProcessingActivity => {
    const recipients = register.filter((r) => r.active && r.purpose === id);
    const recipientTransfers: Transfer[] = recipients
      .filter((r) => !insideEea(r.country))
      .map((r) => ({
        kind: 'recipient',
        id: r.id,
        name: r.name,
        destination: r.country,
        safeguard: r.transferMechanism === null ? null : { term: r.transferMechanism, label: termWords(TRANSFER_MECHANISMS, r.transferMechanism) },
      }));
    return {
      purpose: id,
      name: purpose.name,
      legalBasis: { term: purpose.legalBasis, label: termWords(LEGAL_BASES, purpose.legalBasis), reference: purpose.legalReference ?? null },
      dataSubjects: purpose.dataSubjects ?? DEFAULT_DATA_SUBJECTS,
      dataCategories: purpose.categories.map((c) => ({ id: c, label: Object.hasOwn(d.categories, c) ? (d.categories[c] as Text) : { nl: c, en: c } })),
      recipients: recipients.map((r) => ({ id: r.id, name: r.name, role: r.role, country: r.country, insideEea: insideEea(r.country), categories: r.categories })),
      transfers: [...storageTransfers, ...recipientTransfers],
      erasure: RECORD_TYPES.filter((t) => d.records[t].purposes.includes(id)).map((t) => erasureLimit(d, t)),
    };
  });
  return {
    generatedAt: now.toISOString(),
    controller: { name: d.controller.name, address: d.controller.address, email: d.controller.email, dpo: { title: d.controller.dpo.title, name: d.controller.dpo.name ?? null, email: d.controller.dpo.email } },
    activities: [...activities, ...ownActivities(storageTransfers, policy)],
    securityMeasures: d.security.map((s) => ({ id: s.id, description: s.description })),
  };
}

/** Art. 30(1)(f): how long a record type is kept, in words, including the rules that reach it through a linked record. */
export function erasureLimit(d: PolicyDocument, type: RecordType): ErasureLimit {
  const what = RECORD_WORDS[type];
  const direct = d.retention.filter((r) => r.records.includes(type));
  const linked = d.retention.filter((r) => r.linked?.includes(type) === true);
  if (direct.length === 0 && linked.length === 0) {
    return {
      recordType: type,
      rules: [],
      text: { nl: `${what.nl}: geen eigen bewaarregel; bewaard zolang de overige gegevens van de persoon`, en: `${what.en}: no retention rule of its own; kept as long as the person's other records` },
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
  const longest = parts.length > 1 ? { nl: '; de langste termijn geldt', en: '; the longest period applies' } : { nl: '', en: '' };
  return {
    recordType: type,
    rules: [...direct, ...linked].map((r) => r.id),
    text: {
      nl: `${what.nl}: ${parts.map((p) => p.nl).join('; ')}${longest.nl}`,
      en: `${what.en}: ${parts.map((p) => p.en).join('; ')}${longest.en}`,
    },
  };
}

function periodWords(rule: Rule): Text {
  const period = parsePeriod(rule.period);
  const from = DATE_WORDS[rule.from] ?? { nl: rule.from, en: rule.from };
  const law = rule.legalObligation === undefined ? '' : ` (${rule.legalObligation})`;
  return { nl: `${describePeriod(period, 'nl')} na ${from.nl}${law}`, en: `${describePeriod(period, 'en')} after ${from.en}${law}` };
}

const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'an' : 'a');

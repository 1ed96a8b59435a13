import { randomUUID } from 'node:crypto';
import { disclosureLog } from './disclosure-log.ts';
import { type Paragraph, letter } from '../mail/letters.ts';
import { enqueueMail } from '../mail/outbox.repository.ts';
import type { Policy } from '../policy/policy.ts';
import * as subjects from '../subjects/subject.repository.ts';
import { insertNotice } from './recipient-notice.repository.ts';
import type { Executor } from '../db/executor.ts';
import type { Lang } from '../shared/lang.ts';

/** What Art. 19 passes on to recipients. */
export type { NoticeKind } from '../db/vocabulary.ts';
import type { NoticeKind } from '../db/vocabulary.ts';

/** A recipient of the register (the company of it, where the register names one) that received this person's data, with every category it received. */
export interface DisclosedRecipient {
  id: string;
  /** The company of the category the data went to; null (or absent) when the category names none. */
  companyId?: string | null | undefined;
  name: { nl: string; en: string };
  country: string;
  contactEmail: string | null;
  /** The data categories released to this recipient, over all its disclosures. */
  categories: string[];
}

/** Who received a person's data, from the disclosure log. */
export type DisclosureSource = (db: Executor, subjectId: string) => Promise<DisclosedRecipient[]>;

/** A rectification's new values by data category (Art. 16), as the recipient is to be told them. */
export type RectifiedValues = Partial<Record<string, string>>;

const WORDS: Record<NoticeKind, { nl: string; en: string }> = {
  rectification: { nl: 'gerectificeerd of aangevuld', en: 'rectified or completed' },
  erasure: { nl: 'gewist', en: 'erased' },
  restriction: { nl: 'beperkt in hun verwerking', en: 'restricted in their processing' },
};

// The categories by which a recipient can find the person in its own files, in the order a reader looks for them.
const IDENTIFYING = [
  'user.name',
  'user.account.reference',
  'user.contact.email',
  'user.contact.phone_number',
  'user.contact.address',
] as const;

/**
 * Art. 19: tells every recipient that received the person's data of a rectification, erasure or restriction.
 * Only what the recipient received is mentioned (Art. 5(1)(c)): the person is identified by the data the
 * recipient already has, a rectification goes only to a recipient that received a changed category and gives it
 * the new value of that category alone. Writes a recipient_notices row per recipient and, when the register has
 * its e-mail address, a letter (salutation, sender) in the outbox, in the caller's transaction. A recipient
 * without an address gets a row with a note, so staff tell it another way (or record that this proves impossible,
 * as Art. 19 allows). Call it before the change is made: the identification uses the data as the recipient has it.
 */
export async function queueRecipientNotices(
  trx: Executor,
  subjectId: string,
  kind: NoticeKind,
  requestId: string | null,
  at: string,
  deps: { policy: Policy; disclosures?: DisclosureSource },
  rectified: RectifiedValues = {},
): Promise<string[]> {
  // By default the disclosure log (src/disclosures/disclosure-log.ts): each recipient that received the data, once.
  const all = await (deps.disclosures ?? disclosureLog)(trx, subjectId);
  const recipients = kind === 'rectification' ? all.filter((r) => r.categories.some((c) => rectified[c] !== undefined)) : all;
  if (recipients.length === 0) return [];
  const known = await identifyingValues(trx, subjectId);
  const ids: string[] = [];
  for (const recipient of recipients) {
    const id = randomUUID();
    let outboxId: string | null = null;
    if (recipient.contactEmail !== null) {
      // Dutch for a Dutch recipient, English for any other.
      const lang: Lang = recipient.country.toUpperCase() === 'NL' ? 'nl' : 'en';
      const mail = noticeLetter(deps.policy, lang, kind, recipient, known, rectified);
      outboxId = await enqueueMail(trx, {
        createdAt: at,
        ...mail,
        kind: 'recipient_notice',
        to: recipient.contactEmail,
        language: lang,
        related: { type: 'recipient_notice', id },
        subjectId,
      });
    }
    await insertNotice(trx, {
      id,
      request_id: requestId,
      subject_id: subjectId,
      recipient_id: recipient.id,
      company_id: recipient.companyId ?? null,
      kind,
      created_at: at,
      outbox_id: outboxId,
      status: 'queued',
      note: outboxId === null ? 'The register has no e-mail address for this recipient: tell them another way' : null,
      resolved_at: null,
      resolved_by: null,
      resolution: null,
    });
    ids.push(id);
  }
  return ids;
}

/** The person's identifying values by category, as they are now (before the change). */
async function identifyingValues(db: Executor, subjectId: string): Promise<Partial<Record<string, string>>> {
  const person = await subjects.getById(db, subjectId);
  if (person === undefined) return {};
  const [address] = await subjects.listAddresses(db, subjectId);
  return {
    'user.name': `${person.first_name} ${person.last_name}`.trim(),
    'user.account.reference': person.reference,
    ...(person.email === null ? {} : { 'user.contact.email': person.email }),
    ...(person.phone === null ? {} : { 'user.contact.phone_number': person.phone }),
    ...(address === undefined ? {} : { 'user.contact.address': `${address.street}, ${address.postal_code} ${address.city}` }),
  };
}

/** The letter to one recipient: who, what happened to which of the data it received, and what we ask of it. */
function noticeLetter(
  policy: Policy,
  lang: Lang,
  kind: NoticeKind,
  recipient: DisclosedRecipient,
  known: Partial<Record<string, string>>,
  rectified: RectifiedValues,
) {
  const nl = lang === 'nl';
  const { controller } = policy.document;
  const words = (c: string) => policy.document.categories[c]?.[lang] ?? c;
  const identifiers = IDENTIFYING.filter((c) => recipient.categories.includes(c) && known[c] !== undefined).map(
    (c) => `${words(c)}: ${known[c] ?? ''}`,
  );
  const who: Paragraph =
    identifiers.length > 0
      ? { list: identifiers }
      : nl
        ? 'de persoon van wie wij u eerder gegevens verstrekten (zie uw eigen administratie van wat u van ons ontving)'
        : 'the person whose data we gave you before (see your own records of what you received from us)';
  const received = recipient.categories.map(words);
  const what: Paragraph[] =
    kind === 'rectification'
      ? [
          nl
            ? 'Op verzoek van deze persoon zijn de volgende gegevens die wij u verstrekten gecorrigeerd of aangevuld. De juiste gegevens zijn nu:'
            : "At this person's request, the following data we gave you have been corrected or completed. The correct data are now:",
          {
            list: recipient.categories
              .filter((c) => rectified[c] !== undefined)
              .map((c) => `${words(c)}: ${rectified[c] === '' ? (nl ? '(verwijderd)' : '(removed)') : (rectified[c] ?? '')}`),
          },
          nl ? 'Wij vragen u deze gegevens ook bij u te corrigeren.' : 'Please correct these data in your records too.',
        ]
      : kind === 'erasure'
        ? [
            nl
              ? `Op verzoek van deze persoon hebben wij de gegevens gewist die wij u verstrekten: ${received.join(', ')}.`
              : `At this person's request we have erased the data we gave you: ${received.join(', ')}.`,
            nl
              ? 'Wij vragen u deze gegevens ook te wissen, tenzij de wet u verplicht ze te bewaren.'
              : 'Please erase these data too, unless the law obliges you to keep them.',
          ]
        : [
            nl
              ? `Op verzoek van deze persoon is de verwerking beperkt van de gegevens die wij u verstrekten: ${received.join(', ')} (art. 18 AVG).`
              : `At this person's request, the processing of the data we gave you is restricted: ${received.join(', ')} (Art. 18 GDPR).`,
            nl
              ? 'Wij vragen u deze gegevens alleen nog te bewaren en niet anders te gebruiken, tot wij u laten weten dat de beperking is opgeheven.'
              : 'Please only store these data and use them in no other way, until we tell you that the restriction has been lifted.',
          ];
  return letter(policy, lang, {
    title: nl ? `Gegevens ${WORDS[kind].nl} (art. 19 AVG)` : `Personal data ${WORDS[kind].en} (Art. 19 GDPR)`,
    paragraphs: [
      nl
        ? `U ontving van ${controller.name} persoonsgegevens van deze persoon:`
        : `You received personal data of this person from ${controller.name}:`,
      who,
      ...what,
      nl
        ? `Wilt u bevestigen dat u dit heeft gedaan aan ${controller.dpo.email}? Zo voldoen wij samen aan art. 19 AVG.`
        : `Please confirm to ${controller.dpo.email} that you have done so. That way we meet Art. 19 GDPR together.`,
    ],
  });
}

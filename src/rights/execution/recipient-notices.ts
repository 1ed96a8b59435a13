import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import { disclosureLog } from '../../disclosures/disclosure-log.ts';
import { enqueueMail } from '../../mail/outbox.repository.ts';
import type { Policy } from '../../policy/policy.ts';
import { getContact, insertNotice } from './rights-records.repository.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** What Art. 19 passes on to recipients. */
export type NoticeKind = 'rectification' | 'erasure' | 'restriction';

/** A recipient of the register that received this person's data. */
export interface DisclosedRecipient {
  id: string;
  name: { nl: string; en: string };
  country: string;
  contactEmail: string | null;
}

/** Who received a person's data, from the disclosure log. */
export type DisclosureSource = (db: Executor, subjectId: string) => Promise<DisclosedRecipient[]>;


const WORDS: Record<NoticeKind, { nl: string; en: string }> = {
  rectification: { nl: 'gerectificeerd of aangevuld', en: 'rectified or completed' },
  erasure: { nl: 'gewist', en: 'erased' },
  restriction: { nl: 'beperkt in hun verwerking', en: 'restricted in their processing' },
};

/**
 * Art. 19: tells every recipient that received the person's data of a rectification, erasure or restriction.
 * Writes a recipient_notices row per recipient and, when the register has its e-mail address, a message in
 * the outbox, in the caller's transaction. A recipient without an address gets a row with a note, so staff
 * tell it another way (or record that this proves impossible, as Art. 19 allows). Returns the notice ids.
 * Call it before an erasure deletes the subject: the notice names the person by name and reference.
 */
export async function queueRecipientNotices(
  trx: Executor,
  subjectId: string,
  kind: NoticeKind,
  requestId: string | null,
  deps: { policy: Policy; disclosures?: DisclosureSource },
): Promise<string[]> {
  // By default the disclosure log (src/disclosures/disclosure-log.ts): each recipient that received the data, once.
  const recipients = await (deps.disclosures ?? disclosureLog)(trx, subjectId);
  if (recipients.length === 0) return [];
  const person = await getContact(trx, subjectId);
  const who = person === undefined ? subjectId : `${person.first_name} ${person.last_name} (${person.reference})`;
  const { controller } = deps.policy.document;
  const ids: string[] = [];
  for (const recipient of recipients) {
    const id = randomUUID();
    const now = new Date().toISOString();
    let outboxId: string | null = null;
    if (recipient.contactEmail !== null) {
      // Dutch for a Dutch recipient, English for any other.
      const language = recipient.country.toUpperCase() === 'NL' ? 'nl' : 'en';
      outboxId = await enqueueMail(trx, {
        kind: 'recipient_notice',
        to: recipient.contactEmail,
        language,
        title: language === 'nl' ? `Gegevens ${WORDS[kind].nl} (art. 19 AVG)` : `Personal data ${WORDS[kind].en} (Art. 19 GDPR)`,
        text:
          language === 'nl'
            ? `Op verzoek van de betrokkene zijn de persoonsgegevens van ${who} die ${controller.name} aan u verstrekte ${WORDS[kind].nl}. ` +
              `Wij vragen u hetzelfde te doen en dit te bevestigen aan ${controller.dpo.email} (art. 19 AVG).`
            : `At the request of the data subject, the personal data of ${who} that ${controller.name} gave you have been ${WORDS[kind].en}. ` +
              `Please do the same and confirm this to ${controller.dpo.email} (Art. 19 GDPR).`,
        related: { type: 'recipient_notice', id },
        subjectId,
      });
    }
    await insertNotice(trx, {
      id,
      request_id: requestId,
      subject_id: subjectId,
      recipient_id: recipient.id,
      kind,
      created_at: now,
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

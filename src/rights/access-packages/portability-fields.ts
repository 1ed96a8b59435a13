import type { AttachmentSummaryRow } from '../../cases/case.repository.ts';
import type { AddressRow, AgreementRow, CaseRow, MessageRow, SubjectRow } from '../../db/types.ts';
import type { RecordType } from '../../policy/policy.ts';
import { attachmentPath } from './access-data.ts';

type Words = { nl: string; en: string };

/** One field of the portability package: its name in data.json and in the CSV header, its category, what it means. */
export interface PortableField<Row> {
  name: string;
  category: string;
  words: Words;
  value: (row: Row) => string | null;
}

/** One table of the package: a list in data.json and a CSV file, of rows of one record type. */
export interface PortableTable<Row> {
  key: 'person' | 'addresses' | 'agreements' | 'messages' | 'attachments';
  recordType: RecordType;
  words: Words;
  fields: PortableField<Row>[];
}

export type MessageOfCase = { message: MessageRow; case: CaseRow };

const field = <Row>(
  name: string,
  category: string,
  nl: string,
  en: string,
  value: (row: Row) => string | null,
): PortableField<Row> => ({ name, category, words: { nl, en }, value });

const NAME = 'user.name';
const ADDRESS = 'user.contact.address';
const CONTRACT = 'user.contract';
const CORRESPONDENCE = 'user.correspondence';

/**
 * The tables and fields of the portability package (Art. 20(1): structured, commonly used, machine-readable),
 * each named and explained once: the package's README is written from them, so every field is documented.
 */
export const PERSON: PortableTable<SubjectRow> = {
  key: 'person',
  recordType: 'subject',
  words: { nl: 'uw naam en contactgegevens', en: 'your name and contact details' },
  fields: [
    field(
      'customerReference',
      'user.account.reference',
      'uw klantkenmerk bij ons',
      'your customer reference with us',
      (s) => s.reference,
    ),
    field('firstName', NAME, 'uw voornaam', 'your first name', (s) => s.first_name),
    field('lastName', NAME, 'uw achternaam', 'your last name', (s) => s.last_name),
    field('email', 'user.contact.email', 'uw e-mailadres', 'your e-mail address', (s) => s.email),
    field('phone', 'user.contact.phone_number', 'uw telefoonnummer', 'your phone number', (s) => s.phone),
  ],
};

export const ADDRESSES: PortableTable<AddressRow> = {
  key: 'addresses',
  recordType: 'subject',
  words: { nl: 'uw adressen', en: 'your addresses' },
  fields: [
    field(
      'kind',
      ADDRESS,
      'soort adres: "postal" (postadres), "billing" (factuuradres) of "delivery" (afleveradres)',
      'kind of address: "postal", "billing" or "delivery"',
      (a) => a.kind,
    ),
    field('street', ADDRESS, 'straat en huisnummer', 'street and number', (a) => a.street),
    field('postalCode', ADDRESS, 'postcode', 'postal code', (a) => a.postal_code),
    field('city', ADDRESS, 'plaats', 'city', (a) => a.city),
    field(
      'country',
      ADDRESS,
      'land, als tweeletterige landcode (ISO 3166)',
      'country, as a two-letter country code (ISO 3166)',
      (a) => a.country,
    ),
  ],
};

export const AGREEMENTS: PortableTable<AgreementRow> = {
  key: 'agreements',
  recordType: 'agreement',
  words: { nl: 'uw overeenkomsten en offertes', en: 'your agreements and quotes' },
  fields: [
    field('kind', CONTRACT, '"agreement" (overeenkomst) of "quote" (offerte)', '"agreement" or "quote"', (a) => a.kind),
    field('title', CONTRACT, 'waar de overeenkomst of offerte over gaat', 'what the agreement or quote is about', (a) => a.title),
    field(
      'status',
      CONTRACT,
      'de stand van zaken: "draft" (concept), "sent" (verstuurd), "accepted" (aanvaard), "rejected" (afgewezen), "active" (lopend), "ended" (afgelopen) of "cancelled" (geannuleerd)',
      'where it stands: "draft", "sent", "accepted", "rejected", "active", "ended" or "cancelled"',
      (a) => a.status,
    ),
    field('startDate', CONTRACT, 'begindatum (JJJJ-MM-DD)', 'start date (YYYY-MM-DD)', (a) => a.start_date),
    field('endDate', CONTRACT, 'einddatum (JJJJ-MM-DD)', 'end date (YYYY-MM-DD)', (a) => a.end_date),
  ],
};

export const MESSAGES: PortableTable<MessageOfCase> = {
  key: 'messages',
  recordType: 'message',
  words: { nl: 'de berichten die u ons stuurde', en: 'the messages you sent us' },
  fields: [
    field(
      'id',
      CORRESPONDENCE,
      'kenmerk van het bericht, waarnaar de bijlagen verwijzen',
      'identifier of the message, which the attachments refer to',
      (m) => m.message.id,
    ),
    field(
      'caseReference',
      CORRESPONDENCE,
      'het kenmerk van de vraag of zaak waarover u schreef',
      'the reference of the question or case you wrote about',
      (m) => m.case.reference,
    ),
    field(
      'channel',
      CORRESPONDENCE,
      'hoe het bericht kwam: "email" (e-mail), "letter" (brief), "phone" (telefoon), "portal" (onze website) of "in_person" (persoonlijk)',
      'how the message came: "email", "letter", "phone", "portal" or "in_person"',
      (m) => m.message.channel,
    ),
    field(
      'sentAt',
      CORRESPONDENCE,
      'wanneer u het stuurde (ISO 8601, UTC)',
      'when you sent it (ISO 8601, UTC)',
      (m) => m.message.occurred_at,
    ),
    field(
      'from',
      'user.contact.email',
      'het adres waarvandaan u schreef',
      'the address you wrote from',
      (m) => m.message.from_address,
    ),
    field('subject', CORRESPONDENCE, 'het onderwerp', 'the subject', (m) => m.message.title),
    field('text', CORRESPONDENCE, 'de tekst van het bericht', 'the text of the message', (m) => m.message.body),
  ],
};

export const ATTACHMENTS: PortableTable<AttachmentSummaryRow> = {
  key: 'attachments',
  recordType: 'message',
  words: { nl: 'de bijlagen van die berichten', en: 'the attachments of those messages' },
  fields: [
    field(
      'messageId',
      CORRESPONDENCE,
      'het bericht waar de bijlage bij hoort (zijn "id")',
      'the message the attachment belongs to (its "id")',
      (a) => a.message_id,
    ),
    field('filename', CORRESPONDENCE, 'de naam van het bestand', 'the name of the file', (a) => a.filename),
    field('contentType', CORRESPONDENCE, 'het soort bestand (MIME-type)', 'the type of file (MIME type)', (a) => a.content_type),
    field('file', CORRESPONDENCE, 'waar het bestand in dit pakket staat', 'where the file is in this package', (a) =>
      attachmentPath(a.id, a.filename),
    ),
  ],
};

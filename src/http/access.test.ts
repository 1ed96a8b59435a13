import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { PASSWORD, startTestApp, type TestApp } from '../../test/harness.ts';
import { CONSENT_PURPOSE, withConsentPurpose } from '../../test/policies.ts';
import { cliActor } from '../guard/actor.ts';
import { enqueueMail } from '../mail/outbox.repository.ts';
import { execute, newRequest } from '../../test/support/executions.ts';
import { addDays, businessToday } from '../shared/business-day.ts';

type Who = 'anonymous' | 'staff' | 'accountant' | 'dpo';
type Rule = Record<Who, boolean>;

const EVERYONE: Rule = { anonymous: true, staff: true, accountant: true, dpo: true };
const SIGNED_IN: Rule = { anonymous: false, staff: true, accountant: true, dpo: true };
const STAFF_AND_DPO: Rule = { anonymous: false, staff: true, accountant: false, dpo: true };
const DPO_ONLY: Rule = { anonymous: false, staff: false, accountant: false, dpo: true };

/**
 * Who may use each route: least privilege, "alleen de noodzakelijke personen" (BEVEILIGING). Every route
 * of the OpenAPI document must be here; a new route without a line fails the test below.
 */
const ACCESS: Record<string, Rule> = {
  'GET /healthz': EVERYONE,
  'GET /readyz': EVERYONE,
  'POST /api/session': EVERYONE,
  'GET /api/session': SIGNED_IN,
  // Everyone signed in keeps their own account: password, second factor, recovery codes.
  'GET /api/account': SIGNED_IN,
  'POST /api/account/password': SIGNED_IN,
  'POST /api/account/second-factor': SIGNED_IN,
  'POST /api/account/second-factor/confirm': SIGNED_IN,
  'POST /api/account/second-factor/recovery-codes': SIGNED_IN,
  // Each their own reminders, and a start page of what their role does (issue 19, part 4).
  'GET /api/account/reminders': SIGNED_IN,
  'PUT /api/account/reminders': SIGNED_IN,
  'GET /api/start': SIGNED_IN,
  // API tokens act with a role; creating them is managing accounts.
  'GET /api/tokens': DPO_ONLY,
  'POST /api/tokens': DPO_ONLY,
  'POST /api/tokens/{id}/revoke': DPO_ONLY,
  'GET /api/users': DPO_ONLY,
  'POST /api/users': DPO_ONLY,
  'POST /api/users/{id}/disable': DPO_ONLY,
  'POST /api/users/{id}/invitation': DPO_ONLY,
  // The invited person has no account to sign in with yet: the token of the mail is the proof.
  'POST /api/invitations/accept': EVERYONE,
  'POST /api/subjects': STAFF_AND_DPO,
  'GET /api/subjects': STAFF_AND_DPO,
  'GET /api/subjects/{id}': STAFF_AND_DPO,
  'PATCH /api/subjects/{id}': STAFF_AND_DPO,
  'GET /api/subjects/{id}/records': STAFF_AND_DPO,
  // Organisations as customers (issue 20): customer records, so as a person's.
  'POST /api/organisations': STAFF_AND_DPO,
  'GET /api/organisations': STAFF_AND_DPO,
  'GET /api/customers': STAFF_AND_DPO,
  'GET /api/organisations/{id}': STAFF_AND_DPO,
  'PATCH /api/organisations/{id}': STAFF_AND_DPO,
  'POST /api/organisations/{id}/contacts': STAFF_AND_DPO,
  'PATCH /api/organisations/{id}/contacts/{subjectId}': STAFF_AND_DPO,
  'DELETE /api/organisations/{id}/contacts/{subjectId}': DPO_ONLY,
  'POST /api/organisations/{id}/agreements': STAFF_AND_DPO,
  'POST /api/organisations/{id}/invoices': STAFF_AND_DPO,
  // Import and export of customer data (issue 20, part 3): importing is collecting customers; exporting all is the dpo's.
  'POST /api/imports': STAFF_AND_DPO,
  'GET /api/export': DPO_ONLY,
  'POST /api/subjects/{id}/agreements': STAFF_AND_DPO,
  'GET /api/subjects/{id}/agreements': STAFF_AND_DPO,
  'GET /api/agreements/{id}': STAFF_AND_DPO,
  'PATCH /api/agreements/{id}': STAFF_AND_DPO,
  // The accountant reads fiscal records, and nothing else.
  'POST /api/subjects/{id}/invoices': STAFF_AND_DPO,
  'GET /api/subjects/{id}/invoices': SIGNED_IN,
  'GET /api/invoices': SIGNED_IN,
  'GET /api/invoices/{id}': SIGNED_IN,
  'PATCH /api/invoices/{id}': STAFF_AND_DPO,
  // Deleting a draft is an erasure, which the policy leaves to the dpo.
  'DELETE /api/invoices/{id}': DPO_ONLY,
  'POST /api/invoices/{id}/issue': STAFF_AND_DPO,
  'POST /api/invoices/{id}/credit': STAFF_AND_DPO,
  // Invoices that go out: reading them is the accountant's too; mailing one reads the customer's address.
  'GET /api/invoices/overdue': SIGNED_IN,
  'GET /api/invoices/{id}/pdf': SIGNED_IN,
  'GET /api/invoices/{id}/ubl': SIGNED_IN,
  'POST /api/invoices/{id}/send': STAFF_AND_DPO,
  'POST /api/invoices/{id}/reminders': STAFF_AND_DPO,
  'GET /api/invoices/{id}/payments': SIGNED_IN,
  'POST /api/invoices/{id}/payments': STAFF_AND_DPO,
  'POST /api/subjects/{id}/cases': STAFF_AND_DPO,
  'GET /api/subjects/{id}/cases': STAFF_AND_DPO,
  'GET /api/cases': STAFF_AND_DPO,
  'GET /api/cases/{id}': STAFF_AND_DPO,
  'POST /api/cases/{id}/close': STAFF_AND_DPO,
  'POST /api/cases/{id}/reopen': STAFF_AND_DPO,
  'POST /api/cases/{id}/messages': STAFF_AND_DPO,
  'POST /api/cases/{id}/messages/eml': STAFF_AND_DPO,
  'GET /api/attachments/{id}': STAFF_AND_DPO,
  'POST /api/subjects/{id}/consents': STAFF_AND_DPO,
  'GET /api/subjects/{id}/consents': STAFF_AND_DPO,
  'POST /api/consents/{id}/withdraw': STAFF_AND_DPO,
  'GET /api/processing-log': DPO_ONLY,
  'GET /api/subjects/{id}/processing-log': DPO_ONLY,
  'GET /api/processing-log/verify': DPO_ONLY,
  'GET /api/processing-log/export': DPO_ONLY,
  // The registers are not personal data: every signed-in role reads them; the dpo keeps them.
  'GET /api/registers/recipients': SIGNED_IN,
  'POST /api/registers/recipients': DPO_ONLY,
  'GET /api/registers/recipients/{id}': SIGNED_IN,
  'PATCH /api/registers/recipients/{id}': DPO_ONLY,
  'POST /api/registers/recipients/{id}/retire': DPO_ONLY,
  'POST /api/registers/recipients/{id}/reactivate': DPO_ONLY,
  'POST /api/registers/recipients/{id}/agreements': DPO_ONLY,
  'POST /api/registers/recipients/{id}/companies': DPO_ONLY,
  'PATCH /api/registers/recipients/{id}/companies/{companyId}': DPO_ONLY,
  'POST /api/registers/recipients/{id}/companies/{companyId}/retire': DPO_ONLY,
  'POST /api/registers/recipients/{id}/companies/{companyId}/reactivate': DPO_ONLY,
  'POST /api/registers/recipients/{id}/companies/{companyId}/agreements': DPO_ONLY,
  'GET /api/registers/storage': SIGNED_IN,
  // The dpo gives the Art. 30 register to the supervisor (Art. 30(4)); the linter speaks to the dpo.
  'GET /api/registers/processing-activities': DPO_ONLY,
  'GET /api/policy/categories': SIGNED_IN,
  'GET /api/policy/labels': SIGNED_IN,
  'GET /api/policy/findings': DPO_ONLY,
  // The statement is published by the dpo; its public pages (/privacy) are outside the API and the document.
  'POST /api/statement/publish': DPO_ONLY,
  'GET /api/statement/versions': SIGNED_IN,
  'GET /api/statement/preview': DPO_ONLY,
  // Staff read the letters that wait when no SMTP server is configured; the dpo puts a given-up one back.
  'GET /api/outbox': STAFF_AND_DPO,
  'GET /api/outbox/{id}': STAFF_AND_DPO,
  'POST /api/outbox/{id}/retry': DPO_ONLY,
  // The triage inbox of the mailbox: staff assign and register mail; discarding it is an erasure, the dpo's.
  'GET /api/mail/inbox': STAFF_AND_DPO,
  'GET /api/mail/inbox/{id}': STAFF_AND_DPO,
  'GET /api/mail/inbox/{id}/attachments/{attachmentId}': STAFF_AND_DPO,
  'POST /api/mail/inbox/{id}/assign': STAFF_AND_DPO,
  'POST /api/mail/inbox/{id}/register': STAFF_AND_DPO,
  'POST /api/mail/inbox/{id}/discard': DPO_ONLY,
  // Requests of data subjects: staff register, verify and extend them; the dpo decides on rights and answers
  // them (staff answer questions and complaints, but the fixture is a right). The portal's routes are public.
  'GET /api/requests': STAFF_AND_DPO,
  'POST /api/requests': STAFF_AND_DPO,
  'GET /api/requests/{id}': STAFF_AND_DPO,
  'POST /api/requests/{id}/verification-code': STAFF_AND_DPO,
  'POST /api/requests/{id}/verify': STAFF_AND_DPO,
  'POST /api/requests/{id}/extend': STAFF_AND_DPO,
  'POST /api/requests/{id}/decision': DPO_ONLY,
  'POST /api/requests/{id}/answer': DPO_ONLY,
  'POST /api/requests/{id}/unverifiable': DPO_ONLY,
  'POST /api/requests/{id}/messages/eml': STAFF_AND_DPO,
  'POST /api/requests/{id}/withdraw': STAFF_AND_DPO,
  'POST /api/requests/{id}/kind': STAFF_AND_DPO,
  'GET /api/requests/{id}/access-packages': DPO_ONLY,
  'GET /api/access-packages': DPO_ONLY,
  'POST /api/public/requests': EVERYONE,
  'GET /api/public/requests/{reference}': EVERYONE,
  'POST /api/public/requests/{reference}/verify': EVERYONE,
  'POST /api/public/requests/{reference}/resend': EVERYONE,
  // Carried-out rights: the dpo reviews and releases the access package, finds and lifts restrictions; the person
  // asks for the download code on the public side (the download itself is a page, outside the document).
  'GET /api/access-packages/{id}/content': DPO_ONLY,
  'POST /api/access-packages/{id}/release': DPO_ONLY,
  'GET /api/subjects/{id}/restrictions': DPO_ONLY,
  'GET /api/subjects/{id}/objections': DPO_ONLY,
  // The erasure before the decision (a dry run) and after it: the dpo's, who decides.
  'GET /api/requests/{id}/erasure-preview': DPO_ONLY,
  'GET /api/subjects/{id}/erasures': DPO_ONLY,
  'POST /api/restrictions/{id}/lift': DPO_ONLY,
  'POST /api/restrictions/{id}/keep': DPO_ONLY,
  // Legal holds (Art. 17(3)(e)) are the dpo's; so is the erasure ledger the backup restore replays.
  'POST /api/subjects/{id}/holds': DPO_ONLY,
  'GET /api/subjects/{id}/holds': DPO_ONLY,
  'POST /api/holds/{id}/release': DPO_ONLY,
  'GET /api/holds': DPO_ONLY,
  'GET /api/erasure-ledger': DPO_ONLY,
  'GET /api/retention/forecast': DPO_ONLY,
  'GET /api/retention/dry-run': DPO_ONLY,
  'GET /api/retention/dry-run/records': DPO_ONLY,
  'GET /api/retention/forecast/records': DPO_ONLY,
  'POST /api/retention/run': DPO_ONLY,
  // Disclosures (P7-P9): staff hand data to recipients of the register; a legal demand is the dpo's; the
  // fiscal export is the accountant's (and the dpo's); the dpo judges an Art. 19 notice impossible.
  'POST /api/subjects/{id}/disclosures': STAFF_AND_DPO,
  'GET /api/subjects/{id}/disclosures': STAFF_AND_DPO,
  'POST /api/subjects/{id}/legal-demands': DPO_ONLY,
  // The disclosures of every customer awaiting their advance notice: the dpo's overview, as the Art. 19 notices are.
  'GET /api/disclosures': DPO_ONLY,
  'GET /api/disclosures/{id}': STAFF_AND_DPO,
  'POST /api/disclosures/{id}/release': STAFF_AND_DPO,
  'POST /api/disclosures/{id}/cancel': STAFF_AND_DPO,
  'GET /api/disclosures/{id}/export': STAFF_AND_DPO,
  'POST /api/fiscal-exports': { anonymous: false, staff: false, accountant: true, dpo: true },
  'GET /api/subjects/{id}/recipient-notices': STAFF_AND_DPO,
  'GET /api/recipient-notices': DPO_ONLY,
  'POST /api/recipient-notices/{id}/confirm': STAFF_AND_DPO,
  'POST /api/recipient-notices/{id}/impossible': DPO_ONLY,
  // The breach register (Art. 33(5)) and the self-check of the security measures are the dpo's.
  'POST /api/breaches': DPO_ONLY,
  'GET /api/breaches': DPO_ONLY,
  'GET /api/breaches/{id}': DPO_ONLY,
  'PATCH /api/breaches/{id}': DPO_ONLY,
  'POST /api/breaches/{id}/notifications': DPO_ONLY,
  'POST /api/breaches/{id}/exemption': DPO_ONLY,
  'POST /api/breaches/{id}/letters': DPO_ONLY,
  // Evidence of a breach (scanned before it is stored) is part of the register.
  'POST /api/breaches/{id}/evidence': DPO_ONLY,
  'GET /api/breaches/{id}/evidence': DPO_ONLY,
  'GET /api/breach-evidence/{id}': DPO_ONLY,
  'GET /api/self-checks': DPO_ONLY,
  // The dashboard's plots: counts only; requests for those who handle them, deletions for the dpo (like the ledger).
  'GET /api/statistics/requests-per-month': STAFF_AND_DPO,
  'GET /api/statistics/deletions-per-month': DPO_ONLY,
  'POST /api/public/packages/{token}/code': EVERYONE,
  // Last: it ends the session the other requests use.
  'DELETE /api/session': EVERYONE,
};

const now = () => new Date().toISOString();

/** A body that passes validation, so a refusal can only come from the role. */
const BODIES: Record<string, () => unknown> = {
  'POST /api/session': () => ({ email: 'target@senict.test', password: PASSWORD }),
  'POST /api/users': () => ({
    email: `u${Math.random()}@senict.test`.replace('0.', ''),
    displayName: 'U',
    role: 'staff',
    password: PASSWORD,
  }),
  // A common new password: refused after the role and the current password passed, so no session ends.
  'POST /api/account/password': () => ({ currentPassword: PASSWORD, newPassword: 'password1234' }),
  'POST /api/users/{id}/invitation': () => ({ language: 'nl' }),
  'PUT /api/account/reminders': () => ({ language: 'nl' }),
  'POST /api/invitations/accept': () => ({ token: 'x'.repeat(43), password: 'a long and fresh passphrase' }),
  'POST /api/account/second-factor/confirm': () => ({ code: 'not-a-code' }),
  'POST /api/account/second-factor/recovery-codes': () => ({ code: 'not-a-code' }),
  'POST /api/tokens': () => ({ name: 'Boekhouding', role: 'accountant' }),
  'POST /api/subjects': () => ({ firstName: 'Access', lastName: 'Test' }),
  'POST /api/imports': () => 'reference,first_name,last_name\nACCESS-1,Access,Import\n',
  'POST /api/organisations': () => ({ name: 'Toegang B.V.', kind: 'legal_entity' }),
  'PATCH /api/organisations/{id}': () => ({ phone: '+31 30 000 0000' }),
  'POST /api/organisations/{id}/contacts': () => ({ person: { firstName: 'Access', lastName: 'Contact' }, role: 'inkoper' }),
  'PATCH /api/organisations/{id}/contacts/{subjectId}': () => ({ role: 'directeur' }),
  'POST /api/organisations/{id}/agreements': () => ({ kind: 'quote', title: 'Offerte' }),
  'POST /api/organisations/{id}/invoices': () => ({
    billing: { name: 'Toegang B.V.', street: 'Oudegracht 1', postalCode: '3511 AA', city: 'Utrecht', country: 'NL' },
    lines: [{ description: 'Uur', quantity: 1, unitPriceCents: 9500, vatRate: 21 }],
  }),
  'PATCH /api/subjects/{id}': () => ({ phone: '+31 30 000 0000' }),
  'POST /api/subjects/{id}/agreements': () => ({ kind: 'quote', title: 'Offerte' }),
  'PATCH /api/agreements/{id}': () => ({ title: 'Offerte 2' }),
  'POST /api/subjects/{id}/invoices': () => ({ lines: [{ description: 'Uur', quantity: 1, unitPriceCents: 9500, vatRate: 21 }] }),
  'PATCH /api/invoices/{id}': () => ({ reference: 'REF-1' }),
  'POST /api/invoices/{id}/payments': () => ({ paidOn: '2026-01-01', amountCents: 100 }),
  'POST /api/restrictions/{id}/lift': () => ({ reason: 'accuracy_verified', motivation: 'De gegevens zijn gecontroleerd.' }),
  'POST /api/subjects/{id}/cases': () => ({ kind: 'question', title: 'Vraag' }),
  'POST /api/cases/{id}/messages': () => ({ channel: 'email', direction: 'inbound', occurredAt: now(), body: 'Hallo' }),
  'POST /api/subjects/{id}/consents': () => ({ purpose: CONSENT_PURPOSE, givenAt: now(), method: 'email', evidence: 'mail' }),
  'POST /api/registers/recipients': () => ({
    id: `access-${String(Math.random()).slice(2, 10)}`,
    name: { nl: 'Toegang', en: 'Access' },
    role: 'controller',
    purposes: ['contract'],
    categories: ['user.name'],
    country: 'NL',
  }),
  'PATCH /api/registers/recipients/{id}': () => ({ country: 'BE' }),
  'POST /api/requests': () => ({
    kind: 'question',
    channel: 'email',
    receivedOn: now().slice(0, 10),
    name: 'Vraagsteller',
    email: 'vraag@example.nl',
    details: 'Hoe lang bewaren jullie facturen?',
  }),
  'POST /api/requests/{id}/verify': () => ({ method: 'known_contact', note: 'Bekende klant, telefonisch bevestigd' }),
  'POST /api/requests/{id}/extend': () => ({ months: 1, reason: 'Veel gegevens in veel systemen' }),
  'POST /api/requests/{id}/decision': () => ({ decision: 'refused', ground: 'Art. 12(5) AVG', motivation: 'Toegangstest' }),
  'POST /api/mail/inbox/{id}/assign': () => ({ caseId: '00000000-0000-4000-8000-000000000000' }),
  'POST /api/requests/{id}/answer': () => ({ text: 'Ons antwoord' }),
  'POST /api/requests/{id}/unverifiable': () => ({ note: 'Identiteit niet vast te stellen' }),
  'POST /api/requests/{id}/withdraw': () => ({ note: 'Telefonisch ingetrokken' }),
  'POST /api/requests/{id}/kind': () => ({ kind: 'question' }),
  'POST /api/mail/inbox/{id}/register': () => ({ kind: 'question' }),
  'POST /api/public/requests': () => ({
    kind: 'access',
    name: 'Publiek',
    email: `p${String(Math.random()).slice(2, 10)}@example.nl`,
  }),
  'POST /api/public/requests/{reference}/verify': () => ({ code: '123456' }),
  'POST /api/registers/recipients/{id}/agreements': () => ({ signedOn: '2026-01-01', documentReference: 'VWO-access' }),
  'POST /api/registers/recipients/{id}/companies': () => ({
    id: `access-${String(Math.random()).slice(2, 10)}`,
    legalName: 'Toegang B.V.',
    kvkNumber: '12345678',
    country: 'NL',
    role: 'processor',
  }),
  'PATCH /api/registers/recipients/{id}/companies/{companyId}': () => ({ legalName: 'Toegang Noord B.V.' }),
  'POST /api/registers/recipients/{id}/companies/{companyId}/agreements': () => ({
    signedOn: '2026-01-01',
    documentReference: 'VWO-access-company',
  }),
  'POST /api/subjects/{id}/holds': () => ({
    reason: 'Bewijs voor klacht',
    endsOn: addDays(businessToday(new Date()), 30),
  }),
  'POST /api/holds/{id}/release': () => ({ reason: 'Klacht ingetrokken' }),
  'POST /api/subjects/{id}/disclosures': () => ({
    recipientId: 'administratiekantoor',
    companyId: 'access-firm',
    categories: ['user.name'],
  }),
  'POST /api/subjects/{id}/legal-demands': () => ({
    authority: 'Politie',
    legalGround: 'art. 126nd Sv',
    reference: 'PL-1',
    categories: ['user.name'],
    suppressNotice: true,
    suppressionGround: 'art. 126nd lid 3 Sv',
  }),
  'POST /api/disclosures/{id}/cancel': () => ({ reason: 'Toegangstest' }),
  'POST /api/fiscal-exports': () => ({ from: now().slice(0, 10), to: now().slice(0, 10) }),
  'POST /api/recipient-notices/{id}/impossible': () => ({ reason: 'Toegangstest' }),
  'POST /api/breaches': () => ({
    becameAwareAt: now(),
    description: 'Toegangstest',
    subjectCategories: ['klanten'],
    dataCategories: ['user.name'],
    approxSubjects: 1,
    approxRecords: 1,
    consequences: 'Geen',
    measures: 'Geen',
    risk: 'high',
  }),
  'PATCH /api/breaches/{id}': () => ({ approxSubjects: 2 }),
  'POST /api/breaches/{id}/notifications': () => ({ phase: 'initial', notifiedAt: now(), reference: 'AP-toegang' }),
  'POST /api/breaches/{id}/exemption': () => ({ ground: 'encrypted', motivation: 'Versleuteld' }),
  'POST /api/breaches/{id}/evidence': () => ({
    filename: 'melding.txt',
    contentType: 'text/plain',
    contentBase64: Buffer.from('bewijs').toString('base64'),
  }),
  'POST /api/breaches/{id}/letters': () => ({
    subjectIds: ['00000000-0000-4000-8000-000000000000'],
    texts: { nl: { whatHappened: 'Test', consequences: 'Geen', measures: 'Geen' } },
  }),
};

/** Which fixture an `{id}` stands for: the resource at path segment 2, unless a prefix here says otherwise. */
const ID_KEYS: Record<string, string> = {
  '/api/registers/recipients/': 'recipients',
  '/api/breach-evidence/': 'breaches',
  '/api/mail/inbox/': 'inbox',
};
const idKey = (path: string): string =>
  Object.entries(ID_KEYS).find(([prefix]) => path.startsWith(prefix))?.[1] ?? path.split('/')[2] ?? '';

/** A content type other than JSON, for a route whose body is a file. */
const CONTENT_TYPES: Record<string, string> = { 'POST /api/imports': 'text/csv' };

const QUERIES: Record<string, string> = {
  'GET /api/subjects': '?q=access',
  'GET /api/organisations': '?q=toegang',
  'POST /api/imports': '?kind=persons&filename=toegang.csv&dryRun=true',
  'GET /api/invoices': '?from=2026-01-01&to=2026-12-31',
};

describe.each(DIALECTS)('who may use which route, on %s', (dialect) => {
  let t: TestApp;
  const cookies: Partial<Record<Who, string>> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(dialect, { policy: withConsentPurpose() });
    for (const role of ['staff', 'accountant', 'dpo'] as const) cookies[role] = await t.signIn(role);
    const actor = cliActor();
    const subject = await newSubject(t);
    ids.subjects = subject.id;
    ids.agreements = (await t.services.agreements.create(actor, subject.id, { kind: 'agreement', title: 'Beheer' })).id;
    ids.invoices = (
      await t.services.invoices.create(actor, subject.id, {
        lines: [{ description: 'Uur', quantity: 1, unitPriceCents: 100, vatRate: 21 }],
      })
    ).id;
    const opened = await t.services.cases.open(actor, subject.id, { kind: 'question', title: 'Vraag' });
    ids.cases = opened.id;
    const message = await t.services.cases.addMessage(actor, opened.id, {
      channel: 'email',
      direction: 'inbound',
      occurredAt: now(),
      body: 'Bijlage',
      attachments: [{ filename: 'a.txt', contentType: 'text/plain', contentBase64: Buffer.from('a').toString('base64') }],
    });
    ids.attachments = message.attachments[0]?.id ?? '';
    ids.consents = (
      await t.services.consents.record(actor, subject.id, {
        purpose: CONSENT_PURPOSE,
        givenAt: now(),
        method: 'written',
        evidence: 'getekend',
      })
    ).id;
    ids.recipients = (
      await t.services.recipients.create(actor, {
        id: 'access-processor',
        name: { nl: 'Verwerker', en: 'Processor' },
        role: 'processor',
        purposes: ['contract'],
        categories: ['user.name'],
        country: 'NL',
      })
    ).id;
    ids.companies =
      (
        await t.services.companies.add(actor, 'access-processor', {
          id: 'access-company',
          legalName: 'Verwerker B.V.',
          kvkNumber: '12345678',
          country: 'NL',
          role: 'processor',
        })
      ).companies[0]?.id ?? '';
    ids.users = (
      await t.services.users.add(actor, { email: 'target@senict.test', displayName: 'Target', role: 'staff', password: PASSWORD })
    ).id;
    ids.tokens = (await t.services.apiTokens.create(actor, { name: 'Toegangstest', role: 'staff' })).id;
    ids.requests = (
      await t.services.rights.intake.register(actor, {
        kind: 'access',
        channel: 'letter',
        receivedOn: now().slice(0, 10),
        name: 'Brief Schrijver',
        address: 'Oudegracht 1, Utrecht',
      })
    ).id;
    ids.outbox = await enqueueMail(t.database.db, {
      createdAt: new Date().toISOString(),
      kind: 'access',
      to: subject.email ?? 'a@example.nl',
      title: 'Toegang',
      text: 'Tekst',
      language: 'nl',
      subjectId: subject.id,
    });
    await t.database.db.updateTable('outbox').set({ status: 'failed' }).where('id', '=', ids.outbox).execute();
    const accessRequest = await newRequest(t, 'access', subject.id);
    await execute(t, accessRequest);
    ids['access-packages'] = (
      await t.database.db
        .selectFrom('access_packages')
        .select('id')
        .where('request_id', '=', accessRequest.id)
        .executeTakeFirstOrThrow()
    ).id;
    const restricted = await newSubject(t);
    await execute(t, await newRequest(t, 'restriction', restricted.id));
    ids.restrictions = (
      await t.database.db
        .selectFrom('restrictions')
        .select('id')
        .where('subject_id', '=', restricted.id)
        .executeTakeFirstOrThrow()
    ).id;
    ids.holds = (
      await t.services.legalHolds.place({ kind: 'user', id: 'dpo-access-test', role: 'dpo' }, subject.id, {
        reason: 'Bewijs',
        reviewOn: businessToday(new Date()),
      })
    ).id;
    await t.services.companies.add(actor, 'administratiekantoor', {
      id: 'access-firm',
      legalName: 'Kantoor B.V.',
      kvkNumber: '87654321',
      country: 'NL',
      role: 'processor',
    });
    await t.services.companies.recordAgreement(
      actor,
      { id: 'administratiekantoor', companyId: 'access-firm' },
      { signedOn: '2026-01-01', documentReference: 'VWO-access' },
    );
    ids.disclosures = (
      await t.services.disclosures.disclosures.disclose(actor, subject.id, {
        recipientId: 'administratiekantoor',
        companyId: 'access-firm',
        categories: ['user.name'],
      })
    ).id;
    // A rectification of the name the firm received queues an Art. 19 notice to it.
    await execute(t, await newRequest(t, 'rectification', subject.id, { changes: '{"lastName":"Jansen"}' }));
    ids['recipient-notices'] = (
      await t.database.db
        .selectFrom('recipient_notices')
        .select('id')
        .where('subject_id', '=', subject.id)
        .executeTakeFirstOrThrow()
    ).id;
    // A mail in the triage inbox, with an attachment, as the mailbox takes it in (to another address than the privacy one).
    const raw = Buffer.from(
      [
        'From: a@example.nl',
        'To: info@senict.nl',
        'Subject: Toegang',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'Tekst',
        '--b',
        'Content-Type: text/plain; name="a.txt"',
        'Content-Disposition: attachment; filename="a.txt"',
        '',
        'a',
        '--b--',
        '',
      ].join('\r\n'),
    );
    const taken = await t.services.mailbox.intake.take(
      {
        folder: 'INBOX',
        uidValidity: '1',
        uid: 1,
        arrivedAt: new Date(),
        size: raw.length,
        envelope: { from: null, subject: null },
      },
      raw,
    );
    ids.inbox =
      (
        await t.database.db
          .selectFrom('mailbox_reads')
          .select('inbox_item_id')
          .where('id', '=', taken.readId ?? '')
          .executeTakeFirstOrThrow()
      ).inbox_item_id ?? '';
    ids['inbox-attachments'] = (
      await t.database.db.selectFrom('inbox_attachments').select('id').where('item_id', '=', ids.inbox).executeTakeFirstOrThrow()
    ).id;
    const organisation = await t.services.organisations.organisations.create(actor, {
      name: 'Toegangstest B.V.',
      kind: 'legal_entity',
    });
    ids.organisations = organisation.id;
    // The contact PATCH changes; DELETE (the dpo's, after PATCH in the table) removes it last.
    ids.contact = (
      await t.services.organisations.organisations.addContact(actor, organisation.id, {
        person: { firstName: 'Toegang', lastName: 'Contact' },
        role: 'inkoper',
      })
    ).subjectId;
    ids.breaches = (
      await t.services.breaches.record(actor, {
        becameAwareAt: now(),
        description: 'Toegangstest',
        subjectCategories: ['klanten'],
        dataCategories: ['user.name'],
        approxSubjects: 1,
        approxRecords: 1,
        consequences: 'Geen',
        measures: 'Geen',
        risk: 'high',
      })
    ).id;
  });
  afterAll(async () => t.close());

  it('has a rule for every route in the OpenAPI document, and no rule for a route that is gone', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json<{ paths: Record<string, Record<string, unknown>> }>();
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.filter((r) => ACCESS[r] === undefined)).toEqual([]);
    expect(Object.keys(ACCESS).filter((r) => !routes.includes(r))).toEqual([]);
  });

  for (const who of ['anonymous', 'accountant', 'staff', 'dpo'] as const) {
    it(`gives ${who} exactly what the table says`, async () => {
      const mismatches: string[] = [];
      for (const [route, rule] of Object.entries(ACCESS)) {
        const [method, path] = route.split(' ') as [string, string];
        const url =
          path
            .replace('{id}', ids[idKey(path)] ?? '')
            .replace('{companyId}', ids.companies ?? '')
            .replace('{attachmentId}', ids['inbox-attachments'] ?? '')
            .replace('{subjectId}', ids.contact ?? '') + (QUERIES[route] ?? '');
        const body = BODIES[route]?.();
        const response = await t.app.inject({
          method: method as 'GET',
          url,
          headers: {
            ...(cookies[who] === undefined ? {} : { cookie: cookies[who] }),
            ...(CONTENT_TYPES[route] === undefined ? {} : { 'content-type': CONTENT_TYPES[route] }),
          },
          ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : (body as object) }),
        });
        const refused = response.statusCode === 401 || response.statusCode === 403;
        if (refused === rule[who]) mismatches.push(`${route}: ${response.statusCode} ${response.body.slice(0, 120)}`);
        if (refused && who !== 'anonymous') expect(response.statusCode, route).toBe(403);
      }
      expect(mismatches).toEqual([]);
    });
  }
});

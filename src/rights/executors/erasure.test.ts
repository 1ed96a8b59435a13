import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/databases.ts';
import { newAgreement, newCase, newConsent, newInvoice, newSubject } from '../../../test/factories.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { withConsentPurpose } from '../../../test/policies.ts';
import { cliActor } from '../../guard/actor.ts';
import { ERASURE_RESTRICTION_REASON } from '../../restrictions-objections/restriction-check.ts';
import { KluisError } from '../../errors.ts';
import { STAFF, countOf, execute, lastEntries, newRequest } from '../../../test/support/executions.ts';

const ACCOUNTANT = { kind: 'user' as const, id: 'accountant-erasure-test', role: 'accountant' };
const TABLES = [
  'subject_addresses',
  'agreements',
  'invoices',
  'cases',
  'messages',
  'attachments',
  'consents',
  'restrictions',
  'objections',
  'access_packages',
] as const;

describe.each(DIALECTS)('erasure (Art. 17), on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    // Invoices are issued on 2 December 2026: kept until 1 January 2034 (art. 52 lid 4 AWR).
    t = await startTestApp(dialect, { now: () => new Date('2026-12-02T10:00:00Z'), policy: withConsentPurpose() });
  });
  afterAll(async () => t.close());

  const counts = async (subjectId: string): Promise<Record<string, number>> =>
    Object.fromEntries(
      await Promise.all(TABLES.map(async (table): Promise<[string, number]> => [table, await countOf(t, table, subjectId)])),
    );

  /** A customer with an invoiced agreement, a loose agreement, a draft invoice, a case with an attachment, a consent. */
  async function customer(withInvoice: boolean) {
    const actor = cliActor();
    const subject = await newSubject(t);
    const invoiced = await newAgreement(t, subject.id, { endDate: '2026-02-28' });
    const loose = await newAgreement(t, subject.id, { kind: 'quote', title: 'Offerte', status: 'sent' });
    const issued = withInvoice ? await newInvoice(t, subject.id, { agreementId: invoiced.id }) : undefined;
    if (issued !== undefined) await t.services.invoices.issue(actor, issued.id, { completedOn: '2026-03-31' });
    const draft = await newInvoice(t, subject.id);
    const opened = await newCase(t, subject.id);
    await t.services.cases.addMessage(actor, opened.id, {
      channel: 'email',
      direction: 'inbound',
      occurredAt: '2026-04-01T10:00:00Z',
      body: 'Graag alles wissen.',
      attachments: [{ filename: 'scan.txt', contentType: 'text/plain', contentBase64: Buffer.from('scan').toString('base64') }],
    });
    await newConsent(t, subject.id);
    return { subject, invoiced, loose, issued, draft, opened };
  }

  it('erases everything without a reason to keep and keeps the invoices, restricted, until seven years after completion', async () => {
    const c = await customer(true);
    const bystander = await customer(true);
    const bystanderBefore = await counts(bystander.subject.id);
    const request = await newRequest(t, 'erasure', c.subject.id, { language: 'nl' });
    await execute(t, await newRequest(t, 'access', c.subject.id));

    const outcome = await execute(t, request);

    expect(await counts(c.subject.id)).toEqual({
      subject_addresses: 0,
      agreements: 1,
      invoices: 1,
      cases: 0,
      messages: 0,
      attachments: 0,
      consents: 0,
      restrictions: 1,
      objections: 0,
      access_packages: 0,
    });
    const invoice = await t.database.db
      .selectFrom('invoices')
      .select(['id', 'completed_on', 'billing_name'])
      .where('subject_id', '=', c.subject.id)
      .executeTakeFirstOrThrow();
    expect(invoice.id).toBe(c.issued?.id);
    expect(
      await t.database.db.selectFrom('invoice_lines').select('id').where('invoice_id', '=', invoice.id).execute(),
    ).toHaveLength(1);
    const agreement = await t.database.db
      .selectFrom('agreements')
      .select('id')
      .where('subject_id', '=', c.subject.id)
      .executeTakeFirstOrThrow();
    expect(agreement.id).toBe(c.invoiced.id);
    const subject = await t.database.db
      .selectFrom('subjects')
      .select(['reference', 'first_name', 'last_name', 'email', 'phone', 'gender'])
      .where('id', '=', c.subject.id)
      .executeTakeFirstOrThrow();
    expect(subject).toEqual({
      reference: c.subject.reference,
      first_name: c.subject.firstName,
      last_name: c.subject.lastName,
      email: null,
      phone: null,
      gender: null,
    });
    const restriction = await t.database.db
      .selectFrom('restrictions')
      .select(['purpose', 'reason', 'request_id', 'lifted_at'])
      .where('subject_id', '=', c.subject.id)
      .executeTakeFirstOrThrow();
    expect(restriction).toEqual({ purpose: null, reason: ERASURE_RESTRICTION_REASON, request_id: request.id, lifted_at: null });

    // A partial refusal in substance: each kept category, its ground and until when (seven years after the book year).
    expect(outcome.kept).toEqual([
      { category: 'facturen', ground: 'Art. 17(3)(b) AVG; art. 52 lid 4 AWR; art. 2:10 lid 3 BW', until: '2034-01-01' },
      {
        category: 'overeenkomsten en offertes',
        ground: 'Art. 17(3)(b) AVG; art. 52 lid 4 AWR; art. 2:10 lid 3 BW',
        until: '2034-01-01',
      },
      { category: 'uw naam en klantkenmerk, zoals op die gegevens vermeld', ground: 'Art. 17(3)(b) AVG', until: '2034-01-01' },
    ]);
    expect(outcome.summary.nl).toContain('gewist');

    const [store, erase] = await lastEntries(t, 2);
    expect(erase).toMatchObject({ operation: 'erase', record_type: 'subject', outcome: 'allowed', actor_role: 'dpo' });
    expect(JSON.parse(erase?.records ?? '[]')).toEqual(
      expect.arrayContaining([
        `invoice:${c.draft.id}`,
        `agreement:${c.loose.id}`,
        `case:${c.opened.id}`,
        `subject:${c.subject.id}`,
      ]),
    );
    expect(JSON.parse(erase?.records ?? '[]')).not.toContain(`invoice:${c.issued?.id ?? ''}`);
    expect(store).toMatchObject({ operation: 'store', outcome: 'allowed' });

    // Kept means restricted: only used for the fiscal duty that keeps it; the bystander is untouched.
    const outcomeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'allowed',
        (e: unknown) => (e instanceof KluisError ? e.code : 'error'),
      );
    expect(await outcomeOf(t.services.subjects.get(STAFF, c.subject.id, 'contract'))).toBe('restricted');
    expect(await outcomeOf(t.services.subjects.update(STAFF, c.subject.id, { phone: '+31 30 000 0000' }, 'invoicing'))).toBe(
      'restricted',
    );
    expect(await outcomeOf(t.services.invoices.get(ACCOUNTANT, invoice.id))).toBe('allowed');
    expect(await outcomeOf(t.services.invoices.list(ACCOUNTANT, { from: '2000-01-01', to: '2099-12-31' }))).toBe('allowed');
    expect(await counts(bystander.subject.id)).toEqual(bystanderBefore);
  });

  it('deletes a subject without anything to keep entirely, and tells so in English', async () => {
    const c = await customer(false);
    const request = await newRequest(t, 'erasure', c.subject.id, { language: 'en' });
    const outcome = await execute(t, request);
    expect(outcome.kept).toEqual([]);
    expect(outcome.summary.en).toContain('erased');
    expect(
      await t.database.db.selectFrom('subjects').select('id').where('id', '=', c.subject.id).executeTakeFirst(),
    ).toBeUndefined();
    expect(Object.values(await counts(c.subject.id)).every((n) => n === 0)).toBe(true);
    const after = await t.database.db
      .selectFrom('rights_requests')
      .select('subject_id')
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(after.subject_id).toBeNull();
    const [entry] = await lastEntries(t, 1);
    expect(entry).toMatchObject({ operation: 'erase', outcome: 'allowed' });
    expect(JSON.parse(entry?.subject_ids ?? '[]')).toEqual([c.subject.id]);
  });

  it('tells every recipient that received the data before erasing, by mail where the register has an address (Art. 19)', async () => {
    const c = await customer(false);
    await t.database.db
      .updateTable('recipients')
      .set({ contact_email: 'privacy@administratie.example' })
      .where('id', '=', 'administratiekantoor')
      .execute();
    const request = await newRequest(t, 'erasure', c.subject.id);
    const disclosures = async () => [
      {
        id: 'administratiekantoor',
        name: { nl: 'Administratiekantoor', en: 'Accounting firm' },
        country: 'NL',
        contactEmail: 'privacy@administratie.example',
        categories: ['user.name', 'user.account.reference'],
      },
      {
        id: 'leveranciers',
        name: { nl: 'Leveranciers', en: 'Suppliers' },
        country: 'NL',
        contactEmail: null,
        categories: ['user.contact.address', 'user.contact.email'],
      },
    ];
    await execute(t, request, { disclosures });
    const notices = await t.database.db
      .selectFrom('recipient_notices')
      .select(['recipient_id', 'kind', 'status', 'outbox_id', 'note', 'request_id'])
      .where('subject_id', '=', c.subject.id)
      .orderBy('recipient_id')
      .execute();
    expect(notices.map((n) => [n.recipient_id, n.kind, n.status, n.request_id])).toEqual([
      ['administratiekantoor', 'erasure', 'queued', request.id],
      ['leveranciers', 'erasure', 'queued', request.id],
    ]);
    expect(notices[1]?.outbox_id).toBeNull();
    expect(notices[1]?.note).toMatch(/no e-mail address/);
    const mail = await t.database.db
      .selectFrom('outbox')
      .select(['to_address', 'kind', 'body_text'])
      .where('id', '=', notices[0]?.outbox_id ?? '')
      .executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ to_address: 'privacy@administratie.example', kind: 'recipient_notice' });
    expect(mail.body_text).toContain(c.subject.reference);
    expect(mail.body_text).toContain('art. 19 AVG');
    // Art. 19 with Art. 5(1)(c): the firm received name and reference, so it reads those and nothing else.
    expect(mail.body_text).toContain('Geachte heer, mevrouw,');
    expect(mail.body_text).toContain('hebben wij de gegevens gewist die wij u verstrekten: naam, klantkenmerk');
    expect(mail.body_text).not.toContain(c.subject.email ?? '@');
  });

  it('queues no recipient notice while the disclosure log names nobody', async () => {
    const c = await customer(false);
    await execute(t, await newRequest(t, 'erasure', c.subject.id));
    expect(
      await t.database.db.selectFrom('recipient_notices').select('id').where('subject_id', '=', c.subject.id).execute(),
    ).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newAgreement, newCase, newConsent, newInvoice, newSubject } from '../../test/factories.ts';
import { lastLogEntry, logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { withConsentPurpose } from '../../test/policies.ts';
import { cliActor } from '../guard/actor.ts';
import { retentionLines } from '../rights/access-packages/access-retention.ts';
import { countOf, execute, newRequest } from '../../test/support/executions.ts';
import { holdsInForce } from './legal-hold.repository.ts';
import { loadSubjectRecords } from '../rights/executors/subject-records.ts';
import { addDays, businessToday } from '../shared/business-day.ts';

const TABLES = ['subject_addresses', 'agreements', 'invoices', 'cases', 'messages', 'attachments', 'consents'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const LEDGER_TYPES = [
  'subject',
  'subject_address',
  'subject_contact_details',
  'agreement',
  'invoice',
  'case',
  'message',
  'attachment',
  'consent',
  'access_package',
];

const today = () => businessToday(new Date());
const inDays = (days: number) => addDays(businessToday(new Date()), days);

describe.each(DIALECTS)('legal holds and the erasure ledger, on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let staff: string;

  beforeAll(async () => {
    // Invoices are issued on 2 December 2026 and kept until 1 January 2034 (art. 52 lid 4 AWR).
    t = await startTestApp(dialect, { now: () => new Date('2026-12-02T10:00:00Z'), policy: withConsentPurpose() });
    dpo = await t.signIn('dpo');
    staff = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  const post = (url: string, payload: object, cookie = dpo) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
  const get = (url: string, cookie = dpo) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const holdRows = (subjectId: string) =>
    t.database.db.selectFrom('legal_holds').selectAll().where('subject_id', '=', subjectId).execute();
  const counts = async (subjectId: string) =>
    Object.fromEntries(
      await Promise.all(TABLES.map(async (table): Promise<[string, number]> => [table, await countOf(t, table, subjectId)])),
    );
  const ledgerOf = (subjectId: string) =>
    t.database.db.selectFrom('erasure_ledger').selectAll().where('subject_id', '=', subjectId).orderBy('seq').execute();

  /** A customer with an invoiced agreement, a loose quote, a draft invoice, a case with an attachment, a consent. */
  async function customer() {
    const actor = cliActor();
    const subject = await newSubject(t);
    const invoiced = await newAgreement(t, subject.id, { endDate: '2026-02-28' });
    const loose = await newAgreement(t, subject.id, { kind: 'quote', title: 'Offerte', status: 'sent' });
    const issued = await newInvoice(t, subject.id, { agreementId: invoiced.id });
    await t.services.invoices.issue(actor, issued.id, { completedOn: '2026-03-31' });
    const draft = await newInvoice(t, subject.id);
    const opened = await newCase(t, subject.id, { kind: 'complaint', title: 'Klacht over de levering' });
    const message = await t.services.cases.addMessage(actor, opened.id, {
      channel: 'email',
      direction: 'inbound',
      occurredAt: '2026-04-01T10:00:00Z',
      body: 'Ik ben het niet eens met de factuur.',
      attachments: [
        { filename: 'bewijs.txt', contentType: 'text/plain', contentBase64: Buffer.from('bewijs').toString('base64') },
      ],
    });
    const consent = await newConsent(t, subject.id);
    return { subject, invoiced, loose, issued, draft, opened, message, consent };
  }

  it('places, lists and releases a hold on the whole subject, each logged naming the subject', async () => {
    const subject = await newSubject(t);
    const before = await logCount(t);
    const placed = await post(`/api/subjects/${subject.id}/holds`, {
      reason: 'Bewijs voor klacht Z-2026-0412',
      reviewOn: inDays(90),
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const hold = placed.json<{ id: string }>();
    expect(hold).toMatchObject({
      subjectId: subject.id,
      recordType: null,
      recordId: null,
      reason: 'Bewijs voor klacht Z-2026-0412',
      endsOn: null,
      reviewOn: inDays(90),
      releasedAt: null,
      inForce: true,
    });
    expect(await holdRows(subject.id)).toEqual([
      expect.objectContaining({
        id: hold.id,
        record_type: null,
        record_id: null,
        ends_on: null,
        review_on: inDays(90),
        released_at: null,
      }),
    ]);
    expect((await holdRows(subject.id))[0]?.placed_by).toMatch(UUID);
    expect(await logCount(t)).toBe(before + 1);
    const placedEntry = await lastLogEntry(t);
    expect(placedEntry).toMatchObject({ operation: 'store', record_type: 'subject', outcome: 'allowed', actor_role: 'dpo' });
    expect(JSON.parse(placedEntry.subject_ids)).toEqual([subject.id]);
    expect(JSON.parse(placedEntry.records)).toEqual(expect.arrayContaining([`legal_hold:${hold.id}`, `subject:${subject.id}`]));
    expect(placedEntry.reason).toContain('legal_claims');
    expect((await holdsInForce(t.database.db, subject.id, today())).map((h) => h.recordType)).toEqual([
      'subject',
      'agreement',
      'invoice',
      'case',
      'message',
      'consent',
    ]);

    const listed = await get(`/api/subjects/${subject.id}/holds`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ holds: { id: string }[] }>().holds.map((h) => h.id)).toEqual([hold.id]);

    const released = await post(`/api/holds/${hold.id}/release`, { reason: 'Klacht ingetrokken' });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({ releaseReason: 'Klacht ingetrokken', inForce: false });
    expect(released.json<{ releasedAt: string }>().releasedAt).toMatch(ISO_MOMENT);
    const row = (await holdRows(subject.id))[0];
    expect(row).toMatchObject({ release_reason: 'Klacht ingetrokken' });
    expect(row?.released_at).toMatch(ISO_MOMENT);
    expect(row?.released_by).toMatch(UUID);
    const releasedEntry = await lastLogEntry(t);
    expect(releasedEntry).toMatchObject({ operation: 'modify', record_type: 'subject', outcome: 'allowed' });
    expect(JSON.parse(releasedEntry.subject_ids)).toEqual([subject.id]);
    expect(await holdsInForce(t.database.db, subject.id, today())).toEqual([]);

    const count = await logCount(t);
    const again = await post(`/api/holds/${hold.id}/release`, { reason: 'Nogmaals' });
    expect(again.statusCode).toBe(409);
    expect((await holdRows(subject.id))[0]).toEqual(row);
    expect(await logCount(t)).toBe(count);
  });

  it('places a hold on one record of the subject', async () => {
    const subject = await newSubject(t);
    const agreement = await newAgreement(t, subject.id);
    const placed = await post(`/api/subjects/${subject.id}/holds`, {
      reason: 'Geschil over de levering',
      recordType: 'agreement',
      recordId: agreement.id,
      endsOn: inDays(365),
    });
    expect(placed.statusCode, placed.body).toBe(201);
    expect(await holdRows(subject.id)).toEqual([
      expect.objectContaining({ record_type: 'agreement', record_id: agreement.id, ends_on: inDays(365), review_on: null }),
    ]);
    expect(JSON.parse((await lastLogEntry(t)).records)).toContain(`agreement:${agreement.id}`);
  });

  it('refuses bad input with a 4xx and changes nothing', async () => {
    const subject = await newSubject(t);
    const other = await newSubject(t);
    const othersCase = await newCase(t, other.id);
    const ownCase = await newCase(t, subject.id);
    const cases: [string, object, number][] = [
      ['no reason', { endsOn: inDays(30) }, 400],
      ['an empty reason', { reason: '   ', endsOn: inDays(30) }, 400],
      ['no end or review date', { reason: 'Bewijs' }, 400],
      ['an end date in the past', { reason: 'Bewijs', endsOn: '2020-01-01' }, 400],
      ['an end date of today', { reason: 'Bewijs', endsOn: today() }, 400],
      ['a review date in the past', { reason: 'Bewijs', reviewOn: inDays(-1) }, 400],
      ['a date that does not exist', { reason: 'Bewijs', endsOn: '2027-02-30' }, 400],
      ['a review after the end', { reason: 'Bewijs', endsOn: inDays(30), reviewOn: inDays(60) }, 400],
      ['an unknown field', { reason: 'Bewijs', endsOn: inDays(30), scope: 'all' }, 400],
      ['a record type without an id', { reason: 'Bewijs', endsOn: inDays(30), recordType: 'case' }, 400],
      [
        'a record type a hold cannot name',
        { reason: 'Bewijs', endsOn: inDays(30), recordType: 'message', recordId: ownCase.id },
        400,
      ],
      ["another subject's record", { reason: 'Bewijs', endsOn: inDays(30), recordType: 'case', recordId: othersCase.id }, 400],
      ['a record of the wrong type', { reason: 'Bewijs', endsOn: inDays(30), recordType: 'invoice', recordId: ownCase.id }, 400],
    ];
    for (const [what, payload, status] of cases) {
      const before = await logCount(t);
      const response = await post(`/api/subjects/${subject.id}/holds`, payload);
      expect(response.statusCode, what).toBe(status);
      expect(await holdRows(subject.id), what).toEqual([]);
      expect(await logCount(t), what).toBe(before);
    }
    const before = await logCount(t);
    expect(
      (await post('/api/subjects/00000000-0000-4000-8000-000000000000/holds', { reason: 'Bewijs', endsOn: inDays(30) }))
        .statusCode,
    ).toBe(404);
    expect((await post('/api/subjects/not-a-uuid/holds', { reason: 'Bewijs', endsOn: inDays(30) })).statusCode).toBe(400);
    expect((await post('/api/holds/00000000-0000-4000-8000-000000000000/release', { reason: 'Weg' })).statusCode).toBe(404);
    const hold = (await post(`/api/subjects/${other.id}/holds`, { reason: 'Bewijs', endsOn: inDays(30) })).json<{ id: string }>();
    const count = await logCount(t);
    expect((await post(`/api/holds/${hold.id}/release`, {})).statusCode).toBe(400);
    expect((await post(`/api/holds/${hold.id}/release`, { reason: 'Weg', extra: true })).statusCode).toBe(400);
    expect((await holdRows(other.id))[0]?.released_at).toBeNull();
    expect(await logCount(t)).toBe(count);
    expect(before).toBeLessThan(count);
  });

  it('refuses staff with 403 and changes nothing', async () => {
    const subject = await newSubject(t);
    const hold = (await post(`/api/subjects/${subject.id}/holds`, { reason: 'Bewijs', endsOn: inDays(30) })).json<{
      id: string;
    }>();
    const before = await holdRows(subject.id);
    expect((await post(`/api/subjects/${subject.id}/holds`, { reason: 'Bewijs', endsOn: inDays(30) }, staff)).statusCode).toBe(
      403,
    );
    expect((await get(`/api/subjects/${subject.id}/holds`, staff)).statusCode).toBe(403);
    expect((await post(`/api/holds/${hold.id}/release`, { reason: 'Weg' }, staff)).statusCode).toBe(403);
    expect((await get('/api/erasure-ledger', staff)).statusCode).toBe(403);
    expect(await holdRows(subject.id)).toEqual(before);
  });

  it('keeps everything of a held subject on erasure, naming Art. 17(3)(e) and the end date', async () => {
    const c = await customer();
    const endsOn = inDays(200);
    expect((await post(`/api/subjects/${c.subject.id}/holds`, { reason: 'Procedure bij de rechtbank', endsOn })).statusCode).toBe(
      201,
    );
    const before = await counts(c.subject.id);

    const outcome = await execute(t, await newRequest(t, 'erasure', c.subject.id, { language: 'nl' }));

    expect(await counts(c.subject.id)).toEqual(before);
    const subject = await t.database.db
      .selectFrom('subjects')
      .select(['email', 'phone'])
      .where('id', '=', c.subject.id)
      .executeTakeFirstOrThrow();
    expect(subject).toEqual({ email: c.subject.email, phone: c.subject.phone });
    expect(outcome.kept).toEqual(
      expect.arrayContaining([
        { category: 'overeenkomsten en offertes', ground: 'Art. 17(3)(e) AVG', until: endsOn },
        { category: 'vragen, klachten en verzoeken met hun berichten', ground: 'Art. 17(3)(e) AVG', until: endsOn },
        { category: 'toestemmingen', ground: 'Art. 17(3)(e) AVG', until: endsOn },
        {
          category: 'uw naam, klantkenmerk en contactgegevens',
          ground: 'Art. 17(3)(e) AVG, Art. 17(3)(b) AVG',
          until: '2034-01-01',
        },
      ]),
    );
    expect(outcome.kept.find((k) => k.category === 'facturen' && k.ground.startsWith('Art. 17(3)(e)'))).toEqual({
      category: 'facturen',
      ground: 'Art. 17(3)(e) AVG',
      until: endsOn,
    });
    expect(await ledgerOf(c.subject.id)).toEqual([]);

    // The access package's retention table shows the hold in its explanation.
    const records = await loadSubjectRecords(t.database.db, c.subject.id);
    if (records === undefined) throw new Error('subject gone');
    const lines = retentionLines(t.services.policy, records, 'en', await holdsInForce(t.database.db, c.subject.id, today()));
    expect(lines.find((l) => l.recordId === c.opened.id)?.explanation).toContain('legal hold: Procedure bij de rechtbank');
    expect(lines.find((l) => l.recordId === c.issued.id)?.until).toBe('2034-01-01');
  });

  it('keeps only the held record when the hold names one, and the ledger lists every deleted record without personal data', async () => {
    const c = await customer();
    const reviewOn = inDays(60);
    expect(
      (
        await post(`/api/subjects/${c.subject.id}/holds`, {
          reason: 'Bewijs voor klacht Z-2026-0413',
          recordType: 'case',
          recordId: c.opened.id,
          reviewOn,
        })
      ).statusCode,
    ).toBe(201);
    await execute(t, await newRequest(t, 'access', c.subject.id));
    const packages = await t.database.db
      .selectFrom('access_packages')
      .select('id')
      .where('subject_id', '=', c.subject.id)
      .execute();
    const addresses = await t.database.db
      .selectFrom('subject_addresses')
      .select('id')
      .where('subject_id', '=', c.subject.id)
      .execute();
    const request = await newRequest(t, 'erasure', c.subject.id, { language: 'nl' });

    const outcome = await execute(t, request);

    expect(await counts(c.subject.id)).toEqual({
      subject_addresses: 0,
      agreements: 1,
      invoices: 1,
      cases: 1,
      messages: 1,
      attachments: 1,
      consents: 0,
    });
    expect(
      await t.database.db.selectFrom('cases').select('id').where('subject_id', '=', c.subject.id).executeTakeFirstOrThrow(),
    ).toEqual({ id: c.opened.id });
    expect(outcome.kept).toContainEqual({
      category: 'vragen, klachten en verzoeken met hun berichten',
      ground: `Art. 17(3)(e) AVG; herbeoordeling op ${reviewOn}`,
      until: null,
    });
    expect(outcome.kept.at(-1)).toEqual({
      category: 'uw naam en klantkenmerk, zoals op die gegevens vermeld',
      ground: 'Art. 17(3)(b) AVG, Art. 17(3)(e) AVG',
      until: null,
    });

    const ledger = await ledgerOf(c.subject.id);
    const expected = [
      `invoice:${c.draft.id}`,
      `agreement:${c.loose.id}`,
      `consent:${c.consent.id}`,
      ...packages.map((p) => `access_package:${p.id}`),
      ...addresses.map((a) => `subject_address:${a.id}`),
      `subject_contact_details:${c.subject.id}`,
    ];
    expect(ledger.map((r) => `${r.record_type}:${r.record_id}`).sort()).toEqual(expected.sort());
    expect(ledger).toHaveLength(expected.length);
    for (const row of ledger) {
      expect(row).toMatchObject({ kind: 'erasure', subject_id: c.subject.id, request_id: request.id });
      expect(Object.keys(row).sort()).toEqual([
        'at',
        'kind',
        'record_id',
        'record_type',
        'records_with',
        'request_id',
        'seq',
        'subject_id',
      ]);
      expect(row.record_id).toMatch(UUID);
      expect(row.subject_id).toMatch(UUID);
      expect(row.at).toMatch(ISO_MOMENT);
      expect(LEDGER_TYPES).toContain(row.record_type);
      const text = JSON.stringify(row).toLowerCase();
      for (const personal of [
        c.subject.firstName,
        c.subject.lastName,
        c.subject.email ?? '',
        c.subject.phone ?? '',
        c.subject.reference,
        'oudegracht',
        'utrecht',
        'offerte',
      ]) {
        expect(text).not.toContain(personal.toLowerCase());
      }
    }
  });

  it('writes one ledger row per deleted record when a subject goes entirely, and pages the ledger for the dpo', async () => {
    const subject = await newSubject(t);
    const quote = await newAgreement(t, subject.id, { kind: 'quote', title: 'Offerte', status: 'sent' });
    const opened = await newCase(t, subject.id);
    const message = await t.services.cases.addMessage(cliActor(), opened.id, {
      channel: 'phone',
      direction: 'inbound',
      occurredAt: '2026-04-01T10:00:00Z',
      body: 'Bel mij terug',
    });
    const request = await newRequest(t, 'erasure', subject.id, { language: 'en' });

    await execute(t, request);

    const ledger = await ledgerOf(subject.id);
    expect(ledger.map((r) => `${r.record_type}:${r.record_id}`).sort()).toEqual(
      [`agreement:${quote.id}`, `case:${opened.id}`, `message:${message.id}`, `subject:${subject.id}`].sort(),
    );

    const first = await get('/api/erasure-ledger?limit=1');
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json<{ entries: { seq: number }[]; next: number | null }>();
    expect(page.entries).toHaveLength(1);
    expect(page.next).toBe(page.entries[0]?.seq);
    const all: { seq: number; recordId: string; subjectId: string }[] = [];
    for (let after = 0; ;) {
      const next = (await get(`/api/erasure-ledger?after=${after}&limit=3`)).json<{ entries: typeof all; next: number | null }>();
      all.push(...next.entries);
      if (next.next === null) break;
      after = next.next;
    }
    const total = await t.database.db
      .selectFrom('erasure_ledger')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(all).toHaveLength(Number(total.n));
    expect(
      all
        .filter((e) => e.subjectId === subject.id)
        .map((e) => e.recordId)
        .sort(),
    ).toEqual([quote.id, opened.id, message.id, subject.id].sort());
    expect((await get('/api/erasure-ledger?limit=0')).statusCode).toBe(400);
  });
});

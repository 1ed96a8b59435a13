import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/databases.ts';
import { newConsent, newSubject, oldConsent } from '../../../test/factories.ts';
import { logCount, startTestApp, type TestApp } from '../../../test/harness.ts';
import { CONSENT_PURPOSE, withConsentPurpose } from '../../../test/policies.ts';
import { KluisError } from '../../errors.ts';
import { ERASURE_RESTRICTION_REASON } from '../../restrictions-objections/restriction-check.ts';
import type { RequestKind } from '../../shared/request-kind.ts';
import { startTestSmtp, type TestSmtp } from '../../../test/smtp.ts';
import type { RestrictionList } from '../../restrictions-objections/restriction.schema.ts';
import { RestrictionService } from '../../restrictions-objections/restriction.service.ts';
import { STAFF, countOf, execute, lastEntries, newRequest } from '../../../test/support/executions.ts';

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'allowed',
    (e: unknown) => (e instanceof KluisError ? e.code : 'error'),
  );

describe.each(DIALECTS)('rectification, restriction, objection and withdrawal of consent, on %s', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let dpoCookie: string;
  let staffCookie: string;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp(dialect, { smtpUrl: smtp.url, policy: withConsentPurpose() });
    dpoCookie = await t.signIn('dpo');
    staffCookie = await t.signIn('staff');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const subjectRow = (id: string) =>
    t.database.db.selectFrom('subjects').select(['last_name', 'email', 'phone']).where('id', '=', id).executeTakeFirstOrThrow();

  it('rectifies through the guard, logs a modify and tells which fields changed (Art. 16)', async () => {
    const subject = await newSubject(t);
    const request = await newRequest(t, 'rectification', subject.id, {
      changes: JSON.stringify({ lastName: 'Jansen', email: 'anna.jansen@example.nl' }),
    });
    const outcome = await execute(t, request);
    expect(await subjectRow(subject.id)).toMatchObject({ last_name: 'Jansen', email: 'anna.jansen@example.nl' });
    expect(outcome.summary.nl).toContain('achternaam en e-mailadres');
    expect(outcome.summary.en).toContain('last name and e-mail address');
    const [entry] = await lastEntries(t, 1);
    expect(entry).toMatchObject({ operation: 'modify', record_type: 'subject', outcome: 'allowed', actor_role: 'dpo' });
    // The old value is nowhere but in the row that now holds the new one.
    expect(JSON.stringify(entry)).not.toContain(subject.lastName);
  });

  it('refuses a rectification with bad changes and changes nothing', async () => {
    const subject = await newSubject(t);
    for (const changes of ['{not json', JSON.stringify({ email: 'geen-adres' }), JSON.stringify({ password: 'x' }), null]) {
      const request = await newRequest(t, 'rectification', subject.id, { changes });
      expect(await code(execute(t, request))).toBe('validation_failed');
    }
    expect(await subjectRow(subject.id)).toMatchObject({ last_name: subject.lastName, email: subject.email });
  });

  it('restricts, so that staff may no longer modify (restricted, logged denied); lifting tells the person first (Art. 18)', async () => {
    const subject = await newSubject(t);
    const outcome = await execute(t, await newRequest(t, 'restriction', subject.id));
    expect(outcome.summary.nl).toContain('alle doelen');
    const restriction = await t.database.db
      .selectFrom('restrictions')
      .select(['id', 'purpose', 'lifted_at'])
      .where('subject_id', '=', subject.id)
      .executeTakeFirstOrThrow();
    expect(restriction).toMatchObject({ purpose: null, lifted_at: null });

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/subjects/${subject.id}`,
      headers: { cookie: staffCookie },
      payload: { phone: '+31 30 999 9999' },
    });
    expect(patched.statusCode).toBe(409);
    expect(patched.json()).toMatchObject({ error: { code: 'restricted' } });
    const [denied] = await lastEntries(t, 1);
    expect(denied).toMatchObject({ operation: 'modify', outcome: 'denied', actor_role: 'staff' });
    expect(await subjectRow(subject.id)).toMatchObject({ phone: subject.phone });
    // A rectification waits until the restriction is lifted, too.
    expect(await code(execute(t, await newRequest(t, 'rectification', subject.id, { changes: '{"phone":null}' })))).toBe(
      'restricted',
    );

    const lift = (cookie: string, payload?: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/restrictions/${restriction.id}/lift`,
        headers: { cookie },
        ...(payload === undefined ? {} : { payload }),
      });
    const announcement = {
      reason: 'accuracy_verified',
      motivation: 'Uw telefoonnummer is gecontroleerd bij uw werkgever en klopt.',
    };
    expect((await lift(staffCookie, announcement)).statusCode).toBe(403);
    // Bad input changes nothing and leaves no entry: no reason, an unknown reason, no motivation.
    const before = await logCount(t);
    for (const payload of [
      undefined,
      { motivation: announcement.motivation },
      { ...announcement, reason: 'because' },
      { reason: 'accuracy_verified', motivation: '' },
    ]) {
      const refused = await lift(dpoCookie, payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json()).toMatchObject({ error: { code: 'validation_failed' } });
    }
    expect(await logCount(t)).toBe(before);

    // Art. 18(3): announcing tells the person first; the restriction stands until the notice was delivered.
    const announced = await lift(dpoCookie, announcement);
    expect(announced.statusCode, announced.body).toBe(200);
    expect(announced.json()).toMatchObject({
      id: restriction.id,
      state: 'lift_announced',
      liftReason: 'accuracy_verified',
      liftedAt: null,
      liftNoticeSentAt: null,
      liftNotBefore: null,
      liftable: false,
    });
    const notice = await t.database.db
      .selectFrom('outbox')
      .select(['to_address', 'kind', 'body_text', 'status'])
      .where('related_id', '=', restriction.id)
      .executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ to_address: subject.email, kind: 'restriction_lift_notice', status: 'pending' });
    expect(notice.body_text).toContain('art. 18 lid 3 AVG');
    expect(notice.body_text).toContain('Wij hebben gecontroleerd of uw gegevens juist zijn');
    expect(notice.body_text).toContain(announcement.motivation);
    expect(notice.body_text).toContain('Autoriteit Persoonsgegevens');
    // Art. 12(4) with UAVG art. 35: the court route too.
    expect(notice.body_text).toContain('binnen zes weken nadat u deze brief heeft ontvangen de rechtbank');
    expect((await lift(dpoCookie, announcement)).statusCode).toBe(409);
    // Not delivered (no SMTP here): nothing is lifted, however long we wait.
    expect(await t.services.restrictions.liftDue()).toEqual({ lifted: 0 });
    expect(await code(t.services.subjects.update(STAFF, subject.id, { phone: '+31 30 999 9999' }))).toBe('restricted');

    // The dpo may withdraw the announcement; the restriction simply stands.
    const kept = await t.app.inject({
      method: 'POST',
      url: `/api/restrictions/${restriction.id}/keep`,
      headers: { cookie: dpoCookie },
    });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({ state: 'in_force', liftAnnouncedAt: null, liftReason: null, liftable: true });
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/restrictions/${restriction.id}/keep`, headers: { cookie: dpoCookie } }))
        .statusCode,
    ).toBe(409);
  });

  it('restricts one purpose when the request names it, and does not lift what an erasure keeps', async () => {
    const subject = await newSubject(t);
    await execute(t, await newRequest(t, 'restriction', subject.id, { purpose: 'correspondence' }));
    expect(await code(t.services.subjects.get(STAFF, subject.id, 'correspondence'))).toBe('restricted');
    expect(await code(t.services.subjects.get(STAFF, subject.id, 'contract'))).toBe('allowed');
    expect(await code(execute(t, await newRequest(t, 'restriction', subject.id, { purpose: 'marketing' })))).toBe(
      'validation_failed',
    );

    const kept = await t.database.db
      .insertInto('restrictions')
      .values({
        id: crypto.randomUUID(),
        subject_id: subject.id,
        request_id: null,
        purpose: null,
        reason: ERASURE_RESTRICTION_REASON,
        started_at: new Date().toISOString(),
        lifted_at: null,
        lift_notice_sent_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const payload = { reason: 'person_asked', motivation: 'U vroeg ons de beperking op te heffen.' };
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/restrictions/${kept.id}/lift`, headers: { cookie: dpoCookie }, payload }))
        .statusCode,
    ).toBe(409);
    // The page shows why it stands in its own language: the API says which ground, not only the logged English reason.
    const listed = (
      await t.app.inject({ method: 'GET', url: `/api/subjects/${subject.id}/restrictions`, headers: { cookie: dpoCookie } })
    ).json<RestrictionList>().restrictions;
    expect(listed.find((r) => r.id === kept.id)).toMatchObject({ ground: 'kept_after_erasure', liftable: false });
  });

  it("lists a person's restrictions for the dpo, active and lifted, newest first (GET /api/subjects/:id/restrictions)", async () => {
    const subject = await newSubject(t);
    const list = (cookie: string, id = subject.id) =>
      t.app.inject({ method: 'GET', url: `/api/subjects/${id}/restrictions`, headers: { cookie } });
    expect((await list(dpoCookie)).json()).toEqual({ restrictions: [] });

    await execute(t, await newRequest(t, 'restriction', subject.id));
    const [first] = (await list(dpoCookie)).json<RestrictionList>().restrictions;
    expect(first).toMatchObject({ subjectId: subject.id, purpose: null, liftedAt: null, ground: 'request', liftable: true });
    const payload = { reason: 'claims_ended', motivation: 'De procedure waarvoor u de gegevens nodig had, is afgerond.' };
    const announce = () =>
      t.app.inject({ method: 'POST', url: `/api/restrictions/${first?.id ?? ''}/lift`, headers: { cookie: dpoCookie }, payload });
    expect((await announce()).statusCode).toBe(200);
    // The person asks again while lifting is announced (the reaction Art. 18(3) makes room for): it stands.
    await execute(t, await newRequest(t, 'restriction', subject.id));
    expect((await list(dpoCookie)).json<RestrictionList>().restrictions).toMatchObject([
      { id: first?.id, state: 'in_force', liftAnnouncedAt: null },
    ]);
    // Announced again, delivered over SMTP, and lifted by the job once the lead time has passed.
    expect((await announce()).statusCode).toBe(200);
    await t.services.mailDelivery.deliverDue();
    await smtp.waitFor((m) => m.envelope.to.includes(subject.email ?? '') && m.subject.includes('beperking'));
    const later = new RestrictionService(t.database.db, t.services.guard, {
      liftNoticeDays: 14,
      clock: { now: () => new Date(Date.now() + 15 * 86_400_000) },
    });
    expect(await later.liftDue()).toEqual({ lifted: 1 });
    await execute(t, await newRequest(t, 'restriction', subject.id, { purpose: 'correspondence' }));

    const response = await list(dpoCookie);
    expect(response.statusCode).toBe(200);
    const { restrictions } = response.json<RestrictionList>();
    expect(restrictions).toHaveLength(2);
    expect(restrictions[0]).toMatchObject({ purpose: 'correspondence', liftedAt: null, state: 'in_force' });
    expect(restrictions[1]).toMatchObject({ id: first?.id, purpose: null, state: 'lifted' });
    expect(restrictions[1]?.liftedAt).not.toBeNull();
    // The dpo consults the restricted person's data: allowed (the request handler), and logged naming them.
    const [entry] = await lastEntries(t, 1);
    expect(entry).toMatchObject({
      operation: 'consult',
      record_type: 'subject',
      outcome: 'allowed',
      actor_role: 'dpo',
      subject_ids: JSON.stringify([subject.id]),
    });
    expect(JSON.parse(entry?.records ?? '[]')).toEqual(restrictions.map((r) => `restriction:${r.id}`));

    expect((await list(staffCookie)).statusCode).toBe(403);
    const before = await logCount(t);
    expect((await list(dpoCookie, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await list(dpoCookie, 'not-a-uuid')).statusCode).toBe(400);
    expect(await logCount(t)).toBe(before);
  });

  it('passes rectifications and restrictions on to recipients (Art. 19), each told only of the data it received', async () => {
    const subject = await newSubject(t, { email: 'oud@example.nl', phone: '+31 30 111 1111' });
    const disclosures = async () => [
      {
        id: 'leveranciers',
        name: { nl: 'Leveranciers', en: 'Suppliers' },
        country: 'NL',
        contactEmail: 'avg@leverancier.example',
        categories: ['user.contact.address', 'user.contact.email'],
      },
      {
        id: 'administratiekantoor',
        name: { nl: 'Administratiekantoor', en: 'Accounting firm' },
        country: 'NL',
        contactEmail: 'avg@administratie.example',
        categories: ['user.name', 'user.account.reference'],
      },
    ];
    const noticesOf = async () =>
      t.database.db
        .selectFrom('recipient_notices')
        .leftJoin('outbox', 'outbox.id', 'recipient_notices.outbox_id')
        .select(['recipient_notices.kind', 'recipient_notices.recipient_id', 'outbox.body_text'])
        .where('recipient_notices.subject_id', '=', subject.id)
        .orderBy('recipient_notices.created_at')
        .orderBy('recipient_notices.recipient_id')
        .execute();
    // A phone number went to nobody: no recipient hears of it.
    await execute(t, await newRequest(t, 'rectification', subject.id, { changes: '{"phone":null}' }), { disclosures });
    expect(await noticesOf()).toEqual([]);
    // The e-mail address went to the supplier only: it alone is told, identified by the old address, given the new one.
    await execute(t, await newRequest(t, 'rectification', subject.id, { changes: '{"email":"nieuw@example.nl"}' }), {
      disclosures,
    });
    const [rectified] = await noticesOf();
    expect(rectified).toMatchObject({ kind: 'rectification', recipient_id: 'leveranciers' });
    expect(rectified?.body_text).toContain('e-mailadres: oud@example.nl');
    expect(rectified?.body_text).toContain('De juiste gegevens zijn nu:\n\n- e-mailadres: nieuw@example.nl');
    // Never a category the recipient is not registered for: no name, no customer reference.
    expect(rectified?.body_text).not.toContain(subject.lastName);
    expect(rectified?.body_text).not.toContain(subject.reference);
    await execute(t, await newRequest(t, 'restriction', subject.id), { disclosures });
    const all = await noticesOf();
    expect(all.map((n) => [n.kind, n.recipient_id]).sort()).toEqual([
      ['rectification', 'leveranciers'],
      ['restriction', 'administratiekantoor'],
      ['restriction', 'leveranciers'],
    ]);
    const firm = all.find((n) => n.recipient_id === 'administratiekantoor');
    expect(firm?.body_text).toContain(subject.reference);
    expect(firm?.body_text).not.toContain('nieuw@example.nl');
  });

  it('upholds an objection to a legitimate-interest purpose, after which that purpose is refused with objected (Art. 21)', async () => {
    const subject = await newSubject(t);
    const outcome = await execute(t, await newRequest(t, 'objection', subject.id, { purpose: 'correspondence' }));
    expect(outcome.summary.en).toContain('Correspondence');
    const objection = await t.database.db
      .selectFrom('objections')
      .select(['purpose', 'status', 'decided_at'])
      .where('subject_id', '=', subject.id)
      .executeTakeFirstOrThrow();
    expect(objection).toMatchObject({ purpose: 'correspondence', status: 'upheld' });
    expect(await code(t.services.subjects.get(STAFF, subject.id, 'correspondence'))).toBe('objected');
    const [entry] = await lastEntries(t, 1);
    expect(entry).toMatchObject({ purpose: 'correspondence', outcome: 'denied' });
    expect(await code(t.services.subjects.get(STAFF, subject.id, 'contract'))).toBe('allowed');
  });

  it('does not record an objection against a purpose Art. 21 does not cover, or one without a purpose', async () => {
    const subject = await newSubject(t);
    expect(await code(execute(t, await newRequest(t, 'objection', subject.id, { purpose: 'contract' })))).toBe('conflict');
    expect(await code(execute(t, await newRequest(t, 'objection', subject.id)))).toBe('validation_failed');
    expect(await countOf(t, 'objections', subject.id)).toBe(0);
  });

  it('withdraws the consent for the purpose at once and keeps it as evidence (Art. 7(3)), also while restricted, and says what goes on', async () => {
    const subject = await newSubject(t);
    const consent = await newConsent(t, subject.id, { purpose: CONSENT_PURPOSE });
    const history = await oldConsent(t, subject.id, 'correspondence');
    await execute(t, await newRequest(t, 'restriction', subject.id));
    const outcome = await execute(t, await newRequest(t, 'withdraw_consent', subject.id, { purpose: CONSENT_PURPOSE }));
    expect(outcome.summary.nl).toContain('per direct ingetrokken en stoppen met dat gebruik van uw gegevens');
    // Art. 13(1)(c): a withdrawal stops nothing that rests on another basis, and the letter says so.
    expect(outcome.summary.nl).toContain(
      'daar verandert het intrekken niets aan: "Uitvoering van overeenkomst voor diensten en producten" op grond van uitvoering van een overeenkomst (art. 6 lid 1 sub b AVG)',
    );
    expect(outcome.summary.en).toContain('"Correspondence" on the basis of legitimate interests (Art. 6(1)(f) GDPR)');
    const rows = await t.database.db
      .selectFrom('consents')
      .select(['id', 'withdrawn_at'])
      .where('subject_id', '=', subject.id)
      .execute();
    expect(rows.find((r) => r.id === consent.id)?.withdrawn_at).not.toBeNull();
    expect(rows.find((r) => r.id === history)?.withdrawn_at).toBeNull();
    const [entry] = await lastEntries(t, 1);
    expect(entry).toMatchObject({ operation: 'modify', record_type: 'consent', outcome: 'allowed' });
    expect(JSON.parse(entry?.records ?? '[]')).toEqual([`consent:${consent.id}`]);

    const none = await execute(t, await newRequest(t, 'withdraw_consent', subject.id, { purpose: CONSENT_PURPOSE }));
    expect(none.summary.en).toContain(
      'You had given no consent for the purpose "Outage and maintenance messages" that was still in force',
    );
    expect(none.nothingToDo).toBe(true);
    expect(outcome.nothingToDo).toBeUndefined();
  });

  it('answers "we hold nothing" for a requester matched to nobody, without touching anything', async () => {
    for (const kind of ['access', 'rectification', 'erasure', 'restriction', 'objection', 'withdraw_consent'] as RequestKind[]) {
      const outcome = await execute(t, await newRequest(t, kind, null, { purpose: 'correspondence', changes: '{"phone":null}' }));
      expect(outcome).toEqual({
        summary: {
          nl: expect.stringContaining('geen persoonsgegevens') as string,
          en: expect.stringContaining('no personal data') as string,
        },
        kept: [],
      });
    }
  });
});

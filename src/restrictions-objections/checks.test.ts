import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { CONSENT_PURPOSE, withConsentPurpose } from '../../test/policies.ts';
import { KluisError } from '../errors.ts';
import { DPO, STAFF, lastEntries } from '../../test/support/executions.ts';

describe.each(DIALECTS)('restriction and objection checks of the guard, on %s', (dialect) => {
  let t: TestApp;
  let staffCookie: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { policy: withConsentPurpose() });
    staffCookie = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  const restrict = async (subjectId: string, purpose: string | null = null) => {
    const id = randomUUID();
    await t.database.db
      .insertInto('restrictions')
      .values({
        id,
        subject_id: subjectId,
        request_id: null,
        purpose,
        reason: 'test',
        started_at: new Date().toISOString(),
        lifted_at: null,
        lift_notice_sent_at: null,
      })
      .execute();
    return id;
  };
  const object = async (subjectId: string, purpose: string) => {
    const now = new Date().toISOString();
    await t.database.db
      .insertInto('objections')
      .values({
        id: randomUUID(),
        subject_id: subjectId,
        purpose,
        request_id: null,
        status: 'upheld',
        reason: 'test',
        created_at: now,
        decided_at: now,
      })
      .execute();
  };
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'allowed',
      (e: unknown) => (e instanceof KluisError ? e.code : 'error'),
    );

  it('refuses staff modification of restricted data with restricted, logs it denied and changes nothing', async () => {
    const subject = await newSubject(t, { phone: '+31 30 111 1111' });
    await restrict(subject.id);
    expect(await refusal(t.services.subjects.update(STAFF, subject.id, { phone: '+31 30 222 2222' }))).toBe('restricted');
    const [entry] = await lastEntries(t, 1);
    expect(entry).toMatchObject({ operation: 'modify', outcome: 'denied', actor_role: 'staff' });
    expect(entry?.reason).toMatch(/^restricted: .*Art\. 18/);
    expect(JSON.parse(entry?.subject_ids ?? '[]')).toEqual([subject.id]);
    const row = await t.database.db.selectFrom('subjects').select('phone').where('id', '=', subject.id).executeTakeFirstOrThrow();
    expect(row.phone).toBe('+31 30 111 1111');

    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/subjects/${subject.id}`,
      headers: { cookie: staffCookie },
      payload: { phone: '+31 30 333 3333' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: { code: 'restricted' } });
  });

  it('refuses staff consultation and collection; a search leaves the restricted person out', async () => {
    const subject = await newSubject(t, { lastName: 'Beperktmans' });
    await restrict(subject.id);
    expect(await refusal(t.services.subjects.get(STAFF, subject.id))).toBe('restricted');
    expect(
      await refusal(
        t.services.consents.record(STAFF, subject.id, {
          purpose: CONSENT_PURPOSE,
          givenAt: '2026-01-01T00:00:00Z',
          method: 'email',
          evidence: 'x',
        }),
      ),
    ).toBe('restricted');
    expect(await t.services.subjects.search(STAFF, { q: 'Beperktmans' })).toEqual([]);
    const [entry] = await lastEntries(t, 1);
    expect(entry).toMatchObject({ operation: 'consult', outcome: 'allowed' });
    expect(JSON.parse(entry?.subject_ids ?? '[]')).toEqual([]);
  });

  it('allows storage, the dpo handling requests, and processing with a recorded exception of Art. 18(2)', async () => {
    const subject = await newSubject(t);
    await restrict(subject.id);
    await t.services.guard.process(
      { actor: STAFF, operation: 'store', recordType: 'subject', subjectId: subject.id },
      async () => undefined,
    );
    expect((await t.services.subjectViews.view(DPO, subject.id)).subject.id).toBe(subject.id);
    const exception = { ground: 'legal_claims' as const, reason: 'dossier rechtbank Utrecht C/16/123' };
    await t.services.guard.process(
      { actor: STAFF, operation: 'consult', recordType: 'subject', subjectId: subject.id, exception },
      async () => undefined,
    );
    const [entry] = await lastEntries(t, 1);
    expect(entry).toMatchObject({
      operation: 'consult',
      outcome: 'allowed',
      reason: 'exception legal_claims: dossier rechtbank Utrecht C/16/123',
    });
  });

  it('restricts only the purpose a restriction names, and nothing once it is lifted', async () => {
    const subject = await newSubject(t);
    const id = await restrict(subject.id, 'correspondence');
    expect(await refusal(t.services.subjects.get(STAFF, subject.id, 'correspondence'))).toBe('restricted');
    expect(await refusal(t.services.subjects.get(STAFF, subject.id, 'contract'))).toBe('allowed');
    await t.database.db.updateTable('restrictions').set({ lifted_at: new Date().toISOString() }).where('id', '=', id).execute();
    expect(await refusal(t.services.subjects.get(STAFF, subject.id, 'correspondence'))).toBe('allowed');
  });

  it('refuses a purpose with an upheld objection with objected and logs it denied; other purposes go on', async () => {
    const subject = await newSubject(t);
    await object(subject.id, 'correspondence');
    expect(await refusal(t.services.subjects.get(STAFF, subject.id, 'correspondence'))).toBe('objected');
    const [entry] = await lastEntries(t, 1);
    expect(entry).toMatchObject({ operation: 'consult', purpose: 'correspondence', outcome: 'denied' });
    expect(entry?.reason).toMatch(/^objected: .*Art\. 21/);
    expect(await refusal(t.services.subjects.get(STAFF, subject.id, 'contract'))).toBe('allowed');
    const legalClaims = { ground: 'legal_claims' as const, reason: 'incasso factuur 2026-0001' };
    expect(
      await refusal(
        t.services.guard.process(
          {
            actor: STAFF,
            operation: 'consult',
            recordType: 'subject',
            subjectId: subject.id,
            purpose: 'correspondence',
            exception: legalClaims,
          },
          async () => undefined,
        ),
      ),
    ).toBe('allowed');
  });

  it('logs a refusal inside a caller-held transaction as the inner processing, once the caller rolled back', async () => {
    const subject = await newSubject(t);
    await restrict(subject.id);
    const nested = t.services.guard.process({ actor: DPO, operation: 'consult', recordType: 'case' }, (ctx) =>
      t.services.guard.processIn(
        ctx.trx,
        { actor: DPO, operation: 'modify', recordType: 'subject', subjectId: subject.id },
        async () => undefined,
      ),
    );
    expect(await refusal(nested)).toBe('restricted');
    const [entry] = await lastEntries(t, 1);
    expect(entry).toMatchObject({ operation: 'modify', record_type: 'subject', outcome: 'denied', actor_role: 'dpo' });

    let caught: unknown;
    await t.database.db
      .transaction()
      .execute((trx) =>
        t.services.guard.processIn(
          trx,
          { actor: STAFF, operation: 'consult', recordType: 'subject', subjectId: subject.id },
          async () => undefined,
        ),
      )
      .catch((e: unknown) => {
        caught = e;
      });
    await t.services.guard.logDenied(caught);
    const [logged] = await lastEntries(t, 1);
    expect(logged).toMatchObject({ operation: 'consult', outcome: 'denied', actor_role: 'staff' });
    expect(JSON.parse(logged?.subject_ids ?? '[]')).toEqual([subject.id]);
  });
});

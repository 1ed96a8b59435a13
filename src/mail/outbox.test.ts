import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { enqueueMail } from './outbox.repository.ts';
import { type OutboxMessage, type OutboxPage, RESTRICTED_TITLE } from './outbox.schema.ts';

describe.each(DIALECTS)('the outbox API on %s', (dialect) => {
  let t: TestApp;
  let staff: string;
  let dpo: string;
  let accountant: string;
  let subjectId: string;
  let first: string;
  let second: string;
  let failed: string;

  const lastEntry = () =>
    t.database.db
      .selectFrom('processing_log')
      .select(['operation', 'record_type', 'purpose', 'outcome', 'actor_role', 'subject_ids', 'records'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  beforeAll(async () => {
    t = await startTestApp(dialect);
    [staff, dpo, accountant] = [await t.signIn('staff'), await t.signIn('dpo'), await t.signIn('accountant')];
    subjectId = (await newSubject(t, { email: 'outbox@example.nl' })).id;
    const db = t.database.db;
    first = await enqueueMail(db, {
      createdAt: new Date().toISOString(),
      kind: 'verification_code',
      to: 'outbox@example.nl',
      title: 'Uw code',
      text: 'Uw code is 482913.',
      language: 'nl',
      subjectId,
      related: { type: 'rights_request', id: 'R-1' },
    });
    await new Promise((r) => setTimeout(r, 5));
    second = await enqueueMail(db, {
      createdAt: new Date().toISOString(),
      kind: 'request_answer',
      to: 'outbox@example.nl',
      title: 'Uw verzoek',
      text: 'Antwoord',
      html: '<p>Antwoord</p>',
      language: 'nl',
      subjectId,
      related: { type: 'rights_request', id: 'R-2' },
    });
    await new Promise((r) => setTimeout(r, 5));
    failed = await enqueueMail(db, {
      createdAt: new Date().toISOString(),
      kind: 'recipient_notice',
      to: 'leverancier@example.nl',
      title: 'Rectificatie',
      text: 'Art. 19',
      language: 'en',
    });
    await db
      .updateTable('outbox')
      .set({ status: 'failed', attempts: 6, last_error: 'ESOCKET: connect ECONNREFUSED' })
      .where('id', '=', failed)
      .execute();
  });
  afterAll(async () => t.close());

  it('shows staff the messages newest first with their text, while no SMTP server is configured', async () => {
    const before = await logCount(t);
    const response = await get('/api/outbox', staff);
    expect(response.statusCode).toBe(200);
    const page = response.json<OutboxPage>();
    expect(page.deliveryConfigured).toBe(false);
    expect(page.next).toBeNull();
    expect(page.messages.map((m) => m.id)).toEqual([failed, second, first]);
    expect(page.messages[2]).toMatchObject({
      kind: 'verification_code',
      restricted: false,
      to: 'outbox@example.nl',
      title: 'Uw code',
      text: 'Uw code is 482913.',
      html: null,
      status: 'pending',
      attempts: 0,
      lastError: null,
      sentAt: null,
      related: { type: 'rights_request', id: 'R-1' },
      subjectId,
    });
    expect(page.messages[2]?.nextAttemptAt).not.toBeNull();
    expect(page.messages[0]).toMatchObject({
      status: 'failed',
      attempts: 6,
      lastError: 'ESOCKET: connect ECONNREFUSED',
      nextAttemptAt: null,
    });

    // Reading letters about a person is consultation of their correspondence, and logged naming them.
    expect(await logCount(t)).toBe(before + 1);
    const entry = await lastEntry();
    expect(entry).toMatchObject({
      operation: 'consult',
      record_type: 'message',
      purpose: 'correspondence',
      outcome: 'allowed',
      actor_role: 'staff',
    });
    expect(JSON.parse(entry.subject_ids)).toEqual([subjectId]);
    expect(JSON.parse(entry.records)).toEqual([`outbox:${failed}`, `outbox:${second}`, `outbox:${first}`]);
  });

  it('filters by status and by what a message relates to, and pages', async () => {
    const failedOnly = (await get('/api/outbox?status=failed', staff)).json<OutboxPage>();
    expect(failedOnly.messages.map((m) => m.id)).toEqual([failed]);
    const related = (await get('/api/outbox?relatedType=rights_request&relatedId=R-2', dpo)).json<OutboxPage>();
    expect(related.messages.map((m) => m.id)).toEqual([second]);

    const one = (await get('/api/outbox?limit=2', staff)).json<OutboxPage>();
    expect(one.messages.map((m) => m.id)).toEqual([failed, second]);
    expect(one.next).not.toBeNull();
    const two = (await get(`/api/outbox?limit=2&before=${encodeURIComponent(one.next ?? '')}`, staff)).json<OutboxPage>();
    expect(two.messages.map((m) => m.id)).toEqual([first]);
    expect(two.next).toBeNull();
  });

  it('refuses bad filters with 400 and logs nothing', async () => {
    const before = await logCount(t);
    for (const query of ['status=lost', 'limit=0', 'limit=101', 'before=yesterday', 'colour=red']) {
      expect((await get(`/api/outbox?${query}`, staff)).statusCode, query).toBe(400);
    }
    expect(await logCount(t)).toBe(before);
  });

  it('shows one message, and 404 for one that does not exist', async () => {
    const response = await get(`/api/outbox/${second}`, staff);
    expect(response.statusCode).toBe(200);
    expect(response.json<OutboxMessage>()).toMatchObject({ id: second, html: '<p>Antwoord</p>', text: 'Antwoord' });
    expect(JSON.parse((await lastEntry()).subject_ids)).toEqual([subjectId]);
    const before = await logCount(t);
    expect((await get('/api/outbox/00000000-0000-4000-8000-000000000000', staff)).statusCode).toBe(404);
    expect(await logCount(t)).toBe(before);
  });

  it('keeps the outbox from the accountant, and logs the refusal', async () => {
    const before = await logCount(t);
    expect((await get('/api/outbox', accountant)).statusCode).toBe(403);
    expect(await logCount(t)).toBe(before + 1);
    expect(await lastEntry()).toMatchObject({ outcome: 'denied', actor_role: 'accountant' });
  });

  it('lets the dpo put a failed message back in the queue, and only a failed one', async () => {
    const retry = (id: string, cookie: string) =>
      t.app.inject({ method: 'POST', url: `/api/outbox/${id}/retry`, headers: { cookie } });
    expect((await retry(failed, staff)).statusCode).toBe(403);

    const before = await logCount(t);
    const response = await retry(failed, dpo);
    expect(response.statusCode).toBe(200);
    expect(response.json<OutboxMessage>()).toMatchObject({ id: failed, status: 'pending', attempts: 0 });
    const row = await t.database.db
      .selectFrom('outbox')
      .select(['status', 'attempts', 'next_attempt_at'])
      .where('id', '=', failed)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(Date.parse(row.next_attempt_at)).toBeLessThanOrEqual(Date.now());
    // The change to the delivery state, and the consultation of the letter the answer shows (through the guard).
    expect(await logCount(t)).toBe(before + 2);
    const entries = await t.database.db
      .selectFrom('processing_log')
      .select(['operation', 'record_type', 'purpose', 'actor_role', 'records'])
      .orderBy('seq', 'desc')
      .limit(2)
      .execute();
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          operation: 'modify',
          record_type: 'outbox',
          purpose: 'administration',
          actor_role: 'dpo',
          records: JSON.stringify([`outbox:${failed}`]),
        }),
        expect.objectContaining({
          operation: 'consult',
          record_type: 'message',
          actor_role: 'dpo',
          records: JSON.stringify([`outbox:${failed}`]),
        }),
      ]),
    );

    const again = await retry(failed, dpo);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('conflict');
    expect((await retry('00000000-0000-4000-8000-000000000000', dpo)).statusCode).toBe(404);
  });
});

describe.each(DIALECTS)('the outbox with a restricted person (Art. 18), on %s', (dialect) => {
  let t: TestApp;
  let staff: string;
  let dpo: string;
  let restrictedId: string;
  let otherId: string;
  let restrictedMail: string;
  let otherMail: string;
  let unrelatedMail: string;

  const restrict = (subjectId: string, purpose: string | null) =>
    t.database.db
      .insertInto('restrictions')
      .values({
        id: crypto.randomUUID(),
        subject_id: subjectId,
        request_id: null,
        purpose,
        reason: 'betwist de juistheid',
        started_at: new Date().toISOString(),
        lifted_at: null,
        lift_notice_sent_at: null,
      })
      .execute();
  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const lastEntry = () =>
    t.database.db
      .selectFrom('processing_log')
      .select(['operation', 'record_type', 'outcome', 'actor_role', 'subject_ids', 'records'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await startTestApp(dialect);
    [staff, dpo] = [await t.signIn('staff'), await t.signIn('dpo')];
    restrictedId = (await newSubject(t, { email: 'beperkt@example.nl' })).id;
    otherId = (await newSubject(t, { email: 'ander@example.nl' })).id;
    const db = t.database.db;
    otherMail = await enqueueMail(db, {
      createdAt: new Date().toISOString(),
      kind: 'request_answer',
      to: 'ander@example.nl',
      title: 'Uw verzoek',
      text: 'Antwoord aan de ander',
      language: 'nl',
      subjectId: otherId,
    });
    await new Promise((r) => setTimeout(r, 5));
    restrictedMail = await enqueueMail(db, {
      createdAt: new Date().toISOString(),
      kind: 'request_answer',
      to: 'beperkt@example.nl',
      title: 'Uw beperking',
      text: 'Wij hebben de verwerking beperkt.',
      html: '<p>Beperkt</p>',
      language: 'nl',
      subjectId: restrictedId,
      related: { type: 'rights_request', id: 'R-9' },
    });
    await db
      .updateTable('outbox')
      .set({ status: 'failed', attempts: 6, last_error: '550 <beperkt@example.nl> unknown' })
      .where('id', '=', restrictedMail)
      .execute();
    await new Promise((r) => setTimeout(r, 5));
    unrelatedMail = await enqueueMail(db, {
      createdAt: new Date().toISOString(),
      kind: 'recipient_notice',
      to: 'leverancier@example.nl',
      title: 'Rectificatie',
      text: 'Art. 19',
      language: 'nl',
    });
    await restrict(restrictedId, null);
  });
  afterAll(async () => t.close());

  it("shows staff the listing with the restricted person's row reduced to its delivery state, the others in full", async () => {
    const before = await logCount(t);
    const response = await get('/api/outbox', staff);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<OutboxPage>();
    expect(page.messages.map((m) => m.id)).toEqual([unrelatedMail, restrictedMail, otherMail]);
    const [unrelated, restricted, other] = page.messages;
    expect(restricted).toEqual({
      id: restrictedMail,
      createdAt: restricted?.createdAt,
      kind: 'request_answer',
      restricted: true,
      to: null,
      title: RESTRICTED_TITLE,
      text: null,
      html: null,
      textRemovedAt: null,
      language: 'nl',
      related: null,
      subjectId: null,
      status: 'failed',
      attempts: 6,
      nextAttemptAt: null,
      lastError: null,
      sentAt: null,
      messageId: null,
    });
    expect(restricted?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(response.body).not.toContain('beperkt@example.nl');
    expect(response.body).not.toContain(restrictedId);
    expect(other).toMatchObject({
      restricted: false,
      to: 'ander@example.nl',
      title: 'Uw verzoek',
      text: 'Antwoord aan de ander',
      subjectId: otherId,
    });
    expect(unrelated).toMatchObject({ restricted: false, to: 'leverancier@example.nl', text: 'Art. 19', subjectId: null });

    // One entry, naming only whom the listing showed: not the restricted person, nor their message.
    expect(await logCount(t)).toBe(before + 1);
    const entry = await lastEntry();
    expect(entry).toMatchObject({ operation: 'consult', record_type: 'message', outcome: 'allowed', actor_role: 'staff' });
    expect(JSON.parse(entry.subject_ids)).toEqual([otherId]);
    expect(JSON.parse(entry.records)).toEqual([`outbox:${unrelatedMail}`, `outbox:${otherMail}`]);
  });

  it("gives the dpo the restricted person's message in full, logged naming them", async () => {
    const page = (await get('/api/outbox', dpo)).json<OutboxPage>();
    expect(page.messages.find((m) => m.id === restrictedMail)).toMatchObject({
      restricted: false,
      to: 'beperkt@example.nl',
      title: 'Uw beperking',
      text: 'Wij hebben de verwerking beperkt.',
      html: '<p>Beperkt</p>',
      related: { type: 'rights_request', id: 'R-9' },
      subjectId: restrictedId,
      lastError: '550 <beperkt@example.nl> unknown',
    });
    const entry = await lastEntry();
    expect(entry).toMatchObject({ operation: 'consult', outcome: 'allowed', actor_role: 'dpo' });
    expect(JSON.parse(entry.subject_ids)).toEqual(expect.arrayContaining([restrictedId, otherId]));
    expect((await get(`/api/outbox/${restrictedMail}`, dpo)).json<OutboxMessage>()).toMatchObject({
      restricted: false,
      text: 'Wij hebben de verwerking beperkt.',
    });
  });

  it("refuses staff the restricted person's message by its id (409 restricted, logged denied), and shows the others", async () => {
    const before = await logCount(t);
    const refused = await get(`/api/outbox/${restrictedMail}`, staff);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'restricted' } });
    expect(refused.body).not.toContain('Wij hebben de verwerking beperkt.');
    expect(await logCount(t)).toBe(before + 1);
    const denied = await lastEntry();
    expect(denied).toMatchObject({ operation: 'consult', record_type: 'message', outcome: 'denied', actor_role: 'staff' });
    expect(JSON.parse(denied.subject_ids)).toEqual([restrictedId]);

    expect((await get(`/api/outbox/${otherMail}`, staff)).json<OutboxMessage>()).toMatchObject({
      restricted: false,
      text: 'Antwoord aan de ander',
    });
  });

  it('shows staff the message in full when the restriction is for another purpose, or lifted', async () => {
    const subjectId = (await newSubject(t, { email: 'deels@example.nl' })).id;
    const id = await enqueueMail(t.database.db, {
      createdAt: new Date().toISOString(),
      kind: 'request_answer',
      to: 'deels@example.nl',
      title: 'Deels',
      text: 'Alleen contract beperkt',
      language: 'nl',
      subjectId,
    });
    await restrict(subjectId, 'contract');
    const page = (await get('/api/outbox?relatedType=none', staff)).json<OutboxPage>();
    expect(page.messages).toEqual([]);
    const all = (await get('/api/outbox', staff)).json<OutboxPage>();
    expect(all.messages.find((m) => m.id === id)).toMatchObject({
      restricted: false,
      text: 'Alleen contract beperkt',
      subjectId,
    });

    await t.database.db
      .updateTable('restrictions')
      .set({ lifted_at: new Date().toISOString() })
      .where('subject_id', '=', restrictedId)
      .execute();
    const after = (await get('/api/outbox', staff)).json<OutboxPage>();
    expect(after.messages.find((m) => m.id === restrictedMail)).toMatchObject({
      restricted: false,
      text: 'Wij hebben de verwerking beperkt.',
    });
  });
});

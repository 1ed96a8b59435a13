import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { lastLogEntry, logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { execute, newRequest } from '../../test/support/executions.ts';
import type { Disclosure } from './disclosure.schema.ts';

const DEMAND = {
  authority: 'Politie Midden-Nederland',
  legalGround: 'art. 126nd Wetboek van Strafvordering',
  reference: 'PL0900-2026-123456',
  categories: ['user.name', 'user.contact.address'],
};

describe.each(DIALECTS)('legal demands of authorities (Art. 6(1)(c), 23), on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    dpo = await t.signIn('dpo');
    staff = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  const demand = (subjectId: string, payload: object, cookie = dpo) =>
    t.app.inject({ method: 'POST', url: `/api/subjects/${subjectId}/legal-demands`, payload, headers: { cookie } });
  const get = (url: string, cookie = dpo) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const count = async (table: 'disclosures' | 'outbox') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = async () => ({ disclosures: await count('disclosures'), outbox: await count('outbox'), log: await logCount(t) });

  it("is the dpo's alone", async () => {
    const subject = await newSubject(t);
    const before = await counts();
    const response = await demand(subject.id, DEMAND, staff);
    expect(response.statusCode).toBe(403);
    // Nothing disclosed or sent; the refusal itself is logged as denied (guard/capability.ts).
    expect(await counts()).toEqual({ ...before, log: before.log + 1 });
    expect(await lastLogEntry(t)).toMatchObject({
      outcome: 'denied',
      record_type: 'legal_demand',
      actor_role: 'staff',
      subject_ids: '[]',
    });
  });

  it('needs the authority, the legal ground and the reference; a suppression needs its ground; nothing changes without them', async () => {
    const subject = await newSubject(t);
    const before = await counts();
    for (const missing of ['authority', 'legalGround', 'reference'] as const) {
      const response = await demand(subject.id, { ...DEMAND, [missing]: '  ' });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'legal_ground_required', details: [{ path: missing }] } });
    }
    const withoutGround = Object.fromEntries(Object.entries(DEMAND).filter(([key]) => key !== 'legalGround'));
    expect((await demand(subject.id, withoutGround)).json()).toMatchObject({ error: { code: 'legal_ground_required' } });
    const unfounded = await demand(subject.id, { ...DEMAND, suppressNotice: true });
    expect(unfounded.statusCode).toBe(400);
    expect(unfounded.json()).toMatchObject({ error: { code: 'suppression_ground_required' } });
    expect((await demand(subject.id, { ...DEMAND, suppressNotice: true, suppressionGround: ' ' })).json()).toMatchObject({
      error: { code: 'suppression_ground_required' },
    });
    expect((await demand(subject.id, { ...DEMAND, suppressionGround: 'art. 126nd lid 3 Sv' })).json()).toMatchObject({
      error: { code: 'validation_failed' },
    });
    expect(await counts()).toEqual(before);
  });

  it('tells the person in advance unless suppressed, and the data waits for that notice', async () => {
    const subject = await newSubject(t, { email: 'verdacht@example.nl' });
    const made = await demand(subject.id, DEMAND);
    expect(made.statusCode, made.body).toBe(201);
    const disclosure = made.json<Disclosure>();
    expect(disclosure).toMatchObject({
      kind: 'legal_demand',
      recipient: { id: null, name: { nl: 'Politie Midden-Nederland' } },
      authorityReference: 'PL0900-2026-123456',
      legalGround: 'art. 126nd Wetboek van Strafvordering',
      status: 'awaiting_notice',
      notice: { status: 'queued' },
    });
    const notice = await t.database.db
      .selectFrom('outbox')
      .select(['to_address', 'title', 'body_text'])
      .where('related_id', '=', disclosure.id)
      .executeTakeFirstOrThrow();
    expect(notice.to_address).toBe('verdacht@example.nl');
    expect(notice.title).toBe('Politie Midden-Nederland vraagt om uw gegevens');
    expect(notice.body_text).toContain('PL0900-2026-123456');
    expect(notice.body_text).toContain('naam en adres');
    // A legal demand rests on Art. 6(1)(c): the notice offers no objection (Art. 21(1) does not reach it).
    expect(notice.body_text).not.toContain('bezwaar');
    const entry = await lastLogEntry(t);
    expect(entry).toMatchObject({ operation: 'disclose', outcome: 'allowed', actor_role: 'dpo' });
    expect(entry.reason).toContain('exception legal_obligation');
  });

  it('records a suppressed notice with its ground, releases at once, and hides it from staff and from the access package', async () => {
    const subject = await newSubject(t);
    const before = await counts();
    const made = await demand(subject.id, {
      ...DEMAND,
      suppressNotice: true,
      suppressionGround: 'art. 126nd lid 3 Sv: geheimhouding gevorderd',
    });
    expect(made.statusCode).toBe(201);
    const disclosure = made.json<Disclosure>();
    expect(disclosure).toMatchObject({
      status: 'released',
      notice: { status: 'suppressed', reason: 'art. 126nd lid 3 Sv: geheimhouding gevorderd', outboxId: null },
    });
    expect(await counts()).toEqual({ disclosures: before.disclosures + 1, outbox: before.outbox, log: before.log + 1 });
    expect((await get(`/api/disclosures/${disclosure.id}/export`)).json<{ data: object }>().data).toEqual({
      person: {
        firstName: subject.firstName,
        lastName: subject.lastName,
        addresses: [expect.objectContaining({ city: 'Utrecht' })],
      },
    });

    // Staff never see it: whoever sees it could tell the person.
    expect((await get(`/api/subjects/${subject.id}/disclosures`, staff)).json<{ disclosures: unknown[] }>().disclosures).toEqual(
      [],
    );
    expect((await get(`/api/disclosures/${disclosure.id}`, staff)).statusCode).toBe(404);
    // Every route answers staff as for a disclosure that does not exist: a 403 on one of them would tell its kind.
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const asStaff = async (id: string) => {
      const answers = [
        await get(`/api/disclosures/${id}`, staff),
        await get(`/api/disclosures/${id}/export`, staff),
        await t.app.inject({
          method: 'POST',
          url: `/api/disclosures/${id}/cancel`,
          payload: { reason: 'Vergissing' },
          headers: { cookie: staff },
        }),
      ];
      return answers.map((r) => [r.statusCode, r.body.replaceAll(id, 'ID')]);
    };
    const logBefore = await logCount(t);
    expect(await asStaff(disclosure.id)).toEqual(await asStaff(unknownId));
    expect((await asStaff(disclosure.id)).map(([status]) => status)).toEqual([404, 404, 404]);
    expect(await logCount(t)).toBe(logBefore);
    expect(
      (await get(`/api/subjects/${subject.id}/disclosures`)).json<{ disclosures: Disclosure[] }>().disclosures.map((d) => d.id),
    ).toEqual([disclosure.id]);

    // Nor does the access package, nor the log entries that name it.
    const request = await newRequest(t, 'access', subject.id);
    await execute(t, request);
    const row = await t.database.db
      .selectFrom('access_packages')
      .select('content')
      .where('request_id', '=', request.id)
      .executeTakeFirstOrThrow();
    const files = unzipSync(new Uint8Array(row.content));
    const everything = Object.values(files)
      .map((f) => strFromU8(f))
      .join('\n');
    expect(everything).not.toContain('Politie');
    expect(everything).not.toContain(disclosure.id);
    const data = JSON.parse(strFromU8(files['data.json'] as Uint8Array)) as {
      disclosures: unknown[];
      processingLog: { operation: string }[];
    };
    expect(data.disclosures).toEqual([]);
    expect(data.processingLog.map((e) => e.operation)).not.toContain('disclose');
  });

  it('is carried out for a restricted person (Art. 18(2)) and despite an objection (Art. 21 does not reach it)', async () => {
    const subject = await newSubject(t);
    await execute(t, await newRequest(t, 'restriction', subject.id));
    await execute(t, await newRequest(t, 'objection', subject.id, { purpose: 'correspondence' }));
    const made = await demand(subject.id, {
      ...DEMAND,
      purpose: 'correspondence',
      mode: 'recorded',
      description: 'Op papier overhandigd aan de recherche',
      suppressNotice: true,
      suppressionGround: 'art. 126nd lid 3 Sv',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ mode: 'recorded', status: 'released', purpose: 'correspondence' });
  });
});

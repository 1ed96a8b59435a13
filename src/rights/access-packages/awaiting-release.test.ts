import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { newSubject } from '../../../test/factories.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { migrateTo, migrateToLatest } from '../../db/migrate.ts';
import { daysAgo, mailTo } from '../../../test/support/requests.ts';
import { REQUEST_COLUMNS } from '../request.repository.ts';
import { newRequest } from '../../../test/support/executions.ts';

type Summary = { id: string; status: string; overdue: boolean; answeredAt?: string | null };

describe.each(DIALECTS)(
  'a granted access stays open until the link to its package went out (Art. 12(3), 15), on %s',
  (dialect) => {
    let t: TestApp;
    let staff: string;
    let dpo: string;

    beforeAll(async () => {
      t = await startTestApp(dialect);
      staff = await t.signIn('staff');
      dpo = await t.signIn('dpo');
    });
    afterAll(async () => t.close());

    const post = (url: string, payload: object | undefined, cookie: string) =>
      t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload === undefined ? {} : { payload }) });
    const row = (id: string) =>
      t.database.db.selectFrom('rights_requests').select(REQUEST_COLUMNS).where('id', '=', id).executeTakeFirstOrThrow();
    const listed = async (query: string) =>
      (await t.app.inject({ url: `/api/requests${query}`, headers: { cookie: staff } })).json<{ items: Summary[] }>().items;

    it('is awaiting_release after the grant, open, listed and overdue after its deadline, and answered when the dpo releases the package', async () => {
      const subject = await newSubject(t);
      // Received 40 days ago: its month has ended, whatever the weekends and holidays.
      const filed = await post(
        '/api/requests',
        { kind: 'access', channel: 'email', receivedOn: daysAgo(40), name: 'Anna de Vries', email: subject.email ?? '' },
        staff,
      );
      expect(filed.statusCode, filed.body).toBe(201);
      const { id, reference } = filed.json<{ id: string; reference: string }>();
      expect(
        (
          await post(
            `/api/requests/${id}/verify`,
            { method: 'known_contact', note: 'Vaste klant, teruggebeld', subjectId: subject.id },
            staff,
          )
        ).statusCode,
      ).toBe(200);

      const decided = await post(`/api/requests/${id}/decision`, { decision: 'granted' }, dpo);
      expect(decided.statusCode, decided.body).toBe(200);
      expect(decided.json<{ request: Summary }>().request).toMatchObject({
        status: 'awaiting_release',
        answeredAt: null,
        overdue: true,
      });
      expect(await row(id)).toMatchObject({ status: 'awaiting_release', decision: 'granted', answered_at: null });
      // The answer to the decision went out; the link has not.
      const kinds = async () => (await mailTo(t, subject.email ?? '')).map((m) => m.kind);
      expect(await kinds()).toContain('request_answer');
      expect(await kinds()).not.toContain('access_package');

      // The lists, the dashboard's list and the CLI show it as open and overdue.
      expect((await listed('?overdue=true')).map((r) => r.id)).toContain(id);
      expect((await listed('?status=awaiting_release')).map((r) => r.id)).toEqual([id]);
      expect((await listed('')).find((r) => r.id === id)).toMatchObject({ status: 'awaiting_release', overdue: true });
      const cli = runCli(t.database, ['request', 'list', '--overdue']);
      expect(cli.status, cli.stderr).toBe(0);
      expect(cli.stdout).toMatch(new RegExp(`OVERDUE\\s+${reference}\\s+access\\s+awaiting_release`));
      // The public status page says it is still in progress.
      expect((await t.app.inject({ url: `/api/public/requests/${reference}` })).json()).toMatchObject({ stage: 'in_progress' });

      const packages = (await t.app.inject({ url: `/api/requests/${id}/access-packages`, headers: { cookie: dpo } })).json<{
        packages: { id: string }[];
      }>().packages;
      const released = await post(`/api/access-packages/${packages[0]?.id ?? ''}/release`, undefined, dpo);
      expect(released.statusCode, released.body).toBe(200);

      const after = await row(id);
      expect(after.status).toBe('answered');
      expect(after.answered_at).not.toBeNull();
      const link = (await mailTo(t, subject.email ?? '')).find((m) => m.kind === 'access_package');
      expect(link).toBeDefined();
      expect((after.answered_at ?? '') >= (after.decided_at ?? 'z')).toBe(true);
      expect((await listed('?overdue=true')).map((r) => r.id)).not.toContain(id);
      expect((await t.app.inject({ url: `/api/public/requests/${reference}` })).json()).toMatchObject({ stage: 'answered' });
      // The release names the request in its log entry.
      const entry = await t.database.db
        .selectFrom('processing_log')
        .select(['operation', 'records'])
        .where('operation', '=', 'export')
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(entry.records)).toEqual(
        expect.arrayContaining([`access_package:${packages[0]?.id ?? ''}`, `rights_request:${id}`]),
      );
    });

    it('can be answered by hand while it waits, when the data went another way', async () => {
      const subject = await newSubject(t);
      const { id } = (
        await post(
          '/api/requests',
          { kind: 'access', channel: 'email', receivedOn: daysAgo(2), name: 'Anna de Vries', email: subject.email ?? '' },
          staff,
        )
      ).json<{ id: string }>();
      await post(
        `/api/requests/${id}/verify`,
        { method: 'known_contact', note: 'Vaste klant, teruggebeld', subjectId: subject.id },
        staff,
      );
      await post(`/api/requests/${id}/decision`, { decision: 'granted' }, dpo);
      expect((await row(id)).status).toBe('awaiting_release');
      const answered = await post(
        `/api/requests/${id}/answer`,
        { text: 'Wij hebben uw gegevens op een USB-stick aan u overhandigd.' },
        dpo,
      );
      expect(answered.statusCode, answered.body).toBe(200);
      expect(await row(id)).toMatchObject({
        status: 'answered',
        closing_note: 'Wij hebben uw gegevens op een USB-stick aan u overhandigd.',
      });
    });
  },
);

describe.each(DIALECTS)('an installation upgraded to awaiting_release, on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  const aPackage = (requestId: string, subjectId: string, reviewStatus: 'pending_review' | 'released') => ({
    id: randomUUID(),
    request_id: requestId,
    subject_id: subjectId,
    created_at: '2026-11-20T10:00:00.000Z',
    expires_at: '2026-12-04T10:00:00.000Z',
    token_hash: randomUUID(),
    content: new Uint8Array([1, 2, 3]),
    size_bytes: 3,
    review_status: reviewStatus,
    reviewed_by: null,
    released_at: reviewStatus === 'released' ? '2026-11-21T10:00:00.000Z' : null,
    downloaded_at: null,
  });

  it('reopens an access answered at the decision whose package was never released, and leaves the rest', async () => {
    const db = t.database.db;
    // The rows are made by today's code first; migrating down to before the change keeps them as an older
    // installation would hold them (later migrations, such as the subject's source, go down with it).
    const subject = await newSubject(t);
    const answered = { status: 'answered' as const, answered_at: '2026-11-20T10:00:00.000Z' };
    const waiting = await newRequest(t, 'access', subject.id, answered);
    const released = await newRequest(t, 'access', subject.id, answered);
    const erasure = await newRequest(t, 'erasure', subject.id, answered);
    await migrateTo(db, '2026-11-26T1500-ledger-records-with');
    await db
      .insertInto('access_packages')
      .values([aPackage(waiting.id, subject.id, 'pending_review'), aPackage(released.id, subject.id, 'released')])
      .execute();

    await migrateToLatest(db);
    const status = async (id: string) =>
      db.selectFrom('rights_requests').select(['status', 'answered_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(await status(waiting.id)).toEqual({ status: 'awaiting_release', answered_at: null });
    expect(await status(released.id)).toEqual(answered);
    expect(await status(erasure.id)).toEqual(answered);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from './actor.ts';
import { sealLog } from './log-sealer.ts';
import { verifyChain } from './verify-chain.ts';

describe.each(DIALECTS)('processing log on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    dpo = await t.signIn('dpo');
    staff = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  it('keeps an unbroken chain under concurrent operations', async () => {
    // The dpo's enrolment of a second factor at sign-in is in the log already.
    await sealLog(t.database.db);
    const before = (await verifyChain(t.database.db, new Date())).entries;
    const subjects = await Promise.all(Array.from({ length: 20 }, () => newSubject(t)));
    await Promise.all(subjects.map((s) => t.services.subjects.get(cliActor(), s.id)));
    // Committed with their processings, not chained yet: the sealer chains them.
    expect(await verifyChain(t.database.db, new Date())).toEqual({ ok: true, entries: before, unsealed: 40 });
    expect((await sealLog(t.database.db)).sealed).toBe(40);
    expect(await verifyChain(t.database.db, new Date())).toEqual({ ok: true, entries: before + 40 });
    const seqs = await t.database.db.selectFrom('processing_log').select(['seq', 'hash']).orderBy('seq').execute();
    expect(seqs).toHaveLength(before + 40);
    expect(seqs.filter((s) => s.hash === '')).toEqual([]);
  });

  it('serves the log to the dpo, filtered by subject and paged', async () => {
    const subject = await newSubject(t);
    for (let i = 0; i < 3; i += 1) await t.services.subjects.get(cliActor(), subject.id);
    const first = await t.app.inject({
      method: 'GET',
      url: `/api/subjects/${subject.id}/processing-log?limit=2`,
      headers: { cookie: dpo },
    });
    expect(first.statusCode).toBe(200);
    const page1 = first.json<{ entries: { seq: number; operation: string; subjectIds: string[] }[]; next: number | null }>();
    expect(page1.entries.map((e) => e.operation)).toEqual(['consult', 'consult']);
    expect(page1.entries.every((e) => e.subjectIds.includes(subject.id))).toBe(true);
    expect(page1.next).not.toBeNull();
    const second = await t.app.inject({
      method: 'GET',
      url: `/api/subjects/${subject.id}/processing-log?limit=2&before=${page1.next}`,
      headers: { cookie: dpo },
    });
    const page2 = second.json<{ entries: { operation: string }[]; next: number | null }>();
    expect(page2.entries.map((e) => e.operation)).toEqual(['consult', 'collect']);
    expect(page2.next).toBeNull();

    const collects = await t.app.inject({
      method: 'GET',
      url: '/api/processing-log?operation=collect&limit=500',
      headers: { cookie: dpo },
    });
    expect(collects.json<{ entries: { operation: string }[] }>().entries.every((e) => e.operation === 'collect')).toBe(true);
  });

  it('names the actor and filters by record type', async () => {
    const subject = await newSubject(t);
    const me = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: staff } });
    const staffId = me.json<{ userId: string }>().userId;
    await t.app.inject({ method: 'GET', url: `/api/subjects/${subject.id}`, headers: { cookie: staff } });
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/processing-log?recordType=subject&actorId=${staffId}&limit=5`,
      headers: { cookie: dpo },
    });
    const entries = response.json<{ entries: { recordType: string; actor: { name: string | null } }[] }>().entries;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.recordType === 'subject')).toBe(true);
    expect(entries[0]?.actor.name).toMatch(/^staff \d+$/);
    const none = await t.app.inject({
      method: 'GET',
      url: '/api/processing-log?recordType=breach&actorId=' + staffId,
      headers: { cookie: dpo },
    });
    expect(none.json<{ entries: unknown[] }>().entries).toEqual([]);
  });

  it('exports the filtered log as formula-safe CSV, and logs the export (dpo only)', async () => {
    const subject = await newSubject(t, { firstName: '=HYPERLINK("x")' });
    const refused = await t.app.inject({ method: 'GET', url: '/api/processing-log/export', headers: { cookie: staff } });
    expect(refused.statusCode).toBe(403);
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/processing-log/export?subjectId=${subject.id}&lang=en`,
      headers: { cookie: dpo },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="processing-log-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^seq,at,actor_kind,actor_id,actor_name,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',collect,subject,');
    expect(lines[1]).toContain(subject.id);
    const exported = await t.database.db
      .selectFrom('processing_log')
      .select(['operation', 'record_type', 'reason', 'actor_role'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(exported).toEqual({
      operation: 'export',
      record_type: 'processing_log',
      reason: `export of 1 entries (subjectId=${subject.id})`,
      actor_role: 'dpo',
    });
  });

  it('is not readable by staff', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/processing-log', headers: { cookie: staff } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('rejects bad filters', async () => {
    for (const query of ['limit=0', 'limit=501', 'operation=sell', 'from=yesterday', 'subjectId=12', 'colour=red']) {
      const response = await t.app.inject({ method: 'GET', url: `/api/processing-log?${query}`, headers: { cookie: dpo } });
      expect(response.statusCode, query).toBe(400);
    }
  });

  it('reports an intact chain through the API and the CLI', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/processing-log/verify', headers: { cookie: dpo } });
    expect(api.json()).toMatchObject({ ok: true });
    const cli = runCli(t.database, ['log', 'verify']);
    expect(cli.stdout).toMatch(/intact: \d+ entries/);
    expect(cli.status).toBe(0);
  });

  describe('tampering', () => {
    it('finds a row edited by hand and names it', async () => {
      await newSubject(t);
      await sealLog(t.database.db);
      const victim = await t.database.db
        .selectFrom('processing_log')
        .select(['seq', 'actor_id'])
        .orderBy('seq')
        .offset(4)
        .limit(1)
        .executeTakeFirstOrThrow();
      await t.database.db
        .updateTable('processing_log')
        .set({ actor_id: 'somebody-else' })
        .where('seq', '=', victim.seq)
        .execute();

      const cli = runCli(t.database, ['log', 'verify']);
      expect(cli.status).toBe(3);
      expect(cli.stderr).toContain(`BROKEN at entry ${Number(victim.seq)}`);
      expect(cli.stderr).toContain('edited');
      const report = await verifyChain(t.database.db, new Date());
      expect(report.firstBroken?.seq).toBe(Number(victim.seq));

      await t.database.db
        .updateTable('processing_log')
        .set({ actor_id: victim.actor_id })
        .where('seq', '=', victim.seq)
        .execute();
      expect((await verifyChain(t.database.db, new Date())).ok).toBe(true);
    });

    it('finds a row that was removed, and rows removed from the end', async () => {
      await sealLog(t.database.db);
      const rows = await t.database.db.selectFrom('processing_log').selectAll().orderBy('seq').execute();
      const middle = rows[7];
      const last = rows.at(-1);
      if (middle === undefined || last === undefined) throw new Error('too few rows');
      await t.database.db.deleteFrom('processing_log_subjects').where('log_seq', '=', middle.seq).execute();
      await t.database.db.deleteFrom('processing_log').where('seq', '=', middle.seq).execute();
      const gap = (await verifyChain(t.database.db, new Date())).firstBroken;
      expect(gap?.seq).toBe(Number(middle.seq));
      expect(gap?.problem).toContain('missing');
      await t.database.db.insertInto('processing_log').values(middle).execute();

      await t.database.db.deleteFrom('processing_log_subjects').where('log_seq', '=', last.seq).execute();
      await t.database.db.deleteFrom('processing_log').where('seq', '=', last.seq).execute();
      const report = await verifyChain(t.database.db, new Date());
      expect(report.ok).toBe(false);
      expect(report.firstBroken?.problem).toContain('removed from the end');
      await t.database.db.insertInto('processing_log').values(last).execute();
      expect((await verifyChain(t.database.db, new Date())).ok).toBe(true);
    });
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newInvoice, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import type { Subject } from '../subjects/subject.schema.ts';
import type { Actor } from './actor.ts';
import { sealLog } from './log-sealer.ts';
import { verifyChain } from './verify-chain.ts';

const staff: Actor = { kind: 'user', id: 'batch-staff', role: 'staff' };

describe.each(DIALECTS)('read-only processings appended together on %s', (dialect) => {
  let t: TestApp;
  let subjects: Subject[];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    subjects = [];
    for (let i = 0; i < 4; i += 1) {
      const subject = await newSubject(t, { lastName: `Batch ${i}` });
      await newInvoice(t, subject.id);
      subjects.push(subject);
    }
  });
  afterAll(async () => t.close());

  const viewsOf = async (subjectId: string) =>
    t.database.db
      .selectFrom('processing_log')
      .innerJoin('processing_log_subjects', 'processing_log_subjects.log_seq', 'processing_log.seq')
      .select(['processing_log.seq', 'processing_log.records'])
      .where('processing_log_subjects.subject_id', '=', subjectId)
      .where('processing_log.actor_id', '=', staff.id)
      .where('processing_log.operation', '=', 'consult')
      .execute();

  it('gives every view served at once its own committed entry with its links, and the chain seals them', async () => {
    const views = await Promise.all(
      Array.from({ length: 40 }, (_, i) => t.services.subjectViews.view(staff, subjects[i % subjects.length]!.id)),
    );
    expect(views.map((v) => v.subject.lastName)).toEqual(Array.from({ length: 40 }, (_, i) => `Batch ${i % 4}`));
    // Each view returned after its entry committed: all forty are there the moment the last one returned.
    for (const subject of subjects) {
      const entries = await viewsOf(subject.id);
      expect(entries).toHaveLength(10);
      for (const entry of entries) expect(JSON.parse(entry.records)).toContain(`subject:${subject.id}`);
    }
    await sealLog(t.database.db);
    expect(await verifyChain(t.database.db, new Date())).toMatchObject({ ok: true });
  });

  it('logs views served together inside the work of another read-only processing', async () => {
    const before = await Promise.all([1, 2].map(async (i) => (await viewsOf(subjects[i]!.id)).length));
    const outer = { actor: staff, operation: 'consult' as const, recordType: 'subject' as const, readOnly: true };
    // Two at once, so that their entries form one batch, appended while the outer processing's door is current.
    const inner = await t.services.guard.process({ ...outer, subjectId: subjects[0]!.id }, () =>
      Promise.all([1, 2].map((i) => t.services.subjectViews.view(staff, subjects[i]!.id))),
    );
    expect(inner.map((v) => v.subject.lastName)).toEqual(['Batch 1', 'Batch 2']);
    expect(await Promise.all([1, 2].map(async (i) => (await viewsOf(subjects[i]!.id)).length))).toEqual(before.map((n) => n + 1));
  });

  it('fails every view of a batch whose append fails, and keeps none of its entries', async () => {
    const before = await Promise.all(subjects.map(async (s) => (await viewsOf(s.id)).length));
    // The links' table gone for a moment: the append of the batch cannot be written.
    await sql`alter table processing_log_subjects rename to processing_log_subjects_away`.execute(t.database.db);
    try {
      const outcomes = await Promise.allSettled(subjects.map((s) => t.services.subjectViews.view(staff, s.id)));
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    } finally {
      await sql`alter table processing_log_subjects_away rename to processing_log_subjects`.execute(t.database.db);
    }
    const entries = await t.database.db
      .selectFrom('processing_log')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('actor_id', '=', staff.id)
      .executeTakeFirstOrThrow();
    expect(Number(entries.n)).toBe(43);
    expect(await Promise.all(subjects.map(async (s) => (await viewsOf(s.id)).length))).toEqual(before);
    // And the next views are logged as before.
    await t.services.subjectViews.view(staff, subjects[0]!.id);
    expect((await viewsOf(subjects[0]!.id)).length).toBe(before[0]! + 1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { logPrunableFrom } from '../retention/rules/own-periods.ts';
import { cliActor } from './actor.ts';
import { checkpointReason, newestCheckpoint } from './log-checkpoint.ts';
import { sealLog } from './log-sealer.ts';
import { verifyChain } from './verify-chain.ts';
import { businessToday } from '../shared/business-day.ts';

const today = () => businessToday(new Date());
/** The first day today's entries are due: eight years after the end of this year (Sen ICT's policy). */
const dueDay = () => logPrunableFrom(today(), 8);
const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe.each(DIALECTS)('pruning the processing log after its period (Art. 5(1)(e), 5(2) GDPR), on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  const seqs = async () =>
    (await t.database.db.selectFrom('processing_log').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
  const entry = (seq: number) =>
    t.database.db.selectFrom('processing_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();

  it('keeps every entry until eight years after the end of its year, then prunes from a checkpoint the chain still verifies from', async () => {
    const subjects = await Promise.all([newSubject(t), newSubject(t)]);
    for (const s of subjects) await t.services.subjects.get(cliActor(), s.id);
    // Chained, as the sealer does within a second, so the hash the checkpoint keeps is known here.
    await sealLog(t.database.db);
    const before = await seqs();
    const last = before.at(-1) ?? 0;
    const lastHash = (await entry(last)).hash;

    const early = await t.services.logRetention.run({ today: dayBefore(dueDay()) });
    expect(early).toMatchObject({ pruned: 0, checkpoint: null });
    expect(await seqs()).toEqual(before);

    const report = await t.services.logRetention.run({ today: dueDay() });
    expect(report).toMatchObject({
      pruned: before.length,
      dueBefore: `${Number(today().slice(0, 4)) + 1}-01-01`,
      checkpoint: { seq: last, hash: lastHash },
      heldFrom: null,
    });
    // Only the entry that records the pruning is left; the links of the pruned entries went with them.
    expect(await seqs()).toEqual([last + 1]);
    const links = await t.database.db
      .selectFrom('processing_log_subjects')
      .select('log_seq')
      .where('log_seq', '<=', last)
      .execute();
    expect(links).toEqual([]);
    const recorded = await entry(last + 1);
    expect(recorded).toMatchObject({
      actor_id: 'log-retention',
      operation: 'erase',
      record_type: 'processing_log',
      records: JSON.stringify([`processing_log:1-${last}`]),
    });
    const cp = await newestCheckpoint(t.database.db);
    expect(cp).toMatchObject({ seq: last, hash: lastHash, first: 1, entrySeq: last + 1 });
    expect(recorded.reason).toBe(checkpointReason(cp ?? { seq: 0, first: 0, hash: '', prunedBefore: '' }));
    expect(recorded.prev_hash).toBe(lastHash);

    // What is left is verified from the checkpoint, also after new entries.
    await t.services.subjects.get(cliActor(), subjects[0]?.id ?? '');
    await sealLog(t.database.db);
    expect(await verifyChain(t.database.db, new Date())).toEqual({
      ok: true,
      entries: 2,
      checkpoint: { seq: last, first: 1, prunedBefore: report.dueBefore, at: cp?.at },
    });
    const cli = runCli(t.database, ['log', 'verify']);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(
      `The processing log is intact: 2 entries. Entries 1 to ${last}, written before 1 January ${Number(today().slice(0, 4)) + 1}, were pruned after their retention period`,
    );

    // A second pruning moves the checkpoint past the first one's entry; a run with nothing due changes nothing.
    const second = await t.services.logRetention.run({ today: dueDay() });
    expect(second).toMatchObject({ pruned: 2, checkpoint: { seq: last + 2 } });
    expect(await seqs()).toEqual([last + 3]);
    expect((await verifyChain(t.database.db, new Date())).ok).toBe(true);
    expect((await t.services.logRetention.run()).pruned).toBe(0);
    expect(await seqs()).toEqual([last + 3]);
  });

  it('finds tampering after a pruning: an edited entry, a changed or moved checkpoint, a removed checkpoint', async () => {
    await newSubject(t);
    await newSubject(t);
    await t.services.logRetention.run({ today: dueDay() });
    for (let i = 0; i < 3; i += 1) await newSubject(t);
    await sealLog(t.database.db);
    const cp = await newestCheckpoint(t.database.db);
    if (cp === null) throw new Error('no checkpoint');
    const rows = await seqs();
    expect(rows[0]).toBe(cp.seq + 1);
    expect((await verifyChain(t.database.db, new Date())).ok).toBe(true);
    const checkpoints = t.database.db.updateTable('processing_log_checkpoints').where('seq', '=', cp.seq);

    // An entry after the checkpoint edited by hand.
    const victim = await entry(rows[2] ?? 0);
    await t.database.db.updateTable('processing_log').set({ actor_id: 'somebody-else' }).where('seq', '=', victim.seq).execute();
    expect((await verifyChain(t.database.db, new Date())).firstBroken).toEqual({
      seq: Number(victim.seq),
      problem: 'its content does not match its hash (edited after it was written)',
    });
    const cli = runCli(t.database, ['log', 'verify']);
    expect(cli.status).toBe(3);
    expect(cli.stderr).toContain(`BROKEN at entry ${Number(victim.seq)}`);
    await t.database.db.updateTable('processing_log').set({ actor_id: victim.actor_id }).where('seq', '=', victim.seq).execute();

    // The checkpoint's hash changed: the first entry no longer links to it.
    await checkpoints.set({ hash: 'f'.repeat(64) }).execute();
    expect((await verifyChain(t.database.db, new Date())).firstBroken).toEqual({
      seq: cp.seq + 1,
      problem: 'its link to the checkpoint does not match (the checkpoint or the entry was changed)',
    });
    await checkpoints.set({ hash: cp.hash }).execute();

    // More entries removed and the checkpoint moved over them, hash and all: the entry that recorded it disagrees.
    const moved = await entry(rows[1] ?? 0);
    const removed = await t.database.db.selectFrom('processing_log').selectAll().where('seq', '<=', moved.seq).execute();
    const removedLinks = await t.database.db
      .selectFrom('processing_log_subjects')
      .selectAll()
      .where('log_seq', '<=', moved.seq)
      .execute();
    await t.database.db.deleteFrom('processing_log_subjects').where('log_seq', '<=', moved.seq).execute();
    await t.database.db.deleteFrom('processing_log').where('seq', '<=', moved.seq).execute();
    await checkpoints.set({ seq: Number(moved.seq), hash: moved.hash }).execute();
    const movedCheckpoint = t.database.db.updateTable('processing_log_checkpoints').where('seq', '=', Number(moved.seq));
    expect((await verifyChain(t.database.db, new Date())).firstBroken?.problem).toBe(
      'the checkpoint names an entry inside what it pruned (the checkpoint was changed)',
    );
    // … and pointed at a later entry as its record: that entry does not say it.
    await movedCheckpoint.set({ entry_seq: rows[3] ?? 0 }).execute();
    expect((await verifyChain(t.database.db, new Date())).firstBroken).toEqual({
      seq: rows[3],
      problem: 'it does not record the checkpoint that names it (the checkpoint was changed)',
    });
    await movedCheckpoint.set({ seq: cp.seq, hash: cp.hash, entry_seq: cp.entrySeq }).execute();
    await t.database.db.insertInto('processing_log').values(removed).execute();
    if (removedLinks.length > 0) await t.database.db.insertInto('processing_log_subjects').values(removedLinks).execute();
    expect((await verifyChain(t.database.db, new Date())).ok).toBe(true);

    // The checkpoint removed: the missing entries are no longer accounted for.
    await t.database.db.deleteFrom('processing_log_checkpoints').execute();
    expect((await verifyChain(t.database.db, new Date())).firstBroken).toEqual({
      seq: 1,
      problem: `entries 1 to ${cp.seq} are missing and no checkpoint records that they were pruned`,
    });
    await t.database.db
      .insertInto('processing_log_checkpoints')
      .values({
        seq: cp.seq,
        hash: cp.hash,
        first_seq: cp.first,
        pruned_before: cp.prunedBefore,
        entry_seq: cp.entrySeq,
        at: cp.at,
      })
      .execute();

    // An entry after the checkpoint removed, and the last one.
    await t.database.db
      .deleteFrom('processing_log_subjects')
      .where('log_seq', '=', rows[2] ?? 0)
      .execute();
    await t.database.db
      .deleteFrom('processing_log')
      .where('seq', '=', rows[2] ?? 0)
      .execute();
    expect((await verifyChain(t.database.db, new Date())).firstBroken?.problem).toBe(
      `entry ${rows[2]} is missing (next is ${rows[3]})`,
    );
    await t.database.db.insertInto('processing_log').values(victim).execute();
    expect((await verifyChain(t.database.db, new Date())).ok).toBe(true);
  });

  it('keeps the entries from the first one naming a person under a legal hold (Art. 17(3)(e)), until it is released', async () => {
    await newSubject(t);
    const held = await newSubject(t);
    await newSubject(t);
    const first = await t.database.db
      .selectFrom('processing_log_subjects')
      .select((eb) => eb.fn.min('log_seq').as('seq'))
      .where('subject_id', '=', held.id)
      .executeTakeFirstOrThrow();
    const heldFrom = Number(first.seq);
    const hold = await t.services.legalHolds.place(cliActor(), held.id, { reason: 'Geschil over de factuur', reviewOn: today() });
    const report = await t.services.logRetention.run({ today: dueDay() });
    expect(report.heldFrom).toBe(heldFrom);
    expect((await seqs())[0]).toBe(heldFrom);
    expect(report.checkpoint?.seq).toBe(heldFrom - 1);
    expect((await verifyChain(t.database.db, new Date())).ok).toBe(true);

    await t.services.legalHolds.release(cliActor(), hold.id, { reason: 'Geschil geschikt' });
    const after = await t.services.logRetention.run({ today: dueDay() });
    expect(after.heldFrom).toBeNull();
    expect((await seqs())[0]).toBeGreaterThan(heldFrom);
    expect((await verifyChain(t.database.db, new Date())).ok).toBe(true);
  });
});

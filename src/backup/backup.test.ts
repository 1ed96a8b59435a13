import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { newAgreement, newCase, newConsent, newInvoice, newSubject } from '../../test/factories.ts';
import { cliActor } from '../guard/actor.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { withConsentPurpose } from '../../test/policies.ts';
import { openDatabase } from '../db/database.ts';
import type { BackupManifest } from './backup-format.ts';
import { execute, newRequest } from '../../test/support/executions.ts';

// The SQLite file backup; the PostgreSQL export has its own test (postgres-backup.test.ts).
describe('encrypted backups, on sqlite', () => {
  let t: TestApp;
  let keys: { identity: string; recipient: string; file: string };
  let env: Record<string, string>;
  const backupDir = () => path.join(t.database.dataDir, 'backups');

  function keygen() {
    const r = runCli(undefined, ['backup', 'keygen']);
    expect(r.status).toBe(0);
    const identity = /^AGE-SECRET-KEY-1[0-9A-Z]+$/m.exec(r.stdout)?.[0] ?? '';
    const recipient = /^# public key: (age1[0-9a-z]+)$/m.exec(r.stdout)?.[1] ?? '';
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-key-')), 'identity.txt');
    fs.writeFileSync(file, r.stdout, { mode: 0o600 });
    return { identity, recipient, file, stdout: r.stdout, stderr: r.stderr };
  }

  beforeAll(async () => {
    // Invoices are issued on 2 December 2026: kept until 1 January 2034 (art. 52 lid 4 AWR).
    t = await startTestApp('sqlite', { now: () => new Date('2026-12-02T10:00:00Z'), policy: withConsentPurpose() });
    keys = keygen();
    env = { KLUIS_BACKUP_RECIPIENT: keys.recipient };
  });
  afterAll(async () => t.close());

  it('keygen prints a new identity once, with its recipient, and says to store it offline and configure the recipient', () => {
    const k = keygen();
    expect(k.identity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(k.recipient).toMatch(/^age1[0-9a-z]{58}$/);
    expect(k.identity).not.toBe(keys.identity);
    expect(k.stdout.match(/AGE-SECRET-KEY-1/g)).toHaveLength(1);
    expect(k.stderr).toContain('OFFLINE');
    expect(k.stderr).toContain(`KLUIS_BACKUP_RECIPIENT=${k.recipient}`);
  });

  it('refuses to create a backup without a recipient, with a stable error', () => {
    const r = runCli(t.database, ['backup', 'create']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error [backup_no_recipient]');
  });

  it('creates an encrypted file, mode 0600, that is no readable SQLite without the key, and verify passes only with the right key', async () => {
    await newSubject(t);
    const r = runCli(t.database, ['backup', 'create'], { env });
    expect(r.status, r.stderr).toBe(0);
    const file = /Backup written: (\S+)/.exec(r.stdout)?.[1] ?? '';
    expect(path.basename(file)).toMatch(/^kluis-\d{4}-\d\d-\d\dT[\d-]+Z\.sqlite\.age$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 21).toString('latin1')).toBe('age-encryption.org/v1');
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(() => new DatabaseSync(file, { readOnly: true }).prepare('select * from subjects').all()).toThrow();
    const manifest = JSON.parse(fs.readFileSync(file.replace(/\.sqlite\.age$/, '.json'), 'utf8')) as BackupManifest;
    expect(manifest).toMatchObject({ format: 'kluis-backup', dialect: 'sqlite', ledgerSeq: 0 });
    // The copy of everyone's data is in the processing log.
    const logged = await t.database.db.selectFrom('processing_log').selectAll().where('record_type', '=', 'backup').execute();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      operation: 'export',
      actor_kind: 'system',
      actor_id: 'backup',
      records: JSON.stringify([`backup:${path.basename(file)}`]),
    });
    expect(manifest.migrations.length).toBeGreaterThan(5);

    const good = runCli(undefined, ['backup', 'verify', file, '--identity-file', keys.file]);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain('integrity: ok');
    expect(good.stdout).toContain('processing log: intact');
    expect(good.stdout).toContain('The backup is good.');

    const wrong = runCli(undefined, ['backup', 'verify', file, '--identity-file', keygen().file]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('error [backup_wrong_key]');

    const tampered = path.join(path.dirname(keys.file), 'tampered.sqlite.age');
    const copy = Buffer.from(bytes);
    copy[copy.length - 100] = (copy[copy.length - 100] ?? 0) ^ 0xff;
    fs.writeFileSync(tampered, copy);
    const bad = runCli(undefined, ['backup', 'verify', tampered, '--identity-file', keys.file]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('error [backup_damaged]');
  });

  it('back up, erase a person, sweep another, restore: both stay gone, the others are back', async () => {
    const erased = await newSubject(t);
    // Swept after the backup: the sweep writes one ledger row for a subject it removes, which the restore
    // replays with everything the subject had in the backup, invoices (which do not cascade) included.
    const swept = await newSubject(t);
    const sweptAgreement = await newAgreement(t, swept.id, { endDate: '2026-01-01' });
    const sweptInvoice = await newInvoice(t, swept.id, { agreementId: sweptAgreement.id });
    await t.services.invoices.issue(cliActor(), sweptInvoice.id, { completedOn: '2026-03-31' });
    await newAgreement(t, erased.id, { kind: 'quote', title: 'Offerte', status: 'sent' });
    await newCase(t, erased.id);
    await newConsent(t, erased.id);
    // A running agreement: the sweep of 2034 leaves it (a quote nobody answered would be gone by then, Art. 5(1)(e)).
    const kept = await newSubject(t);
    await newAgreement(t, kept.id);

    const created = runCli(t.database, ['backup', 'create'], { env });
    expect(created.status, created.stderr).toBe(0);
    const file = /Backup written: (\S+)/.exec(created.stdout)?.[1] ?? '';

    // After the backup: the person is erased (ledger rows), and someone new arrives (lost by the restore).
    await execute(t, await newRequest(t, 'erasure', erased.id));
    expect(
      await t.database.db.selectFrom('subjects').select('id').where('id', '=', erased.id).executeTakeFirst(),
    ).toBeUndefined();
    expect((await t.services.retention.run({ today: '2034-01-01' })).deleted).toMatchObject({
      invoice: 1,
      agreement: 1,
      subject: 1,
    });
    const sweptLedger = await t.database.db
      .selectFrom('erasure_ledger')
      .select(['record_type', 'record_id', 'records_with'])
      .where('subject_id', '=', swept.id)
      .execute();
    expect(sweptLedger).toEqual([{ record_type: 'subject', record_id: swept.id, records_with: 2 }]);
    const later = await newSubject(t);

    const unconfirmed = runCli(t.database, ['backup', 'restore', file, '--identity-file', keys.file]);
    expect(unconfirmed.status).toBe(1);
    expect(unconfirmed.stderr).toContain('error [backup_confirmation_required]');
    const busy = runCli(t.database, ['backup', 'restore', file, '--identity-file', keys.file, '--yes']);
    expect(busy.status).toBe(1);
    expect(busy.stderr).toContain('error [backup_database_in_use]');

    await t.database.close(); // the server stops
    const restored = runCli(t.database, ['backup', 'restore', file, '--identity-file', keys.file, '--yes']);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/deletions re-applied from the erasure ledger: [1-9]\d* \(\d+ erasure/);

    const db = openDatabase({ dataDir: t.database.dataDir });
    try {
      const ids = (await db.db.selectFrom('subjects').select('id').execute()).map((r) => r.id);
      expect(ids).toContain(kept.id);
      expect(ids).not.toContain(erased.id);
      expect(ids).not.toContain(swept.id);
      expect(ids).not.toContain(later.id);
      expect(await db.db.selectFrom('invoices').select('id').where('subject_id', '=', swept.id).execute()).toEqual([]);
      expect(await db.db.selectFrom('agreements').select('id').where('subject_id', '=', swept.id).execute()).toEqual([]);
      for (const table of ['agreements', 'cases', 'consents', 'subject_addresses'] as const) {
        expect(await db.db.selectFrom(table).select('id').where('subject_id', '=', erased.id).execute(), table).toEqual([]);
      }
      expect(await db.db.selectFrom('agreements').select('id').where('subject_id', '=', kept.id).execute()).toHaveLength(1);
      const ledger = await db.db.selectFrom('erasure_ledger').select('record_id').where('subject_id', '=', erased.id).execute();
      expect(ledger.map((r) => r.record_id)).toContain(erased.id);
      const last = await db.db
        .selectFrom('processing_log')
        .select(['operation', 'record_type', 'reason'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(last).toMatchObject({ operation: 'erase', record_type: 'backup' });
      expect(last.reason).toContain('re-applied');
    } finally {
      await db.close();
    }
    const log = runCli(t.database, ['log', 'verify']);
    expect(log.status, log.stderr).toBe(0);
  });

  it('keeps the newest KLUIS_BACKUP_KEEP backups', () => {
    for (let i = 0; i < 3; i += 1)
      expect(runCli(t.database, ['backup', 'create'], { env: { ...env, KLUIS_BACKUP_KEEP: '2' } }).status).toBe(0);
    const files = fs.readdirSync(backupDir());
    expect(files.filter((f) => f.endsWith('.sqlite.age'))).toHaveLength(2);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(2);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { newAgreement, newCase, newConsent, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { withConsentPurpose } from '../../test/policies.ts';
import { cliActor } from '../guard/actor.ts';
import { openDatabase } from '../db/database.ts';
import { execute, newRequest } from '../../test/support/executions.ts';
import type { BackupManifest } from './backup-format.ts';

/**
 * Issue 5, point 6, on PostgreSQL: the app's own consistent export, encrypted with age; verify without a
 * PostgreSQL server; a restore that rebuilds beside the live schema and re-applies every later erasure.
 */
describe.skipIf(!DIALECTS.includes('postgres'))('encrypted backups, on postgres', () => {
  let t: TestApp;
  let keys: { file: string; recipient: string };
  let env: Record<string, string>;

  function keygen() {
    const r = runCli(undefined, ['backup', 'keygen']);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-key-')), 'identity.txt');
    fs.writeFileSync(file, r.stdout, { mode: 0o600 });
    return { file, recipient: /^# public key: (age1[0-9a-z]+)$/m.exec(r.stdout)?.[1] ?? '' };
  }
  const subjectIds = async () => (await t.database.db.selectFrom('subjects').select('id').execute()).map((r) => r.id);

  beforeAll(async () => {
    t = await startTestApp('postgres', { policy: withConsentPurpose() });
    keys = keygen();
    env = { KLUIS_BACKUP_RECIPIENT: keys.recipient };
  });
  afterAll(async () => t.close());

  it('back up, erase a person, restore: the person stays gone, the others are back, the log chain holds', async () => {
    const erased = await newSubject(t);
    await newAgreement(t, erased.id, { kind: 'quote', title: 'Offerte', status: 'sent' });
    const withMessage = await newCase(t, erased.id);
    await t.services.cases.addMessage(cliActor(), withMessage.id, {
      channel: 'email',
      direction: 'inbound',
      occurredAt: '2026-11-01T10:00:00Z',
      body: 'Vraag met bijlage',
      attachments: [
        {
          filename: 'scan.pdf',
          contentType: 'application/pdf',
          contentBase64: Buffer.from('%PDF-1.4 binary \u0000\u00ff').toString('base64'),
        },
      ],
    });
    await newConsent(t, erased.id);
    const kept = await newSubject(t);
    await newAgreement(t, kept.id, { kind: 'quote', title: 'Offerte', status: 'sent' });

    const created = runCli(t.database, ['backup', 'create'], { env });
    expect(created.status, created.stderr).toBe(0);
    const file = /Backup written: (\S+)/.exec(created.stdout)?.[1] ?? '';
    expect(path.basename(file)).toMatch(/^kluis-.*\.postgres\.age$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from(kept.lastName))).toBe(false);
    const manifest = JSON.parse(fs.readFileSync(file.replace(/\.postgres\.age$/, '.json'), 'utf8')) as BackupManifest;
    expect(manifest).toMatchObject({ format: 'kluis-backup', dialect: 'postgres', ledgerSeq: 0 });
    // The copy of everyone's data is in the processing log.
    const logged = await t.database.db.selectFrom('processing_log').selectAll().where('record_type', '=', 'backup').execute();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      operation: 'export',
      actor_kind: 'system',
      actor_id: 'backup',
      records: JSON.stringify([`backup:${path.basename(file)}`]),
    });

    // Verify needs no PostgreSQL: the export is checked in a scratch SQLite copy.
    const good = runCli(undefined, ['backup', 'verify', file, '--identity-file', keys.file]);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain('processing log: intact');
    const wrong = runCli(undefined, ['backup', 'verify', file, '--identity-file', keygen().file]);
    expect(wrong.stderr).toContain('error [backup_wrong_key]');

    // After the backup: the person is erased, and someone new arrives (lost by the restore, as with any restore).
    await execute(t, await newRequest(t, 'erasure', erased.id));
    expect(await subjectIds()).not.toContain(erased.id);
    const later = await newSubject(t);
    const ledgerBefore = await t.database.db.selectFrom('erasure_ledger').select('seq').execute();
    expect(ledgerBefore.length).toBeGreaterThan(0);

    // A tampered file changes nothing.
    const tampered = path.join(path.dirname(keys.file), 'tampered.postgres.age');
    const copy = Buffer.from(bytes);
    copy[copy.length - 100] = (copy[copy.length - 100] ?? 0) ^ 0xff;
    fs.writeFileSync(tampered, copy);
    const bad = runCli(t.database, ['backup', 'restore', tampered, '--identity-file', keys.file, '--yes']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('error [backup_damaged]');
    expect(await subjectIds()).toContain(later.id);

    await t.database.close(); // the server stops
    const restored = runCli(t.database, ['backup', 'restore', file, '--identity-file', keys.file, '--yes']);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/deletions re-applied from the erasure ledger: [1-9]\d* \(\d+ erasure/);

    const after = openDatabase({ databaseUrl: t.database.databaseUrl, dataDir: t.database.dataDir, schema: t.database.schema });
    try {
      const ids = (await after.db.selectFrom('subjects').select('id').execute()).map((r) => r.id);
      expect(ids).toContain(kept.id);
      expect(ids).not.toContain(erased.id);
      expect(ids).not.toContain(later.id);
      for (const table of ['agreements', 'cases', 'consents', 'messages', 'attachments'] as const) {
        expect(await after.db.selectFrom(table).select('id').where('subject_id', '=', erased.id).execute(), table).toEqual([]);
      }
      // The ledger continues: its rows came along and its sequence goes on after them.
      const ledger = await after.db.selectFrom('erasure_ledger').select(['seq', 'record_id']).orderBy('seq').execute();
      expect(ledger.map((r) => r.record_id)).toContain(erased.id);
      await after.db
        .insertInto('erasure_ledger')
        .values({
          at: new Date().toISOString(),
          kind: 'erasure',
          record_type: 'subject',
          record_id: 'x',
          subject_id: 'x',
          request_id: null,
        })
        .execute();
      expect(await after.db.selectFrom('erasure_ledger').select('seq').where('record_id', '=', 'x').execute()).toHaveLength(1);
      const schemas = await sql<{
        schema_name: string;
      }>`select schema_name from information_schema.schemata where schema_name like ${`${t.database.schema ?? ''}%`}`.execute(
        after.db,
      );
      expect(schemas.rows.map((r) => r.schema_name)).toEqual([t.database.schema]);
    } finally {
      await after.close();
    }
    const log = runCli(t.database, ['log', 'verify']);
    expect(log.status, log.stdout + log.stderr).toBe(0);
  });
});

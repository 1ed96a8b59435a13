import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { standardJobs } from '../jobs/jobs.ts';
import { newestBackup } from './backup-files.ts';

const silent = { info: () => undefined, error: () => undefined };

describe('the scheduled backup, on sqlite', () => {
  let t: TestApp;
  let recipient: string;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    await newSubject(t);
    const keygen = runCli(undefined, ['backup', 'keygen']);
    recipient = /^# public key: (age1[0-9a-z]+)$/m.exec(keygen.stdout)?.[1] ?? '';
  });
  afterAll(async () => t.close());

  const config = (overrides: { backupRecipient?: string; databaseUrl?: string } = {}) => ({
    dataDir: t.database.dataDir,
    databaseUrl: undefined,
    backupRecipient: undefined,
    backupDir: fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-backups-')),
    backupKeep: 2,
    ...overrides,
  });

  it('is a job only when a recipient is configured, on either database', () => {
    const names = (c?: ReturnType<typeof config>) => standardJobs(t.services, silent, {}, c).map((j) => j.name);
    expect(names()).not.toContain('backup');
    expect(names(config())).not.toContain('backup');
    expect(names(config({ backupRecipient: recipient, databaseUrl: 'postgres://x@127.0.0.1/db' }))).toContain('backup');
    expect(names(config({ backupRecipient: recipient }))).toContain('backup');
  });

  it('writes an encrypted backup, keeps the configured number, and tells the self-check how old the newest is', async () => {
    const c = config({ backupRecipient: recipient });
    expect(newestBackup(c.backupDir, new Date())).toBeNull();
    const job = standardJobs(t.services, silent, {}, c).find((j) => j.name === 'backup');
    for (let i = 0; i < 3; i += 1) {
      await job?.run();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const files = fs.readdirSync(c.backupDir).filter((f) => f.endsWith('.sqlite.age'));
    expect(files).toHaveLength(2);
    const newest = newestBackup(c.backupDir, new Date());
    expect(newest?.file).toBe(path.join(c.backupDir, [...files].sort().at(-1) ?? ''));
    expect(newest?.ageHours).toBeLessThan(0.1);
    expect(
      fs
        .readFileSync(newest?.file ?? '')
        .subarray(0, 16)
        .toString('latin1'),
    ).not.toContain('SQLite format');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { DataDirectoryError, ensurePrivateDirectory } from './private-files.ts';

const modeOf = (p: string) => fs.statSync(p).mode & 0o7777;

describe("the data directory and its files are the owner's alone (Art. 32(1)(b) AVG)", () => {
  let base: string;
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-modes-'));
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it('tightens a data directory that exists with 0755, and creates kluis.sqlite and its -wal and -shm files 0600', async () => {
    const dir = path.join(base, 'data');
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o755);
    const database = openDatabase({ dataDir: dir });
    try {
      await sql`create table t (x integer)`.execute(database.db);
      await sql`insert into t values (1)`.execute(database.db);
      expect(modeOf(dir)).toBe(0o700);
      const file = path.join(dir, 'kluis.sqlite');
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect([f, modeOf(f).toString(8)]).toEqual([f, '600']);
    } finally {
      await database.close();
    }
  });

  it('tightens a database file and its write-ahead log left readable by everyone', async () => {
    const dir = path.join(base, 'old');
    fs.mkdirSync(dir, { mode: 0o700 });
    const file = path.join(dir, 'kluis.sqlite');
    const first = openDatabase({ dataDir: dir });
    await sql`create table t (x integer)`.execute(first.db);
    await first.close();
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(`${file}-wal`, '');
    fs.chmodSync(`${file}-wal`, 0o666);
    const again = openDatabase({ dataDir: dir });
    try {
      await sql`insert into t values (1)`.execute(again.db);
      expect([modeOf(file), modeOf(`${file}-wal`)]).toEqual([0o600, 0o600]);
    } finally {
      await again.close();
    }
  });

  it('creates missing parents 0700 and refuses, with what to do, a shared directory or a path under /proc', () => {
    const deep = path.join(base, 'a', 'b', 'data');
    ensurePrivateDirectory(deep);
    expect([modeOf(path.join(base, 'a')), modeOf(deep)]).toEqual([0o700, 0o700]);

    const shared = path.join(base, 'shared');
    fs.mkdirSync(shared);
    fs.chmodSync(shared, 0o1777);
    expect(() => ensurePrivateDirectory(shared)).toThrow(/shared directory .*01777.*a directory of its own/);
    expect(modeOf(shared)).toBe(0o1777);

    // Node's own recursive mkdir retries for ever under /proc; a start there must end with a clear message.
    expect(() => openDatabase({ dataDir: '/proc/kluis-data' })).toThrow(DataDirectoryError);
    expect(() => ensurePrivateDirectory('/proc/kluis-data/x')).toThrow(
      /cannot be created \(ENOENT at \/proc\/kluis-data\): choose a directory on a normal file system/,
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { type Database, openDatabase } from './database.ts';
import type { Executor } from './executor.ts';
import { precompiled } from './precompiled.ts';

const nameOf = precompiled((db: Executor, id: string) =>
  db.selectFrom('users').select(['id', 'display_name']).where('id', '=', id),
);

describe.skipIf(!DIALECTS.includes('postgres'))('prepared statements on PostgreSQL', () => {
  let test: TestDatabase;
  let one: Database;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    // One connection, so that every call meets the same prepared statement.
    one = openDatabase({
      databaseUrl: test.databaseUrl,
      dataDir: test.dataDir,
      ...(test.schema === undefined ? {} : { schema: test.schema }),
      poolSize: 1,
    });
    await one.db
      .insertInto('users')
      .values({
        id: 'u1',
        email: 'u1@kluis.test',
        display_name: 'Eerste',
        role: 'staff',
        password_hash: 'x',
        created_at: '2026-12-05T00:00:00.000Z',
      })
      .execute();
  });
  afterAll(async () => {
    await one.close();
    await test.drop();
  });

  it('runs a precompiled query prepared, and goes on unprepared once the statement broke under a schema change', async () => {
    expect(await nameOf(one.db, 'u1')).toEqual([{ id: 'u1', display_name: 'Eerste' }]);
    const prepared = await one.db
      .selectFrom('pg_prepared_statements' as never)
      .select('statement' as never)
      .execute();
    expect(prepared.map((r) => String((r as { statement: string }).statement))).toContainEqual(
      expect.stringContaining('"display_name"'),
    );
    // A migration that changes a selected column's type: the prepared plan may not change its result type.
    await one.db.schema
      .alterTable('users')
      .alterColumn('display_name', (c) => c.setDataType('varchar(200)'))
      .execute();
    await expect(nameOf(one.db, 'u1')).rejects.toMatchObject({ code: '0A000' });
    expect(await nameOf(one.db, 'u1')).toEqual([{ id: 'u1', display_name: 'Eerste' }]);
    expect(await nameOf(one.db, 'u1')).toEqual([{ id: 'u1', display_name: 'Eerste' }]);
  });
});

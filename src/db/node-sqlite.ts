import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Adapts Node's built-in `node:sqlite` to the better-sqlite3 shape that Kysely's SqliteDialect expects,
 * so the embedded default needs no native addon.
 */
export class NodeSqliteDatabase implements SqliteDatabase {
  readonly raw: DatabaseSync;
  // Preparing is a large share of a small query's cost; statements are reused by SQL text.
  private readonly statements = new Map<string, SqliteStatement>();

  constructor(filename: string) {
    this.raw = new DatabaseSync(filename);
    this.raw.exec('PRAGMA journal_mode = WAL');
    this.raw.exec('PRAGMA synchronous = NORMAL');
    this.raw.exec('PRAGMA foreign_keys = ON');
    this.raw.exec('PRAGMA busy_timeout = 5000');
    // SQLite's automatic checkpoint (every 1000 WAL pages) stays on: it is what lets the WAL start over. A
    // checkpointer in a worker thread was tried and measured: it neither lowered the stalls nor, under a
    // steady stream of commits, let the WAL restart (it grew by 150 MB/s).
  }

  prepare(sql: string): SqliteStatement {
    // Kysely opens transactions with a plain BEGIN. Every transaction of ours may write (the processing
    // log is appended in the same transaction), so take the write lock up front: a deferred transaction
    // that upgrades later fails with SQLITE_BUSY when another process wrote in between.
    const text = /^begin$/i.test(sql.trim()) ? 'begin immediate' : sql;
    let statement = this.statements.get(text);
    if (statement === undefined) {
      statement = wrap(this.raw.prepare(text));
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(text, statement);
    }
    return statement;
  }

  close(): void {
    this.statements.clear();
    if (this.raw.isOpen) this.raw.close();
  }
}

function wrap(statement: StatementSync): SqliteStatement {
  const reader = statement.columns().length > 0;
  return {
    reader,
    all: (parameters) => statement.all(...(parameters as never[])),
    run: (parameters) => {
      const result = statement.run(...(parameters as never[]));
      return { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
    },
    iterate: (parameters) => statement.iterate(...(parameters as never[])) as IterableIterator<unknown>,
  };
}

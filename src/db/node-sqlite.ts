import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Adapts Node's built-in `node:sqlite` to the better-sqlite3 shape that Kysely's SqliteDialect expects,
 * so the embedded default needs no native addon.
 */
export class NodeSqliteDatabase implements SqliteDatabase {
  readonly raw: DatabaseSync;
  // Preparing is a large share of a small query's cost; statements are reused by SQL text.
  private readonly statements = new Map<string, SqliteStatement>();
  private readonly checkpointer: Worker | undefined;

  constructor(filename: string) {
    this.raw = new DatabaseSync(filename);
    this.raw.exec('PRAGMA journal_mode = WAL');
    this.raw.exec('PRAGMA synchronous = NORMAL');
    this.raw.exec('PRAGMA foreign_keys = ON');
    this.raw.exec('PRAGMA busy_timeout = 5000');
    // node:sqlite is synchronous: an automatic checkpoint inside a commit stalls the whole event loop for
    // milliseconds every few hundred requests. Checkpoint from a worker thread instead (PASSIVE: it never
    // blocks a writer); SQLite still checkpoints when the last connection closes.
    if (filename !== ':memory:') {
      this.raw.exec('PRAGMA wal_autocheckpoint = 0');
      this.checkpointer = startCheckpointer(filename);
    }
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
    void this.checkpointer?.terminate();
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

const CHECKPOINT_EVERY_MS = 1000;

function startCheckpointer(filename: string): Worker {
  const worker = new Worker(
    `
    const { DatabaseSync } = require('node:sqlite');
    const { workerData } = require('node:worker_threads');
    const db = new DatabaseSync(workerData.filename);
    db.exec('PRAGMA busy_timeout = 1000');
    setInterval(() => {
      try { db.exec('PRAGMA wal_checkpoint(PASSIVE)'); } catch { /* busy: the next round catches up */ }
    }, workerData.every);
    `,
    { eval: true, workerData: { filename, every: CHECKPOINT_EVERY_MS } },
  );
  worker.unref();
  return worker;
}

import { type ConnectionProvider, type DatabaseConnection, type Dialect, type Driver, Kysely, type KyselyProps } from 'kysely';
import type { DB } from './types.ts';

/**
 * Work on one connection of the pool whose queries are not queued behind each other by Kysely. Kysely's own
 * `connection()` runs one query at a time, for a transaction's sake; this hands the connection to every query
 * of the work at once, so queries issued together (`Promise.all`) reach the pg client together and its pipeline
 * mode (database.ts) sends them in one round trip; PostgreSQL answers them in order. For work that only reads:
 * the guard's read-only processings (guard.ts). It cannot open a transaction, and says so.
 */
export function onOneConnection<T>(db: Kysely<DB>, work: (pinned: Kysely<DB>) => Promise<T>): Promise<T> {
  const executor = db.getExecutor();
  return executor.provideConnection(async (connection) => {
    const shared = new SharedConnection(connection);
    const props: KyselyProps = {
      config: { dialect: NOT_HERE },
      dialect: NOT_HERE,
      driver: NO_TRANSACTIONS,
      executor: executor.withConnectionProvider(shared),
    };
    try {
      return await work(new Kysely<DB>(props));
    } finally {
      // A work that failed on one read (Promise.all) may leave the others running: the connection goes back to
      // the pool only once they are answered, so the next borrower never waits behind them.
      await shared.settled();
    }
  });
}

/** The one connection, to every query that asks, without waiting for the one before. */
class SharedConnection implements ConnectionProvider {
  private readonly connection: DatabaseConnection;
  private readonly running = new Set<Promise<unknown>>();

  constructor(connection: DatabaseConnection) {
    this.connection = connection;
  }

  provideConnection<T>(consumer: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
    const query = consumer(this.connection);
    this.running.add(query);
    const forget = () => this.running.delete(query);
    query.then(forget, forget);
    return query;
  }

  /** Resolves once every query given the connection has been answered, whether it succeeded or failed. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}

const refuse = (what: string) => (): never => {
  throw new Error(`${what} is not available on a connection pinned for reading (src/db/pinned.ts)`);
};

// Kysely asks its driver only to open, end or close transactions and the database, and its dialect only for an
// introspector: none of which a pinned read does.
const NO_TRANSACTIONS: Driver = {
  init: refuse('init'),
  acquireConnection: refuse('a new connection'),
  beginTransaction: refuse('a transaction'),
  commitTransaction: refuse('a transaction'),
  rollbackTransaction: refuse('a transaction'),
  releaseConnection: refuse('releasing the connection'),
  destroy: refuse('closing the database'),
};

const NOT_HERE: Dialect = {
  createDriver: () => NO_TRANSACTIONS,
  createQueryCompiler: refuse('a query compiler'),
  createAdapter: refuse('an adapter'),
  createIntrospector: refuse('introspection'),
};

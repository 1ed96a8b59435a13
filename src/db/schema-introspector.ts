import {
  type DatabaseIntrospector,
  type Kysely,
  type QueryExecutorProvider,
  type SchemaMetadata,
  type TableMetadata,
  sql,
} from 'kysely';

/**
 * What Kysely's migrator needs to know of the catalog (does our schema exist, which tables are in it), read from
 * our own schema only. Kysely's PostgreSQL introspector reads every schema on the server, with functions such as
 * has_schema_privilege() that fail with `schema "…" does not exist` when another schema is dropped while the query
 * runs (another application, a test, a restore swapping its staging schema), and with `column "…" does not exist`
 * when another schema's table is altered meanwhile. Our migrations never depend on other schemas, so neither
 * should the check that comes before them.
 */
export class CurrentSchemaIntrospector implements DatabaseIntrospector {
  readonly #db: QueryExecutorProvider;

  constructor(db: QueryExecutorProvider) {
    this.#db = db;
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string | null }>`select current_schema() as name`.execute(this.#db);
    return rows.flatMap((r) => (r.name === null ? [] : [{ name: r.name }]));
  }

  /** Tables and views of the current schema by name; the migrator reads no columns. */
  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; is_view: boolean }>`
      select c.relname as name, n.nspname as schema, c.relkind = 'v' as is_view
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v')`.execute(this.#db);
    return rows.map((r) => ({ name: r.name, schema: r.schema, isView: r.is_view, columns: [] }));
  }

  async getMetadata(): Promise<{ tables: TableMetadata[] }> {
    return { tables: await this.getTables() };
  }
}

/**
 * The database as the migrator should see it: the same connections, but with an introspector that reads only
 * the current schema. Kysely's methods use private fields, so they are called on the real instance.
 */
export function withCurrentSchemaIntrospection<T>(db: Kysely<T>): Kysely<T> {
  const introspection = new CurrentSchemaIntrospector(db);
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

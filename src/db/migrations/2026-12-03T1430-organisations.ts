import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * Organisations as customers (issue 20, part 1), with their contact persons:
 *  - `organisations`: name, kind (`legal_entity`, or `sole_trader` / `partnership`, whose data is a natural
 *    person's), KvK and VAT number, e-mail, phone; `organisation_addresses` as a subject's addresses;
 *  - `contact_roles`: which subject is a contact person of which organisation, in which role, and whether the
 *    person is its owner or a partner (`owner` 1); the row goes with either side;
 *  - agreements and invoices belong to exactly one of a subject or an organisation (`subject_id` is no longer
 *    required) and may name a contact person (`contact_id`, cleared when that person is erased);
 *  - cases may say for which organisation the person wrote (`organisation_id`); the case stays the person's:
 *    correspondence is always with a person.
 * SQLite cannot drop a NOT NULL or add a check to a table: agreements, invoices and cases are rebuilt from their
 * own stored definition, with foreign keys off (outside a transaction: SQLite migrations run without one) so
 * dropping the old table deletes nothing that refers to it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('legal_entity', 'sole_trader', 'partnership')`))
    .addColumn('kvk_number', 'text')
    .addColumn('vat_number', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('organisations_name')
    .on('organisations')
    .expression(sql`lower(name)`)
    .execute();
  await db.schema.createIndex('organisations_kvk').on('organisations').column('kvk_number').execute();

  await db.schema
    .createTable('organisation_addresses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('postal_code', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('organisation_addresses_organisation')
    .on('organisation_addresses')
    .column('organisation_id')
    .execute();

  await db.schema
    .createTable('contact_roles')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('owner', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_roles_pk', ['organisation_id', 'subject_id'])
    .execute();
  await db.schema.createIndex('contact_roles_subject').on('contact_roles').column('subject_id').execute();

  for (const table of ['agreements', 'invoices'] as const) {
    await db.schema
      .alterTable(table)
      .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
      .execute();
    await db.schema
      .alterTable(table)
      .addColumn('contact_id', 'text', (c) => c.references('subjects.id').onDelete('set null'))
      .execute();
  }
  await db.schema
    .alterTable('cases')
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .execute();

  if (isPostgres(db)) {
    for (const table of ['agreements', 'invoices']) {
      await sql`alter table ${sql.table(table)} alter column subject_id drop not null`.execute(db);
      await sql`alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_one_owner`)} check (${ONE_OWNER})`.execute(db);
      await sql`alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_contact_of_organisation`)} check (${CONTACT_OF_ORGANISATION})`.execute(
        db,
      );
    }
  } else {
    await withoutForeignKeys(db, async () => {
      for (const table of ['agreements', 'invoices']) {
        await rebuildSqlite(db, table, (create) =>
          addChecks(create.replace(/"subject_id" text not null/i, '"subject_id" text'), [
            `constraint "${table}_one_owner" check (("subject_id" is null) <> ("organisation_id" is null))`,
            `constraint "${table}_contact_of_organisation" check ("contact_id" is null or "organisation_id" is not null)`,
          ]),
        );
      }
    });
  }
  for (const table of ['agreements', 'invoices', 'cases']) {
    await db.schema.createIndex(`${table}_organisation`).on(table).column('organisation_id').execute();
  }
  for (const table of ['agreements', 'invoices'])
    await db.schema.createIndex(`${table}_contact`).on(table).column('contact_id').execute();
}

const ONE_OWNER = sql`(subject_id is null) <> (organisation_id is null)`;
const CONTACT_OF_ORGANISATION = sql`contact_id is null or organisation_id is not null`;

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter.constructor.name === 'PostgresAdapter';

/** Inserts table constraints before the closing parenthesis of a CREATE TABLE statement. */
function addChecks(create: string, checks: string[]): string {
  const end = create.lastIndexOf(')');
  return `${create.slice(0, end)}, ${checks.join(', ')})`;
}

/** SQLite: runs the work with foreign keys off and checks them afterwards. */
async function withoutForeignKeys(db: Kysely<any>, work: () => Promise<void>): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await work();
    const broken = await sql`pragma foreign_key_check`.execute(db);
    if (broken.rows.length > 0) throw new Error(`organisations migration: ${broken.rows.length} rows break a foreign key`);
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

/**
 * SQLite: the table again under the definition `transform` makes of its stored one, the rows copied by column
 * name, its indexes recreated. `drop` names columns left out (the down migration removes them).
 */
async function rebuildSqlite(
  db: Kysely<any>,
  table: string,
  transform: (create: string) => string,
  drop: string[] = [],
): Promise<void> {
  const definition = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(
    db,
  );
  const create = definition.rows[0]?.sql;
  if (create === undefined) throw new Error(`organisations migration: no table ${table}`);
  const indexes = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db);
  const columns = (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)).rows
    .map((r) => r.name)
    .filter((c) => !drop.includes(c));
  const rebuilt = `${table}_rebuilt`;
  const next = transform(create).replace(/^create table\s+("[^"]+"|\S+)/i, `create table "${rebuilt}"`);
  await sql.raw(next).execute(db);
  const list = sql.join(columns.map((c) => sql.ref(c)));
  await sql`insert into ${sql.table(rebuilt)} (${list}) select ${list} from ${sql.table(table)}`.execute(db);
  await sql`drop table ${sql.table(table)}`.execute(db);
  await sql`alter table ${sql.table(rebuilt)} rename to ${sql.table(table)}`.execute(db);
  for (const index of indexes.rows) {
    if (drop.some((c) => index.sql.includes(`"${c}"`))) continue;
    await sql.raw(index.sql).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['agreements', 'invoices', 'cases']) await db.schema.dropIndex(`${table}_organisation`).execute();
  for (const table of ['agreements', 'invoices']) await db.schema.dropIndex(`${table}_contact`).execute();
  // An organisation's agreements and invoices have no person to go back to.
  await db
    .deleteFrom('invoice_lines')
    .where('invoice_id', 'in', db.selectFrom('invoices').select('id').where('subject_id', 'is', null))
    .execute();
  await db
    .updateTable('invoices')
    .set({ credit_for_id: null })
    .where('credit_for_id', 'in', db.selectFrom('invoices').select('id').where('subject_id', 'is', null))
    .execute();
  await db.deleteFrom('invoices').where('subject_id', 'is', null).execute();
  await db.deleteFrom('agreements').where('subject_id', 'is', null).execute();
  if (isPostgres(db)) {
    for (const table of ['agreements', 'invoices']) {
      await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(`${table}_one_owner`)}`.execute(db);
      await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(`${table}_contact_of_organisation`)}`.execute(db);
      await sql`alter table ${sql.table(table)} alter column subject_id set not null`.execute(db);
      await db.schema.alterTable(table).dropColumn('contact_id').execute();
      await db.schema.alterTable(table).dropColumn('organisation_id').execute();
    }
    await db.schema.alterTable('cases').dropColumn('organisation_id').execute();
  } else {
    await withoutForeignKeys(db, async () => {
      for (const table of ['agreements', 'invoices', 'cases']) {
        await rebuildSqlite(
          db,
          table,
          (create) =>
            create
              .replace(/"subject_id" text(?! not null)/i, '"subject_id" text not null')
              .replace(/,\s*constraint "\w+_(one_owner|contact_of_organisation)" check \((?:[^()]|\([^()]*\))*\)/gi, '')
              .replace(/,\s*"organisation_id" text references "organisations" \("id"\)/i, '')
              .replace(/,\s*"contact_id" text references "subjects" \("id"\) on delete set null/i, ''),
          ['organisation_id', 'contact_id'],
        );
      }
    });
  }
  await db.schema.dropTable('contact_roles').execute();
  await db.schema.dropTable('organisation_addresses').execute();
  await db.schema.dropTable('organisations').execute();
}

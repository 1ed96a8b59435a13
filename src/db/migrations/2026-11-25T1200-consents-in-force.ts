import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

// One consent in force per subject and purpose: the service checks it, this makes it hold under
// concurrent requests on PostgreSQL too. Withdrawn consents stay as evidence and are not counted.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('consents_in_force')
    .on('consents')
    .columns(['subject_id', 'purpose'])
    .unique()
    .where(sql.ref('withdrawn_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('consents_in_force').execute();
}

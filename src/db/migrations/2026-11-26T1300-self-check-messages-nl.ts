import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * The self-check's findings in Dutch beside the English `message`: the back office and its privacy officer read
 * Dutch. Nullable: results kept before this migration have only the English text, which stays their fallback.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('self_check_results').addColumn('message_nl', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('self_check_results').dropColumn('message_nl').execute();
}
